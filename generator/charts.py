"""Pictures drawn at build time as inline SVG: the tile-grid map and the charts. No JavaScript, no
request to any server; every shape has a text alternative and every text from data is escaped."""

from __future__ import annotations

import html

from markupsafe import Markup

from . import numfmt
from .criteria import YearCriteria
from .dataset import Dataset, Entry
from .model import Metric, Region
from .sitemeta import Tile

TILE, GAP = 44, 4
STATUSES = ("utama", "madya", "pratama", "awarded", "none", "nodata")
LABELS = {"utama": "Utama", "madya": "Madya", "pratama": "Pratama", "awarded": "Kategori tidak disebut",
          "none": "Tidak menerima", "nodata": "Belum ada data"}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page_url(md_path: str) -> str:
    """docs path -> the directory URL the engine gives it: 'provinsi/aceh.md' -> 'provinsi/aceh/'."""
    stem = md_path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return stem + "/" if stem else ""


def legend(statuses: tuple[str, ...] = STATUSES) -> Markup:
    items = "".join(f'<li><span class="uhc-swatch uhc-fill--{s}"></span>{LABELS[s]}</li>' for s in statuses)
    return Markup(f'<ul class="uhc-legend">{items}</ul>')


def tile_map(ds: Dataset, tiles: dict[str, Tile], year: int, site_path: str, region_path: object,
             highlight: str | None = None) -> Markup:
    """Indonesia's provinces as a tile grid coloured by their own award status in `year`. Links are
    root-relative under the site's path: site engines differ in how they treat relative links in raw HTML."""
    width = (max(t.col for t in tiles.values()) + 1) * (TILE + GAP)
    height = (max(t.row for t in tiles.values()) + 1) * (TILE + GAP)
    title = f"Peta provinsi menurut status {ds.criteria[year].edition}"
    parts = [f'<svg class="uhc-map" viewBox="0 0 {width} {height}" role="img" aria-labelledby="uhc-map-title">',
             f'<title id="uhc-map-title">{esc(title)}</title>']
    for province in ds.registry.provinces:
        tile = tiles[province.code]
        status = ds.entry(province.code, year).status.value
        x, y = tile.col * (TILE + GAP), tile.row * (TILE + GAP)
        mark = " uhc-tile--here" if province.code == highlight else ""
        target = site_path + page_url(region_path(province))  # type: ignore[operator]
        parts.append(
            f'<a href="{esc(target)}" class="uhc-tile{mark}" data-code="{province.code}" data-status="{status}">'
            f"<title>{esc(province.name)}: {LABELS[status]}</title>"
            f'<rect class="uhc-fill--{status}" x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" text-anchor="middle">{esc(tile.label)}</text></a>')
    parts.append("</svg>")
    return Markup('<figure class="uhc-figure">' + "".join(parts) + str(legend()) + "</figure>")


def stacked_bar(counts: dict[str, int], label: str) -> Markup:
    """One bar split by status, e.g. a province's kabupaten/kota; the numbers are also in the alt text."""
    total = sum(counts.values()) or 1
    described = ", ".join(f"{LABELS[s]} {counts[s]}" for s in STATUSES if counts.get(s))
    parts = [f'<svg class="uhc-chart" viewBox="0 0 300 24" role="img" aria-label="{esc(label)}: {esc(described)}">']
    x = 0.0
    for status in STATUSES:
        n = counts.get(status, 0)
        if not n:
            continue
        w = 300 * n / total
        parts.append(f'<rect class="uhc-fill--{status}" x="{x:.1f}" y="0" width="{w:.1f}" height="24">'
                     f"<title>{LABELS[status]}: {n}</title></rect>")
        x += w
    parts.append("</svg>")
    return Markup("".join(parts))


def tier_bars(recorded: dict[str, int], official: dict[str, int], label: str) -> Markup:
    """Recorded vs official counts per tier, as paired horizontal bars."""
    rows = [s for s in ("utama", "madya", "pratama") if s in official]
    if not rows:
        return Markup("")
    top = max(max(official.values()), max(recorded.get(s, 0) for s in rows), 1)
    height = len(rows) * 26 + 4
    alt = "; ".join(f"{LABELS[s]}: {recorded.get(s, 0)} tercatat dari {official[s]} resmi" for s in rows)
    parts = [f'<svg class="uhc-chart" viewBox="0 0 360 {height}" role="img" aria-label="{esc(label)}: {esc(alt)}">']
    for i, s in enumerate(rows):
        y = 4 + i * 26
        full = 220 * official[s] / top
        have = 220 * recorded.get(s, 0) / top
        parts.append(f'<text x="0" y="{y + 13}" class="uhc-chart-label">{LABELS[s]}</text>'
                     f'<rect class="uhc-fill--nodata" x="64" y="{y}" width="{full:.1f}" height="18"/>'
                     f'<rect class="uhc-fill--{s}" x="64" y="{y}" width="{have:.1f}" height="18"/>'
                     f'<text x="{68 + full:.1f}" y="{y + 13}" class="uhc-chart-value">'
                     f"{recorded.get(s, 0)} dari {official[s]}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


SCALES = {Metric.COVERAGE: (90.0, 105.0), Metric.ACTIVITY: (60.0, 105.0), Metric.PEMDA_SHARE: (0.0, 50.0)}


def figures_chart(entry: Entry, criteria: YearCriteria) -> Markup:
    """A region's figures against the year's thresholds (tick marks), for the metrics that are known."""
    record = entry.record
    if record is None or criteria.rules is None or not record.metrics.any_percentage:
        return Markup("")
    rows = [(m, f) for m in Metric if (f := record.metrics.value(m)) is not None]
    height = len(rows) * 52 + 6
    alt = "; ".join(f"{m.label} {numfmt.figure(v)}" for m, v in rows)
    parts = [f'<svg class="uhc-chart" viewBox="0 0 320 {height}" role="img" '
             f'aria-label="Angka {esc(entry.region.name)} dibandingkan ambang kategori: {esc(alt)}">']
    for i, (metric, figure) in enumerate(rows):
        value = figure.value
        low, high = SCALES[metric]
        y = 18 + i * 52

        def pos(v: float, low: float = low, high: float = high) -> float:
            return 10 + 300 * (min(max(v, low), high) - low) / (high - low)

        parts.append(f'<text x="10" y="{y - 4}" class="uhc-chart-label">{esc(metric.label)}: '
                     f"{numfmt.figure(figure)}</text>"
                     f'<rect class="uhc-fill--nodata" x="10" y="{y}" width="300" height="14"/>'
                     f'<rect class="uhc-fill--value" x="10" y="{y}" width="{pos(value) - 10:.1f}" height="14"/>')
        for t in criteria.ticks[metric]:
            if low <= t <= high:
                parts.append(f'<line class="uhc-chart-mark" x1="{pos(t):.1f}" x2="{pos(t):.1f}" y1="{y - 2}" '
                             f'y2="{y + 18}"/><text x="{pos(t):.1f}" y="{y + 28}" text-anchor="middle" '
                             f'class="uhc-chart-tick">{numfmt.decimal(t)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def region_counts(ds: Dataset, year: int, regions: list[Region]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for r in regions:
        counts[ds.entry(r.code, year).status.value] += 1
    return counts

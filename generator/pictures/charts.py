"""Charts drawn at build time as inline SVG from view records: a region's figures against the thresholds, a
count split by status, recorded against official counts. Each has its numbers as a text alternative;
inferred answers are hatched and counted apart, as on the maps. Every text from data is escaped."""

from __future__ import annotations

import html

from markupsafe import Markup

from generator import numfmt
from generator.judge.answers import Counts
from generator.views.parts import FiguresChart, TierBars
from generator.vocabulary import AWARD_TIERS, STATUSES, Metric

SCALES = {Metric.COVERAGE: (90.0, 105.0), Metric.ACTIVITY: (60.0, 105.0), Metric.PEMDA_SHARE: (0.0, 50.0)}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def stacked_bar(counts: Counts, label: str) -> Markup:
    """One bar split by status (inferred parts hatched); the numbers are also in the text alternative."""
    total = counts.total or 1
    described = ", ".join(counts.phrase(s) for s in STATUSES if counts[s])
    parts = [f'<svg class="uhc-chart" viewBox="0 0 300 24" role="img" aria-label="{esc(label)}: {esc(described)}">']
    x = 0.0
    for status in STATUSES:
        n = counts[status]
        if not n:
            continue
        w = 300 * n / total
        parts.append(f'<rect class="uhc-fill--{status.value}" x="{x:.1f}" y="0" width="{w:.1f}" height="24"/>')
        unsure = counts.uncertain(status)
        if unsure:
            parts.append(f'<rect fill="url(#uhc-bar-hatch)" x="{x + w * (n - unsure) / n:.1f}" y="0" '
                         f'width="{w * unsure / n:.1f}" height="24"/>')
        x += w
    parts.insert(1, _HATCH)
    parts.append("</svg>")
    return Markup("".join(parts))


_HATCH = ('<defs><pattern id="uhc-bar-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
          'patternTransform="rotate(45)"><rect width="2.5" height="6" fill="#fff" fill-opacity=".6"/></pattern></defs>')


def tier_bars(bars: TierBars) -> Markup:
    """Recorded vs official counts per tier: the official total as a light bar, the recorded part over it,
    its inferred share hatched; above each bar its words ('Madya: 94 dari 192 (93 dinyatakan, 1 disimpulkan)'),
    on a line of their own so that no label is ever cut at the chart's edge."""
    rows = [t.status for t in AWARD_TIERS if t.status in bars.official]
    if not rows:
        return Markup("")
    counts = bars.counts
    top = max(max(bars.official.values()), max(counts[s] for s in rows), 1)
    pitch, width = 40, 400
    height = len(rows) * pitch + 2
    alt = "; ".join(f"{s.label}: {counts[s]} tercatat"
                    f"{f' ({counts.split(s)})' if counts.split(s) else ''} dari {bars.official[s]} resmi" for s in rows)
    parts = [f'<svg class="uhc-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(bars.label)}: '
             f'{esc(alt)}">', _HATCH]
    for i, s in enumerate(rows):
        y = i * pitch + 20
        full = width * bars.official[s] / top
        have = width * counts[s] / top
        unsure = width * counts.uncertain(s) / top
        split = counts.split(s)
        parts.append(f'<text x="0" y="{y - 5}" class="uhc-chart-label">{s.label}: {counts[s]} dari '
                     f"{bars.official[s]} resmi{f' ({esc(split)})' if split else ''}</text>"
                     f'<rect class="uhc-fill--nodata" x="0" y="{y}" width="{full:.1f}" height="16"/>'
                     f'<rect class="uhc-fill--{s.value}" x="0" y="{y}" width="{have:.1f}" height="16"/>'
                     + (f'<rect fill="url(#uhc-bar-hatch)" x="{have - unsure:.1f}" y="{y}" width="{unsure:.1f}" '
                        'height="16"/>' if unsure else ""))
    parts.append("</svg>")
    return Markup("".join(parts))


def figures_chart(chart: FiguresChart) -> Markup:
    """A region's figures against the year's thresholds (tick marks), as points on a scale whose two ends are
    labelled: a point, not a bar, so that a scale that starts above zero never exaggerates a difference. An
    exact figure is a filled point; a bound ('> 85 %') an open point with a dashed line towards where the true
    figure lies."""
    rows = chart.rows
    height = len(rows) * 56 + 4
    alt = "; ".join(f"{m.label} {numfmt.figure(f)}" for m, f, _ in rows)
    parts = [f'<svg class="uhc-chart" viewBox="0 0 320 {height}" role="img" '
             f'aria-label="Angka {esc(chart.region)} dibandingkan ambang kategori: {esc(alt)}">']
    for i, (metric, figure, ticks) in enumerate(rows):
        low, high = SCALES[metric]
        y = 26 + i * 56

        def pos(v: float, low: float = low, high: float = high) -> float:
            return 20 + 280 * (min(max(v, low), high) - low) / (high - low)

        parts.append(f'<text x="10" y="{y - 12}" class="uhc-chart-label">{esc(metric.label)}: '
                     f"{numfmt.figure(figure)}</text>"
                     f'<line class="uhc-chart-scale" x1="20" x2="300" y1="{y}" y2="{y}"/>'
                     f'<text x="20" y="{y + 22}" text-anchor="middle" class="uhc-chart-tick">{numfmt.decimal(low)}'
                     f'</text><text x="300" y="{y + 22}" text-anchor="middle" class="uhc-chart-tick">'
                     f"{numfmt.decimal(high)} %</text>")
        for t in ticks:
            if low < t < high:
                parts.append(f'<line class="uhc-chart-mark" x1="{pos(t):.1f}" x2="{pos(t):.1f}" y1="{y - 7}" '
                             f'y2="{y + 7}"/><text x="{pos(t):.1f}" y="{y + 22}" text-anchor="middle" '
                             f'class="uhc-chart-tick">{numfmt.decimal(t)}</text>')
        x = pos(figure.value)
        if figure.exact:
            parts.append(f'<circle class="uhc-chart-point" cx="{x:.1f}" cy="{y}" r="6"/>')
        else:
            end = 300 if figure.bound.sign.startswith(">") else 20
            parts.append(f'<line class="uhc-chart-range" x1="{x:.1f}" x2="{end}" y1="{y}" y2="{y}"/>'
                         f'<circle class="uhc-chart-point uhc-chart-point--bound" cx="{x:.1f}" cy="{y}" r="6"/>')
    parts.append("</svg>")
    return Markup("".join(parts))

"""Maps drawn at build time as inline SVG: every shape a link to its region's page, named with its answer
for screen readers (the SVG is a group of links, not an image around links), filled by status, hatched
where the answer is inferred and dotted where the sources disagree; small shapes get a tappable marker,
labels and markers placed so that none overlaps another (placement.py), moved ones tied by a leader line.
No JavaScript, no request to any server; every text from data is escaped."""

from __future__ import annotations

import functools
import html

from markupsafe import Markup

from generator.pictures.placement import LINE, Label, Mark, place
from generator.read.geography import Shape
from generator.views import paths
from generator.views.parts import MapArea, MapView
from generator.vocabulary import STATUSES, Basis

# Marker radii in viewBox units (maps are 1000 wide). A province's map: 24 drawn (33 px across at 680 px), 34 on
# a phone (uhc.css; 24 px across at 358 px), placed for 34. The national map: 21 (24 px across from 570 px wide,
# 32 px when a phone pans it at 760 px). Labels: 17 units (11.6 px at 680 px), on wide screens only.
MARKER, PHONE_MARKER, NATION_MARKER, LABEL = 24, 34, 21, 17
BASELINE = 0.35  # from a line's middle to its baseline, in font sizes
_PATTERNS = (
    f'<defs><pattern id="{Basis.INFERRED.words.pattern_id}" patternUnits="userSpaceOnUse" width="10" height="10" '
    'patternTransform="rotate(45)"><rect width="4" height="10" fill="#fff" fill-opacity=".6"/></pattern>'
    f'<pattern id="{Basis.DISPUTED.words.pattern_id}" patternUnits="userSpaceOnUse" width="10" height="10">'
    '<circle cx="5" cy="5" r="2.2" fill="#fff" fill-opacity=".75"/></pattern></defs>')


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def draw(view: MapView, site_path: str) -> Markup:
    layout = view.layout
    shapes = {s.code: s for s in layout.shapes}
    nation = all("." not in a.code for a in view.areas)
    radius = NATION_MARKER if nation else PHONE_MARKER
    placed = place(layout, radius, tuple(sorted((c, t) for c, t in view.labels.items() if c in shapes)), LABEL)
    title_id = "uhc-map-title"
    parts = [f'<svg class="uhc-map" viewBox="0 0 {layout.width} {layout.height}" role="group" '
             f'aria-labelledby="{title_id}"><title id="{title_id}">{esc(view.title)}</title>', _PATTERNS]
    on_top: list[str] = []
    for area in view.areas:
        shape = shapes.get(area.code)
        if shape is None:
            continue
        mark = placed.marks.get(area.code)
        link = _area(area, shape, paths.absolute(site_path, area.path), mark, NATION_MARKER if nation else MARKER)
        (on_top if mark or area.here else parts).append(link)  # markers (and the region's outline) on top
    parts.extend(on_top)
    parts.extend(_label(label) for label in placed.labels)
    parts.append("</svg>")
    # The national map is panned on a phone (drawn twice the screen's width, so every province is a target of
    # 24 px or more), and says so; a province's map fits the screen, its small kota have markers.
    kind = " uhc-map-figure--nation" if nation else ""
    cue = ('<p class="uhc-map-cue"><span aria-hidden="true">↔</span> Geser peta untuk melihat seluruh Indonesia, '
           f'atau pilih dari <a href="{esc(paths.absolute(site_path, paths.PROVINCES))}">daftar provinsi</a>.</p>'
           if nation else "")
    box = (f'<div class="uhc-map-scroll" tabindex="0" role="region" aria-label="{esc(view.title)} (geser untuk '
           'melihat seluruh peta)">' if nation else "<div>")
    return Markup(f'<figure class="uhc-figure uhc-map-figure{kind}">{cue}{box}' + "".join(parts) + "</div>"
                  + legend(view) + "</figure>")


@functools.lru_cache(maxsize=4096)  # a province's shapes recur on each of its kabupaten/kota's pages
def _area(area: MapArea, shape: Shape, href: str, mark: Mark | None, radius: int) -> str:
    """One shape as a link named with its answer: its fill, the basis pattern over it, a marker if small (with a
    leader line to its place when it was moved off it)."""
    answer = area.answer
    here = " uhc-area--here" if area.here else ""
    label = f"{area.name}: {answer.words}" + (" (wilayah ini)" if area.here else "")
    body = [f'<path class="uhc-fill--{answer.status.value}" d="{shape.d}"/>']
    pattern = answer.basis.words.pattern_id if answer.basis else None
    if pattern:
        body.append(f'<path class="uhc-overlay" fill="url(#{pattern})" d="{shape.d}"/>')
    if mark is not None:
        if mark.leader:
            body.append(f'<line class="uhc-leader" x1="{mark.leader[0]:g}" y1="{mark.leader[1]:g}" '
                        f'x2="{mark.x:g}" y2="{mark.y:g}"/>')
        body.append(f'<circle class="uhc-marker uhc-fill--{answer.status.value}" cx="{mark.x:g}" cy="{mark.y:g}" '
                    f'r="{radius}"/>')
    return (f'<a href="{esc(href)}" class="uhc-area{here}" data-code="{area.code}" '
            f'data-status="{answer.status.value}" aria-label="{esc(label)}">{"".join(body)}</a>')


def _label(label: Label) -> str:
    """A label (one or two lines, centred on its box) and its leader line, for sighted readers on wide screens:
    each shape's link already names its region."""
    leader = "" if label.leader is None else (
        f'<line class="uhc-leader uhc-leader--label" x1="{label.leader[0]:g}" y1="{label.leader[1]:g}" '
        f'x2="{label.leader[2]:g}" y2="{label.leader[3]:g}" aria-hidden="true"/>')
    top = label.y - LINE * LABEL * (len(label.lines) - 1) / 2 + BASELINE * LABEL
    return leader + "".join(f'<text class="uhc-map-label" data-code="{label.code}" x="{label.x:g}" '
                            f'y="{top + i * LINE * LABEL:.1f}" aria-hidden="true">{esc(t)}</text>'
                            for i, t in enumerate(label.lines))  # a text a line: no tspan (axe reads those
    # against the fill under them, not against the label's white halo)



def legend(view: MapView) -> str:
    """Each status with its count and how many of them are inferred or disputed; the patterns explained."""
    counts = view.counts
    items = []
    for status in STATUSES:
        if not counts[status]:
            continue
        split = counts.split(status)
        items.append(f'<li><span class="uhc-swatch uhc-fill--{status.value}"></span>{esc(status.label)}: '
                     f"{counts[status]}{f' ({esc(split)})' if split else ''}</li>")
    bases = {b for a in view.areas if (b := a.answer.basis) is not None and b.words.pattern}
    for basis in sorted(bases, key=list(Basis).index):
        swatch = str(basis.words.pattern_id).removeprefix("uhc-")
        items.append(f'<li><span class="uhc-swatch uhc-swatch--{swatch}"></span>{esc(basis.words.pattern)}: '
                     f"{esc(basis.words.legend)}</li>")
    return (f'<figcaption><ul class="uhc-legend">{"".join(items)}</ul>'
            f'<p class="uhc-credit">{esc(view.credit)}. Batas disederhanakan, bukan batas resmi.</p></figcaption>')


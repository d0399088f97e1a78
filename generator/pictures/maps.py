"""Maps drawn at build time as inline SVG: every shape a link to its region's page, named with its answer
for screen readers (the SVG is a group of links, not an image around links), filled by status, hatched
where the answer is inferred and dotted where the sources disagree; small shapes get a tappable marker.
No JavaScript, no request to any server; every text from data is escaped."""

from __future__ import annotations

import functools
import html

from markupsafe import Markup

from generator.read.geography import Shape
from generator.views import paths
from generator.views.parts import MapArea, MapView
from generator.vocabulary import STATUSES, Basis

MARKER = 24  # viewBox units (maps are 1000 wide): about 9 px on a 360 px phone, 18 px on a 760 px desktop
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
    title_id = "uhc-map-title"
    parts = [f'<svg class="uhc-map" viewBox="0 0 {layout.width} {layout.height}" role="group" '
             f'aria-labelledby="{title_id}"><title id="{title_id}">{esc(view.title)}</title>', _PATTERNS]
    on_top: list[str] = []
    for area in view.areas:
        shape = shapes.get(area.code)
        if shape is None:
            continue
        link = _area(area, shape, paths.absolute(site_path, area.path))
        (on_top if shape.marker or area.here else parts).append(link)  # markers drawn over the shapes
    parts.extend(on_top)
    for code, text in sorted(view.labels.items()):
        if code in shapes:
            x, y = shapes[code].label
            parts.append(f'<text class="uhc-map-label" x="{x:g}" y="{y:g}" aria-hidden="true">{esc(text)}</text>')
    parts.append("</svg>")
    # The national map is panned on a phone (drawn twice the screen's width, so every province is a target of
    # 24 px or more); a province's map fits the screen, its small kota have markers.
    nation = all("." not in a.code for a in view.areas)
    kind = " uhc-map-figure--nation" if nation else ""
    box = (f'<div class="uhc-map-scroll" tabindex="0" role="region" aria-label="{esc(view.title)} (geser untuk '
           'melihat seluruh peta)">' if nation else "<div>")
    return Markup(f'<figure class="uhc-figure uhc-map-figure{kind}">{box}' + "".join(parts) + "</div>"
                  + legend(view) + "</figure>")


@functools.lru_cache(maxsize=4096)  # a province's shapes recur on each of its kabupaten/kota's pages
def _area(area: MapArea, shape: Shape, href: str) -> str:
    """One shape as a link named with its answer: its fill, the basis pattern over it, a marker if small."""
    answer = area.answer
    here = " uhc-area--here" if area.here else ""
    label = f"{area.name}: {answer.words}" + (" (wilayah ini)" if area.here else "")
    body = [f'<path class="uhc-fill--{answer.status.value}" d="{shape.d}"/>']
    pattern = answer.basis.words.pattern_id if answer.basis else None
    if pattern:
        body.append(f'<path class="uhc-overlay" fill="url(#{pattern})" d="{shape.d}"/>')
    if shape.marker or area.here:
        x, y = shape.label
        body.append(f'<circle class="uhc-marker uhc-fill--{answer.status.value}" cx="{x:g}" cy="{y:g}" '
                    f'r="{MARKER}"/>')
    return (f'<a href="{esc(href)}" class="uhc-area{here}" data-code="{area.code}" '
            f'data-status="{answer.status.value}" aria-label="{esc(label)}">{"".join(body)}</a>')


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


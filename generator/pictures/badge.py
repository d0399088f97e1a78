"""The badge a local government or a newsroom can put on its own site: a small SVG (no script, no font or image
fetched, nothing that tracks) that says the region, the status with its basis, the edition and the site, drawn
from the same card as the share picture. Text widths are measured with the vendored DejaVu Sans and pinned with
textLength, so any fallback font fits its box. Every text is escaped."""

from __future__ import annotations

import dataclasses
import functools
from html import escape

from generator.pictures.share import ShareCard, font

HEIGHT, TOP, PAD, RADIUS = 44, 20, 8, 4  # the whole badge; the top line's height; padding; corners
SMALL, BIG = 11, 12  # px: the top line, the two halves
EDITION_FILL, INK, FRAME = "#00695c", "#202124", "#5f6368"
FAMILY = "DejaVu Sans,Verdana,Geneva,sans-serif"


@functools.lru_cache(maxsize=512)
def _width(text: str, bold: bool, size: int) -> int:
    return int(font(bold, size).getlength(text) + 0.999)


def _text(x: float, y: float, text: str, size: int, bold: bool, fill: str) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}"{weight} fill="{fill}" textLength="{_width(text, bold, size)}" '
            f'lengthAdjust="spacingAndGlyphs">{escape(text)}</text>')


def _layout(card: ShareCard) -> tuple[int, int, int, str, str]:
    """(width, left half's width, right half's width, top line, right half's words)."""
    top = f"{card.name} · {card.site}"
    right = f"{card.status} · {card.basis}" if card.uncertain and card.basis else card.status
    left_w = _width(card.edition, True, BIG) + 2 * PAD
    right_w = _width(right, True, BIG) + 2 * PAD
    width = max(_width(top, False, SMALL) + 2 * PAD, left_w + right_w)
    return width, left_w, width - left_w, top, right


def _one_line(card: ShareCard) -> ShareCard:
    """Every text on one line (a line break or a control character has no place in a badge)."""
    def clean(text: str) -> str:
        return " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return dataclasses.replace(card, name=clean(card.name), status=clean(card.status), basis=clean(card.basis),
                               edition=clean(card.edition), site=clean(card.site))


def svg(card: ShareCard) -> bytes:
    card = _one_line(card)
    width, left_w, right_w, top, right = _layout(card)
    label = f"{card.name}: {card.status}{f' ({card.basis})' if card.uncertain and card.basis else ''}, " \
            f"{card.edition} ({card.site})"
    low = HEIGHT - TOP
    if card.uncertain:  # hollow and dashed, as on the site: never looks like a stated answer
        half = (f'<rect x="{left_w + 1}" y="{TOP + 1}" width="{right_w - 2}" height="{low - 2}" fill="#fff" '
                f'stroke="{card.colour}" stroke-width="2" stroke-dasharray="4 2"/>')
        ink = card.colour
    else:
        half = f'<rect x="{left_w}" y="{TOP}" width="{right_w}" height="{low}" fill="{card.colour}"/>'
        ink = card.text_colour
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>',
        f'<clipPath id="r"><rect width="{width}" height="{HEIGHT}" rx="{RADIUS}"/></clipPath>',
        f'<g clip-path="url(#r)" font-family="{FAMILY}"><rect width="{width}" height="{HEIGHT}" fill="#fff"/>',
        _text(PAD, 14, top, SMALL, False, INK),
        f'<rect x="0" y="{TOP}" width="{left_w}" height="{low}" fill="{EDITION_FILL}"/>', half,
        _text(PAD, TOP + 16, card.edition, BIG, True, "#fff"),
        _text(left_w + PAD, TOP + 16, right, BIG, True, ink), "</g>",
        f'<rect x=".5" y=".5" width="{width - 1}" height="{HEIGHT - 1}" rx="{RADIUS}" fill="none" '
        f'stroke="{FRAME}"/></svg>\n',
    ]
    return "".join(parts).encode("utf-8")

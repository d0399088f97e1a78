"""The picture a shared link shows: one 1200x630 PNG per region and province page (og:image).

Pure: a ShareCard (plain strings, from the data) -> PNG bytes, the same bytes for the same card (no clock,
no metadata). Text is fitted into fixed boxes (shrunk, wrapped, and cut with an ellipsis only as a last
resort), so no text ever leaves the image; layout() exposes every box for the tests. The fonts are vendored
in generator/fonts/, never fetched: DejaVu Sans and DejaVu Sans Bold 2.35 (Bitstream Vera licence, DejaVu
changes public domain; LICENSE_DEJAVU), as shipped in matplotlib 3.11.2's mpl-data/fonts/ttf/.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
STYLE_VERSION = "2"  # bump when the drawing changes in a way the cache key cannot see (see imagecache.py)
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"

BACKGROUND, INK, MUTED = "#ffffff", "#202124", "#5f6368"  # page; name and edition; province line
FOOTER, FOOTER_INK = "#202124", "#ffffff"
MARGIN = 64
BAND_TOP, BAND_BOTTOM, FOOTER_TOP = 272, 448, 552  # the status band spans the width; details; the footer
PAD = 20  # inside the band
HEADER_TOP, GAP = 84, 8  # name and province line: below the edition; gap between them
NAME_SIZES, CONTEXT_SIZES, STATUS_SIZES = (68, 40), (34, 22), (80, 34)  # largest, smallest (px)
TAG_H, TAG_PAD_X, TAG_PAD_Y, TAG_GAP = 54, 22, 6, 10  # the basis tag: height, padding; gap under the label
TAG_SIZES = (34, 20)
DETAIL_SIZES, DETAIL_PITCH = (28, 18), 44  # lines under the band (source and date, ...): each at most this tall
BLENDS = 16  # palette steps between each pair of colours (anti-aliasing)


@dataclass(frozen=True, slots=True)
class ShareCard:
    name: str  # "Kabupaten Balangan"
    context: str  # "Kalimantan Selatan" or "Provinsi · 13 kabupaten/kota"
    status: str  # the status label: "Utama", "Belum ada data"
    basis: str  # the basis word (Answer.qualifier): "" when certain
    uncertain: bool  # Answer.certain, negated: the basis is drawn as a tag
    edition: str  # "UHC Awards 2026"
    colour: str  # status fill "#8a5a00"
    text_colour: str  # "#ffffff" or "#202124"
    site: str  # "UHC Awards Indonesia"
    details: tuple[str, ...] = ()  # short lines under the band: "Sumber: headline.co.id, 27 Januari 2026"; up to 2
    address: str = ""  # the page's address, without https://


@dataclass(frozen=True, slots=True)
class Box:
    """Where a piece of text may go (left, top, right, bottom), and the sizes it may take."""

    left: int
    top: int
    right: int
    bottom: int
    bold: bool
    sizes: tuple[int, int]  # largest, smallest
    max_lines: int


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as drawn: its baseline origin, font and colour, and the bbox of its ink."""

    role: str  # "edition", "name", "context", "status", "basis", "detail", "site", "address"
    text: str
    x: int
    baseline: int
    size: int
    bold: bool
    fill: str
    bbox: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Rect:
    box: tuple[int, int, int, int]  # left, top, right, bottom (exclusive)
    fill: str
    radius: int = 0


@dataclass(frozen=True, slots=True)
class Layout:
    rects: tuple[Rect, ...]
    lines: tuple[Line, ...]
    pairs: tuple[tuple[str, str], ...]  # (text colour, background) for every text drawn


@functools.lru_cache(maxsize=256)
def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def _width(text: str, face: ImageFont.FreeTypeFont) -> int:
    left, _, right, _ = face.getbbox(text, anchor="ls")
    return int(max(right, face.getlength(text)) - min(left, 0))


def _wrap(words: list[str], face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a word wider than the line is split between characters."""
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if _width(trial, face) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and _width(current + char, face) > width:
                lines.append(current)
                current = ""
            current += char
    return [*lines, current] if current else lines


def _pitch(face: ImageFont.FreeTypeFont) -> int:
    ascent, descent = face.getmetrics()
    return int(ascent + descent)


def fit(text: str, box: Box) -> tuple[int, list[str]]:
    """The largest size (and its lines) at which the text fits the box; at the smallest size, the lines
    that fit, the last one cut with an ellipsis."""
    words = text.split()
    width, height = box.right - box.left, box.bottom - box.top
    largest, smallest = box.sizes

    def fits(size: int) -> list[str] | None:
        face = font(box.bold, size)
        lines = _wrap(words, face, width)
        return lines if len(lines) <= box.max_lines and len(lines) * _pitch(face) <= height else None

    if fits(smallest) is None:
        face = font(box.bold, smallest)
        room = max(1, min(box.max_lines, height // _pitch(face)))
        lines = _wrap(words, face, width)[:room]
        last = lines[-1] if lines else ""
        while last and _width(last + "…", face) > width:
            last = last[:-1].rstrip()
        return smallest, [*lines[:-1], last + "…"]
    low, high = smallest, largest  # fits() holds for every size up to some limit: bisect for it
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid) is not None:
            low = mid
        else:
            high = mid - 1
    return low, fits(low) or []


def _lines(role: str, text_lines: list[str], size: int, bold: bool, left: int, top: int, fill: str) -> list[Line]:
    face = font(bold, size)
    ascent = face.getmetrics()[0]
    placed = []
    for index, text in enumerate(text_lines):
        baseline = top + ascent + index * _pitch(face)
        x0, y0, x1, y1 = (int(v) for v in face.getbbox(text, anchor="ls"))
        x = left - min(0, x0)  # a glyph that overhangs its origin to the left still starts inside
        placed.append(Line(role, text, x, baseline, size, bold, fill, (x + x0, baseline + y0, x + x1, baseline + y1)))
    return placed


def _place(role: str, text: str, box: Box, fill: str, centre: bool = False) -> list[Line]:
    """`text` fitted into `box`, left-aligned, at its top (or centred vertically)."""
    size, lines = fit(text, box)
    height = _pitch(font(box.bold, size)) * len(lines)
    top = box.top + ((box.bottom - box.top - height) // 2 if centre else 0)
    return _lines(role, lines, size, box.bold, box.left, top, fill)


def _band(card: ShareCard) -> tuple[list[Line], list[Rect]]:
    """The status label, large, and under it (when the answer is not stated) the basis in a tag of the band's
    colours inverted, so that an inferred or disputed answer never looks stated; centred in the band."""
    right, top, bottom = WIDTH - MARGIN, BAND_TOP + PAD, BAND_BOTTOM - PAD
    if not card.uncertain:
        return _place("status", card.status, Box(MARGIN, top, right, bottom, True, STATUS_SIZES, 2),
                      card.text_colour, centre=True), []
    label_box = Box(MARGIN, top, right, bottom - TAG_H - TAG_GAP, True, STATUS_SIZES, 2)
    size, label = fit(card.status, label_box)
    tag_box = Box(MARGIN + TAG_PAD_X, 0, right - TAG_PAD_X, TAG_H - 2 * TAG_PAD_Y, True, TAG_SIZES, 1)
    tag_size, tag = fit(card.basis, tag_box)
    label_h = _pitch(font(True, size)) * len(label)
    group_top = top + (bottom - top - label_h - TAG_GAP - TAG_H) // 2
    status = _lines("status", label, size, True, MARGIN, group_top, card.text_colour)
    tag_top = group_top + label_h + TAG_GAP
    basis = _lines("basis", tag, tag_size, True, MARGIN + TAG_PAD_X,
                   tag_top + (TAG_H - _pitch(font(True, tag_size))) // 2, card.colour)
    tag_right = max(line.bbox[2] for line in basis) + TAG_PAD_X
    return [*status, *basis], [Rect((MARGIN, tag_top, tag_right, tag_top + TAG_H), card.text_colour, TAG_H // 2)]


def _header(card: ShareCard) -> list[Line]:
    """The region's name (up to two lines) and its province line, centred between the edition and the band."""
    right, top, bottom = WIDTH - MARGIN, HEADER_TOP, BAND_TOP - 16
    context_size, context = fit(card.context, Box(MARGIN, 0, right, 48, False, CONTEXT_SIZES, 1))
    context_h = _pitch(font(False, context_size))
    name_size, name = fit(card.name, Box(MARGIN, top, right, bottom - context_h - GAP, True, NAME_SIZES, 2))
    name_h = _pitch(font(True, name_size)) * len(name)
    start = top + (bottom - top - name_h - GAP - context_h) // 2
    return [*_lines("name", name, name_size, True, MARGIN, start, INK),
            *_lines("context", context, context_size, False, MARGIN, start + name_h + GAP, MUTED)]


def layout(card: ShareCard) -> Layout:
    """Every rectangle and line of text of the card, in drawing order."""
    right = WIDTH - MARGIN
    edition = _place("edition", card.edition, Box(MARGIN, 32, right, 72, True, (30, 20), 1), INK)
    band, tags = _band(card)
    site = _place("site", card.site, Box(MARGIN, FOOTER_TOP + 8, right, FOOTER_TOP + 42, True, (26, 18), 1),
                  FOOTER_INK)
    address = _place("address", card.address, Box(MARGIN, FOOTER_TOP + 44, right, HEIGHT - 6, False, (22, 12), 1),
                     FOOTER_INK)
    rects = (Rect((0, BAND_TOP, WIDTH, BAND_BOTTOM), card.colour), Rect((0, FOOTER_TOP, WIDTH, HEIGHT), FOOTER), *tags)
    pairs = [(INK, BACKGROUND), (MUTED, BACKGROUND), (card.text_colour, card.colour), (FOOTER_INK, FOOTER)]
    if card.uncertain:
        pairs.append((card.colour, card.text_colour))
    return Layout(rects, (*edition, *_header(card), *band, *_details(card), *site, *address), tuple(pairs))


def _details(card: ShareCard) -> list[Line]:
    """The lines under the band, one box each, shared out between the band and the footer: room for two (the
    source, and one more such as the change since the last edition)."""
    lines = card.details[:2]
    pitch = min(DETAIL_PITCH, (FOOTER_TOP - BAND_BOTTOM - 8) // max(len(lines), 1))
    top = BAND_BOTTOM + (FOOTER_TOP - BAND_BOTTOM - pitch * len(lines)) // 2
    return [line for i, text in enumerate(lines) for line in _place(
        "detail", text, Box(MARGIN, top + i * pitch, WIDTH - MARGIN, top + (i + 1) * pitch, False, DETAIL_SIZES, 1),
        INK, centre=True)]


def rgb(colour: str) -> tuple[int, int, int]:
    if len(colour) != 7 or colour[0] != "#":
        raise ValueError(f"colour {colour!r}: expected '#rrggbb'")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette(pairs: tuple[tuple[str, str], ...]) -> Image.Image:
    """Each pair's colours and BLENDS steps between them: every pixel drawn (solid fills and anti-aliased text,
    which Pillow blends linearly) is near one of them, so the palette image keeps the exact status colour."""
    colours: list[tuple[int, int, int]] = []
    for fg, bg in pairs:
        a, b = rgb(fg), rgb(bg)
        for step in range(BLENDS + 1):
            blend = tuple(round(b[k] + (a[k] - b[k]) * step / BLENDS) for k in range(3))
            if blend not in colours:
                colours.append((blend[0], blend[1], blend[2]))
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for colour in colours for v in colour])
    return palette


def render_png(card: ShareCard) -> bytes:
    """The card as a palette PNG: no timestamps, no text chunks; byte-identical for the same card."""
    plan = layout(card)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for rect in plan.rects:
        left, top, right, bottom = rect.box
        draw.rounded_rectangle((left, top, right - 1, bottom - 1), rect.radius, fill=rect.fill)
    for line in plan.lines:
        draw.text((line.x, line.baseline), line.text, fill=line.fill, font=font(line.bold, line.size), anchor="ls")
    out = io.BytesIO()
    image.quantize(palette=_palette(plan.pairs), dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of '#rrggbb'."""
    channels = [c / 255 for c in rgb(colour)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)

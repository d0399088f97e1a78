"""Where a map's markers and labels go, checked: no two boxes overlap, a marker hides as little of its neighbours
as it can, and whatever moves away from its place is tied to it by a leader line. Pure: a layout and the wishes
in, positions out; cached per map.

The map is rasterised once (the owner of every cell: a region or the sea); each marker, then each label, takes
the cheapest free candidate position around its place: near, on its own land or the sea, not over a neighbour.
A label that fits nowhere tries a shorter text (two lines), then farther positions with a leader. Text boxes
are measured with the vendored DejaVu Sans Bold, wider than the sans-serif fonts browsers use."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from generator.read.geography import MapLayout

FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
LINE = 1.2  # a text line's box, in font sizes (ascent + descent with room)
GAP = 3.0  # viewBox units between two boxes
HIDE = 16.0  # the cost of hiding a whole neighbour, in steps of a marker's radius (or a line's height)
_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+(?:\.\d*)?|\.\d+)")
_ANGLES = tuple(math.radians(a) for a in range(0, 360, 30))
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True, slots=True)
class Mark:
    code: str
    x: float
    y: float
    leader: tuple[float, float] | None  # the shape's own point, when the marker was moved off it


@dataclass(frozen=True, slots=True)
class Label:
    code: str
    lines: tuple[str, ...]
    x: float  # the centre of the text block
    y: float
    box: Box
    leader: tuple[float, float, float, float] | None  # from the box's edge to the shape's point, when it stands away


@dataclass(frozen=True, slots=True)
class Placement:
    marks: dict[str, Mark]
    labels: tuple[Label, ...]
    boxes: tuple[tuple[str, Box], ...]  # every marker's and label's box, for the tests


def rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of an SVG path of M/m, L/l, H/h, V/v and Z/z commands (topology.path_data's)."""
    found: list[list[tuple[float, float]]] = []
    x = y = sx = sy = 0.0
    command, numbers = "", list[float]()
    for token in _TOKEN.findall(d) + ["z"]:
        if token.isalpha():
            command, numbers = token, []
            if token in "Zz" and found and found[-1]:
                x, y = sx, sy
            continue
        numbers.append(float(token))
        need = 1 if command in "HhVv" else 2
        if len(numbers) < need:
            continue
        relative = command.islower()
        if command in "Mm":
            x, y = (x + numbers[0], y + numbers[1]) if relative and found else (numbers[0], numbers[1])
            sx, sy = x, y
            found.append([(x, y)])
            command, numbers = "l" if relative else "L", []
            continue
        if command in "Ll":
            x, y = (x + numbers[0], y + numbers[1]) if relative else (numbers[0], numbers[1])
        elif command in "Hh":
            x = x + numbers[0] if relative else numbers[0]
        else:
            y = y + numbers[0] if relative else numbers[0]
        found[-1].append((x, y))
        numbers = []
    return [r for r in found if len(r) > 2]


class Grid:
    """Which region (index + 1, or 0 for the sea) owns each cell's centre; each region's area in cells."""

    def __init__(self, layout: MapLayout, cell: float) -> None:
        self.cell, self.cols, self.rows = cell, math.ceil(layout.width / cell), math.ceil(layout.height / cell)
        self.owner = [bytearray(self.cols) for _ in range(self.rows)]
        self.codes = [s.code for s in layout.shapes]
        self.area = [0] * (len(self.codes) + 1)
        for number, shape in enumerate(layout.shapes, 1):
            crossings: dict[int, list[float]] = {}
            for ring in rings(shape.d):
                for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                    if y0 == y1:
                        continue
                    low, high = min(y0, y1), max(y0, y1)
                    for row in range(max(0, math.ceil(low / cell - 0.5)), min(self.rows, math.ceil(high / cell - 0.5))):
                        yc = (row + 0.5) * cell
                        crossings.setdefault(row, []).append(x0 + (yc - y0) * (x1 - x0) / (y1 - y0))
            for row, xs in crossings.items():
                xs.sort()
                line = self.owner[row]
                for a, b in zip(xs[0::2], xs[1::2], strict=False):
                    for col in range(max(0, math.ceil(a / cell - 0.5)), min(self.cols, math.ceil(b / cell - 0.5))):
                        line[col] = number
                        self.area[number] += 1

    def cover(self, box: Box) -> dict[int, int]:
        """Cells of each owner whose centre is inside the box."""
        found: dict[int, int] = {}
        c = self.cell
        for row in range(max(0, math.ceil(box[1] / c - 0.5)), min(self.rows, math.ceil(box[3] / c - 0.5))):
            line = self.owner[row]
            for col in range(max(0, math.ceil(box[0] / c - 0.5)), min(self.cols, math.ceil(box[2] / c - 0.5))):
                found[line[col]] = found.get(line[col], 0) + 1
        return found


@functools.lru_cache(maxsize=256)
def text_width(text: str, size: float) -> float:
    return float(ImageFont.truetype(str(FONT), 100).getlength(text)) * size / 100


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


class Placer:
    def __init__(self, layout: MapLayout, cell: float) -> None:
        self.layout, self.grid = layout, Grid(layout, cell)
        self.index = {code: i for i, code in enumerate(self.grid.codes, 1)}
        self.taken: list[tuple[str, Box]] = []
        self.waiting: dict[str, tuple[float, float]] = {}  # the points of the labels still to place

    def free(self, box: Box) -> bool:
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= self.layout.width and box[3] <= self.layout.height
        return inside and not any(_overlaps(box, other) for _, other in self.taken)

    def hidden(self, box: Box, code: str, over_land: float) -> float:
        """What a box costs its neighbours: 4 for each whole neighbour hidden (in shares of their areas), plus
        over_land for a box entirely over others' land (in shares of the box): sea and its own land are free."""
        own = self.index[code]
        cover = self.grid.cover(box)
        others = [(o, n) for o, n in cover.items() if o not in (0, own)]
        share = sum(n / max(self.grid.area[o], 1) for o, n in others)
        waiting = sum(1 for c, (x, y) in self.waiting.items() if c != code and box[0] <= x <= box[2]
                      and box[1] <= y <= box[3])  # another label's own place, taken
        return HIDE * share + over_land * sum(n for _, n in others) / max(sum(cover.values()), 1) + 2 * waiting

    def best(self, code: str, size: tuple[float, float], candidates: list[tuple[float, float, float]],
             over_land: float, on_shape: bool = False) -> tuple[float, float, Box] | None:
        """The cheapest free box of `size` centred on one of the candidates (x, y, cost of going there): that
        cost plus what the box hides of the neighbours; with on_shape, only boxes over some of its own land."""
        w, h = size
        found: tuple[float, float, float, Box] | None = None
        for x, y, cost in sorted(candidates, key=lambda c: c[2]):
            if found is not None and cost >= found[0]:
                break
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if self.free(box) and (not on_shape or self.grid.cover(box).get(self.index[code])):
                total = cost + self.hidden(box, code, over_land)
                if found is None or total < found[0]:
                    found = (total, x, y, box)
        return None if found is None else found[1:]

    def mark(self, code: str, point: tuple[float, float], radius: float) -> Mark:
        steps = (0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 13, 16)
        spot = self.best(code, (2 * radius, 2 * radius), around(point, radius, steps), 0.5) \
            or (point[0], point[1], (point[0] - radius, point[1] - radius, point[0] + radius, point[1] + radius))
        x, y, box = spot
        self.taken.append((code, box))
        moved = math.hypot(x - point[0], y - point[1]) > radius / 2
        return Mark(code, round(x, 1), round(y, 1), point if moved else None)

    def label(self, code: str, point: tuple[float, float], texts: tuple[str, ...], font: float,
              near: Box | None) -> Label | None:
        """A label on its shape or beside its marker; a shorter text (two lines), then farther places with a
        leader line, when it does not fit."""
        choices = [(t,) for t in texts] + [tuple(t.split(" ", 1)) for t in texts if " " in t]
        for far in (False, True):
            for lines in choices:
                w, h = max(text_width(t, font) for t in lines) + 2, LINE * font * len(lines)
                if far:
                    candidates = around(point, 2 * LINE * font, (1, 1.5, 2, 2.5, 3, 4, 5, 6))
                elif near is None:
                    candidates = around(point, LINE * font, (0, 0.5, 1, 1.5, 2))
                else:
                    candidates = beside(near, w, h)
                spot = self.best(code, (w, h), candidates, 3, on_shape=not far and near is None)
                if spot is not None:
                    x, y, box = spot
                    self.taken.append((code, box))
                    on_shape = self.grid.cover(box).get(self.index[code], 0) > 0
                    leader = None if on_shape or near is not None and not far else \
                        (min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3]), *point)
                    return Label(code, lines, round(x, 1), round(y, 1), box, leader)
        return None


def around(point: tuple[float, float], reach: float, steps: tuple[float, ...]) -> list[tuple[float, float, float]]:
    """Candidate centres on rings of step * reach around a point (12 directions), costing the step."""
    return [(point[0] + step * reach * math.cos(a), point[1] + step * reach * math.sin(a), step)
            for step in steps for a in (_ANGLES if step else (0.0,))]


def beside(box: Box, w: float, h: float) -> list[tuple[float, float, float]]:
    """Candidate centres for a box of w x h right, left, above, below and at the corners of another box, then
    one line farther out; the right side first, as maps write labels."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = (box[2] - box[0] + w) / 2 + GAP, (box[3] - box[1] + h) / 2 + GAP
    sides = ((dx, 0, 0), (-dx, 0, 0.2), (0, -dy, 0.3), (0, dy, 0.3), (dx, -dy, 0.5), (-dx, -dy, 0.6),
             (dx, dy, 0.5), (-dx, dy, 0.6))
    return [(cx + sx * k + (h if k > 1 and sx else 0) * (1 if sx > 0 else -1 if sx else 0),
             cy + sy * k, cost + (k - 1) * 2) for k in (1, 1.6) for sx, sy, cost in sides]


@functools.lru_cache(maxsize=64)
def place(layout: MapLayout, radius: float, labels: tuple[tuple[str, tuple[str, ...]], ...] = (),
          font: float = 0) -> Placement:
    """A marker (radius in viewBox units) for each of the layout's small shapes, smallest first, each followed by
    its label beside it; then the other labels (a code and its texts, preferred first), largest shape first:
    a large shape has room for its label at its own place, a small one finds a corner or a leader."""
    placer = Placer(layout, cell=max(radius / 4, layout.width / 400))
    shapes = {s.code: s for s in layout.shapes}
    texts = dict(labels)
    placer.waiting = {code: shapes[code].label for code in texts}
    marks: dict[str, Mark] = {}
    placed: list[Label] = []

    def label(code: str, near: Box | None) -> None:
        del placer.waiting[code]
        found = placer.label(code, shapes[code].label, texts[code], font, near)
        if found is not None:
            placed.append(found)

    area = {s.code: placer.grid.area[placer.index[s.code]] for s in layout.shapes}
    for shape in sorted((s for s in layout.shapes if s.marker), key=lambda s: (area[s.code], s.code)):
        mark = marks[shape.code] = placer.mark(shape.code, shape.label, radius)
        if shape.code in texts:
            label(shape.code, (mark.x - radius, mark.y - radius, mark.x + radius, mark.y + radius))
    for code in sorted((c for c in texts if c not in marks), key=lambda c: (-area[c], c)):
        label(code, None)
    return Placement(marks, tuple(placed), tuple(placer.taken))

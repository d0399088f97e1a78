"""Plane topology for the maps, pure: outlines traced on a raster as arcs shared by neighbours, each arc
simplified once (Douglas-Peucker) without collapsing a ring or crossing another arc, and compact SVG path
data. scripts/convert_map.py builds the derived map file with it; read/geography.py lays the shapes out.

A ring is a list of arc references as in TopoJSON: `i` is arc i as stored, `~i` (= -i - 1) arc i reversed.
On a raster, cell (x, y) spans [x, x+1] x [y, y+1], y growing downwards; a value below 0 is no unit."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

Point = tuple[int, int]
FPoint = tuple[float, float]
P = TypeVar("P", Point, FPoint)


@dataclass(frozen=True, slots=True)
class Topology:
    arcs: list[list[Point]]  # junction to junction (or closed, from its least point), in half cells, corners only
    rings: dict[int, list[list[int]]]  # unit -> its rings; the unit lies left of each (outer rings anticlockwise)


def trace(rows: Sequence[Sequence[int]], origin: Point = (0, 0)) -> Topology:
    """Every unit's outline (value >= 0), cut into arcs where three units (or the outside) meet. Cells of a
    unit that touch only at a corner stay apart, so that no ring crosses itself. `origin` shifts the cells."""
    height, width = len(rows), len(rows[0])
    pad = [[-1] * (width + 2)] + [[-1, *row, -1] for row in rows] + [[-1] * (width + 2)]
    edges: dict[int, dict[Point, list[Point]]] = {}  # unit -> corner -> next corners, the unit on the left
    for y in range(height):
        above, row, below = pad[y], pad[y + 1], pad[y + 2]
        for x in range(width):
            if (unit := row[x + 1]) < 0:
                continue
            out = edges.setdefault(unit, {})
            for differs, start, end in ((above[x + 1] != unit, (x + 1, y), (x, y)),
                                        (row[x] != unit, (x, y), (x, y + 1)),
                                        (below[x + 1] != unit, (x, y + 1), (x + 1, y + 1)),
                                        (row[x + 2] != unit, (x + 1, y + 1), (x + 1, y))):
                if differs:
                    out.setdefault(start, []).append(end)

    def junction(x: int, y: int) -> bool:  # three or four boundary edges meet at this corner
        nw, ne, sw, se = pad[y][x], pad[y][x + 1], pad[y + 1][x], pad[y + 1][x + 1]
        return (nw != ne) + (sw != se) + (nw != sw) + (ne != se) > 2

    arcs: list[list[Point]] = []
    index: dict[tuple[Point, ...], int] = {}
    rings: dict[int, list[list[int]]] = {}
    for unit in sorted(edges):
        out, seen = edges[unit], set[tuple[Point, Point]]()
        for start in sorted(out):
            for end in sorted(out[start]):
                if (start, end) not in seen:
                    ring = _walk(out, start, end, seen)
                    cuts = [i for i, (x, y) in enumerate(ring) if junction(x, y)]
                    ring = [(x + origin[0], y + origin[1]) for x, y in ring]
                    rings.setdefault(unit, []).append(_arcs_of(ring, cuts, arcs, index))
    return Topology(arcs, rings)


def _walk(out: dict[Point, list[Point]], start: Point, end: Point, seen: set[tuple[Point, Point]]) -> list[Point]:
    """Follow a unit's edges until the ring closes, turning left where two edges leave a corner."""
    ring, a, b = [start], start, end
    while True:
        seen.add((a, b))
        ring.append(b)
        dx, dy = b[0] - a[0], b[1] - a[1]
        a, b = b, min(out[b], key=lambda c: dx * (c[1] - b[1]) - dy * (c[0] - b[0]))  # leftmost: y grows down
        if (a, b) == (start, end):
            return ring[:-1]


def _arcs_of(ring: list[Point], cuts: list[int], arcs: list[list[Point]],
             index: dict[tuple[Point, ...], int]) -> list[int]:
    """Cut a ring (first point not repeated) at its junctions into arcs, shared through `index`. Arcs run
    through the middle of each cell edge, as marching squares do, so that staircases become slopes; the
    junctions stay. Points are in half cells to stay whole numbers."""
    def middles(run: list[Point]) -> list[Point]:
        return [(a[0] + b[0], a[1] + b[1]) for a, b in itertools.pairwise(run)]

    if not cuts:  # an island, or a hole in one neighbour: one closed arc from its least point
        mids = middles([*ring, ring[0]])
        least = mids.index(min(mids))
        pieces = [mids[least:] + mids[: least + 1]]
    else:
        rotated = ring[cuts[0]:] + ring[: cuts[0] + 1]
        marks = [c - cuts[0] for c in cuts] + [len(ring)]
        pieces = [[(2 * rotated[i][0], 2 * rotated[i][1]), *middles(rotated[i: j + 1]),
                   (2 * rotated[j][0], 2 * rotated[j][1])] for i, j in itertools.pairwise(marks)]
    refs = []
    for piece in pieces:
        forward = tuple(_corners(piece))
        key = min(forward, forward[::-1])  # the neighbour walks the same arc the other way
        if key not in index:
            index[key] = len(arcs)
            arcs.append(list(key))
        refs.append(index[key] if key == forward else ~index[key])
    return refs


def _corners(points: list[Point]) -> list[Point]:
    """Drop the points inside straight runs; keep both ends."""
    kept = [points[0]]
    for b, c in itertools.pairwise(points[1:]):
        a = kept[-1]
        if (b[0] - a[0]) * (c[1] - b[1]) != (b[1] - a[1]) * (c[0] - b[0]):
            kept.append(b)
    return [*kept, points[-1]]


def ring_points(refs: Sequence[int], arcs: Sequence[Sequence[P]]) -> list[P]:
    """The ring's points, the first one not repeated at the end."""
    points: list[P] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc[1:] if points else arc)
    return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def area(points: Sequence[FPoint]) -> float:
    """Signed area: positive for a ring that turns clockwise on screen (y growing downwards)."""
    return sum(points[i - 1][0] * y - x * points[i - 1][1] for i, (x, y) in enumerate(points)) / 2


def simplify_arc(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker keeping both ends; a closed arc is first split at its point farthest from its start."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    (x0, y0), last = points[0], len(points) - 1
    if points[0] == points[-1]:
        last = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    keep = {0, last, len(points) - 1}
    stack = [(0, last), (last, len(points) - 1)]
    while stack:
        first, end = stack.pop()
        (ax, ay), (bx, by) = points[first], points[end]
        norm = math.hypot(bx - ax, by - ay) or 1.0
        far, best = -1, tolerance
        for i in range(first + 1, end):
            px, py = points[i]
            d = abs((by - ay) * (px - ax) - (bx - ax) * (py - ay)) / norm
            if d > best:
                far, best = i, d
        if far >= 0:
            keep.add(far)
            stack += [(first, far), (far, end)]
    return [points[i] for i in sorted(keep)]


def simplify(arcs: Sequence[Sequence[Point]], rings: Sequence[Sequence[int]], tolerance: float) -> list[list[Point]]:
    """Simplify every arc once, so that neighbours keep one border. Where that would collapse a ring (half
    its area lost, or turned over) or make arcs cross that did not, the arcs involved are simplified again
    with half the tolerance, down to none. Douglas-Peucker only drops points: whole numbers stay whole."""
    tolerances = [float(tolerance)] * len(arcs)
    result = [simplify_arc(a, tolerance) for a in arcs]
    before, inherent = [area(ring_points(r, arcs)) for r in rings], crossings(arcs)
    for _ in range(16):
        bad = crossings(result) - inherent
        for refs, was in zip(rings, before, strict=True):
            now = area(ring_points(refs, result))
            if now * was <= 0 or abs(now) < abs(was) / 2:
                bad.update(ref if ref >= 0 else ~ref for ref in refs)
        if not (bad := {i for i in bad if tolerances[i] > 0}):
            break
        for i in sorted(bad):
            tolerances[i] = tolerances[i] / 2 if tolerances[i] > tolerance / 16 else 0.0
            result[i] = simplify_arc(arcs[i], tolerances[i])
    return result


def crossings(arcs: Sequence[Sequence[Point]], cell: int = 16) -> set[int]:
    """The arcs with a segment that properly crosses another segment, found bucket by bucket."""
    buckets: dict[Point, list[tuple[int, int]]] = {}
    for a, arc in enumerate(arcs):
        for i, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(arc)):
            for gx in range(min(x0, x1) // cell, max(x0, x1) // cell + 1):
                for gy in range(min(y0, y1) // cell, max(y0, y1) // cell + 1):
                    buckets.setdefault((gx, gy), []).append((a, i))
    found: set[int] = set()
    for members in buckets.values():
        for (a, i), (b, j) in itertools.combinations(members, 2):
            p, q, r, s = arcs[a][i], arcs[a][i + 1], arcs[b][j], arcs[b][j + 1]
            if _turn(p, q, r) * _turn(p, q, s) < 0 and _turn(r, s, p) * _turn(r, s, q) < 0:
                found.update((a, b))
    return found


def _turn(a: Point, b: Point, c: Point) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def inside(point: FPoint, rings: Sequence[Sequence[FPoint]]) -> bool:
    """Even-odd rule over all rings."""
    x, y, hit = point[0], point[1], False
    for ring in rings:
        for (x0, y0), (x1, y1) in itertools.pairwise([*ring, ring[0]]):
            if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
                hit = not hit
    return hit


def path_data(rings: Sequence[Sequence[Point]], decimals: int = 0) -> str:
    """Absolute first point, then relative h/v/l steps (a repeated command letter left out) and z per ring;
    the next ring's start relative to this one's. Points are in units of 10**-decimals."""
    out: list[str] = []
    sx = sy = 0
    for ring in rings:
        x, y = ring[0]
        out.append(f"M{_number(x, decimals)} {_number(y, decimals)}" if not out else
                   "m" + _numbers((x - sx, y - sy), decimals))
        sx, sy, command = x, y, ""
        for nx, ny in ring[1:]:
            dx, dy = nx - x, ny - y
            letter, steps = ("h", (dx,)) if dy == 0 else ("v", (dy,)) if dx == 0 else ("l", (dx, dy))
            out.append((letter if letter != command else "" if steps[0] < 0 else " ") + _numbers(steps, decimals))
            command, x, y = letter, nx, ny
        out.append("z")
    return "".join(out)


def _numbers(values: tuple[int, ...], decimals: int) -> str:
    return "".join(("" if i == 0 or v < 0 else " ") + _number(v, decimals) for i, v in enumerate(values))


def _number(value: int, decimals: int) -> str:
    """12 -> '12'; with one decimal: 123 -> '12.3', 120 -> '12', -5 -> '-.5'."""
    if not decimals:
        return str(value)
    whole, part = divmod(abs(value), 10 ** decimals)
    text = (str(whole) if whole else "") + (f".{part:0{decimals}d}".rstrip("0") if part else "")
    return ("-" if value < 0 else "") + (text or "0")

"""Derive data/map/geometry.jsonl from the two map sources in data/map/; run it after changing either:

    python scripts/convert_map.py          # (re)write data/map/geometry.jsonl
    python scripts/convert_map.py --check  # exit 1 if the committed file is not what the sources give

- layer "national", from indonesia-38-provinces.topo.json: arcs decoded with the file's transform, projected
  (Mercator), fitted to a 1000-unit wide viewBox and kept in tenths of a unit; each arc simplified once
  (Douglas-Peucker, 0.5 unit); islands under 2 square units dropped, never a province's largest piece;
- one layer per province, from kabkota-grid.json: every kabupaten/kota's outline traced on the raster's cell
  edges (through their middles, in half cells), cut into arcs at junctions so that neighbours share them,
  each arc simplified once (0.5 cell);
- each shape's label: the pole of inaccessibility of its simplified rings.

Names stay as the sources spell them; generator/read/geography.py matches them to Kemendagri codes when it reads the
file (with data/map/names.csv). Same sources, same bytes: nothing depends on the clock or on hash order."""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import DataError, Problem  # noqa: E402
from generator.read import topology  # noqa: E402
from generator.read.geography import FORMAT, GEOMETRY, read_capped  # noqa: E402
from generator.read.topology import FPoint, Point  # noqa: E402

PROVINCES, GRID = "indonesia-38-provinces.topo.json", "kabkota-grid.json"
WIDTH, MARGIN = 1000, 10
NATIONAL_TOLERANCE, NATIONAL_MIN_AREA = 5, 200  # in tenths of a unit: 0.5 unit, 2 square units
GRID_TOLERANCE = 1  # in half cells
SEA = 65535
T = TypeVar("T")
FIX = "restore the sources from their repositories (data/map/README.md)"


def need(condition: object, message: str) -> None:
    if not condition:
        raise ValueError(message)


def load(folder: Path, name: str) -> tuple[Any, str]:
    raw = read_capped(folder / name, f"data/map/{name}", 4 << 20)
    try:
        return json.loads(raw), hashlib.sha256(raw).hexdigest()
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise DataError([Problem(f"data/map/{name}", getattr(exc, "lineno", 0), "", f"not JSON ({exc})", FIX)]) \
            from None


def record(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def steps(points: list[Point]) -> list[int]:
    """[x0, y0, dx1, dy1, ...]: the first point, then a step to each next one."""
    out = [*points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        out += [bx - ax, by - ay]
    return out


def national(topo: Any) -> list[str]:
    need(topo["type"] == "Topology", "not a TopoJSON Topology")
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    collections = [o for o in topo["objects"].values() if o["type"] == "GeometryCollection"]
    need(len(collections) == 1, "expected one GeometryCollection")
    projected = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append((lon, -math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))))
        projected.append(points)
    xs, ys = [p[0] for a in projected for p in a], [p[1] for a in projected for p in a]
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale) + 2 * MARGIN
    arcs = []
    for arc in projected:  # in tenths of a unit, repeated points dropped
        tenths = [(round((MARGIN + (x - min(xs)) * scale) * 10), round((MARGIN + (y - min(ys)) * scale) * 10))
                  for x, y in arc]
        arcs.append([p for i, p in enumerate(tenths) if i == 0 or p != tenths[i - 1]])
    provinces = []  # (name, code, polygons: [exterior, holes...] as arc references)
    for g in collections[0]["geometries"]:
        need(g["type"] in ("Polygon", "MultiPolygon"), f"unexpected geometry {g['type']!r}")
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        need(all(-len(arcs) <= r < len(arcs) for p in polygons for ring in p for r in ring), "no such arc")
        provinces.append((str(g["properties"]["PROVINSI"]), str(g["properties"]["KODE_PROV"]), polygons))
    simple = topology.simplify(arcs, [r for _, _, ps in provinces for p in ps for r in p], NATIONAL_TOLERANCE)
    lines, renumber = [], dict[int, int]()  # only the arcs still used, numbered in order of use

    def size(ring: list[int]) -> float:
        return topology.area(topology.ring_points(ring, simple))

    for name, code, polygons in sorted(provinces):
        rings = [ring if (size(ring) < 0) == (n == 0) else [~r for r in reversed(ring)]  # exteriors anticlockwise
                 for polygon in polygons for n, ring in enumerate(polygon)]
        largest = min(rings, key=size)
        rings = [r for r in rings if r is largest or abs(size(r)) >= NATIONAL_MIN_AREA]
        label = polylabel([topology.ring_points(r, simple) for r in rings], 1.0)
        refs = [[renumber.setdefault(r, len(renumber)) if r >= 0 else ~renumber.setdefault(~r, len(renumber))
                 for r in ring] for ring in rings]
        lines.append(record(layer="national", kind="Provinsi", name=name, kode=code, rings=refs,
                            label=[round(label[0]), round(label[1])]))
    kept = [steps(simple[i]) for i in sorted(renumber, key=renumber.__getitem__)]
    return [record(layer="national", kind="arcs", width=WIDTH, height=height, unit=0.1, arcs=kept), *lines]


def distance(point: FPoint, rings: Sequence[Sequence[FPoint]]) -> float:
    """Distance to the nearest edge, negative outside."""
    x, y, best = point[0], point[1], math.inf
    for ring in rings:
        for (ax, ay), (bx, by) in itertools.pairwise([*ring, ring[0]]):
            dx, dy = bx - ax, by - ay
            t = min(1.0, max(0.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
            best = min(best, (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2)
    return math.sqrt(best) if topology.inside(point, rings) else -math.sqrt(best)


def polylabel(rings: Sequence[Sequence[FPoint]], precision: float) -> FPoint:
    """The point inside the rings farthest from their edges, to within `precision`: Mapbox's polylabel, a
    best-first search over squares, each bounded by its centre's distance plus its half diagonal."""
    xs, ys = [p[0] for r in rings for p in r], [p[1] for r in rings for p in r]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    if (size := min(x1 - x0, y1 - y0)) <= 0:
        return ((x0 + x1) / 2, (y0 + y1) / 2)
    order = itertools.count()
    queue: list[tuple[float, int, float, float, float, float]] = []  # -bound, order, x, y, half size, distance

    def push(x: float, y: float, half: float) -> None:
        d = distance((x, y), rings)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), next(order), x, y, half, d))

    for gx, gy in itertools.product(range(math.ceil((x1 - x0) / size)), range(math.ceil((y1 - y0) / size))):
        push(x0 + (gx + 0.5) * size, y0 + (gy + 0.5) * size, size / 2)
    best = max(((x0 + x1) / 2, (y0 + y1) / 2), _centroid(max(rings, key=lambda r: abs(topology.area(r)))),
               key=lambda p: distance(p, rings))
    best_d = distance(best, rings)
    while queue:
        bound, _, x, y, half, d = heapq.heappop(queue)
        if d > best_d:
            best, best_d = (x, y), d
        if -bound - best_d > precision:
            for sx, sy in itertools.product((-half / 2, half / 2), repeat=2):
                push(x + sx, y + sy, half / 2)
    return best


def _centroid(ring: Sequence[FPoint]) -> FPoint:
    parts = [(x0 * y1 - x1 * y0, x0 + x1, y0 + y1) for (x0, y0), (x1, y1) in itertools.pairwise([*ring, ring[0]])]
    total = sum(f for f, _, _ in parts)
    return (sum(f * x for f, x, _ in parts) / (3 * total), sum(f * y for f, _, y in parts) / (3 * total)) \
        if total else ring[0]


def decode_rle(pairs: list[int], size: int) -> list[int]:
    """[value, count, value, count, ...] -> the cells, row by row."""
    cells: list[int] = []
    for value, count in zip(pairs[0::2], pairs[1::2], strict=True):
        cells.extend([value] * count)
    need(len(cells) == size, f"kabRle holds {len(cells)} cells, not W x H = {size}")
    return cells


def raster(grid: Any) -> tuple[list[str], dict[str, Any]]:
    width, height, units, provinces = grid["W"], grid["H"], grid["kab"], grid["prov"]
    need(isinstance(width, int) and isinstance(height, int) and 0 < width * height <= 4_000_000, "bad W or H")
    cells = decode_rle(grid["kabRle"], width * height)
    need(all(isinstance(u["n"], str) and u["t"] in ("Kabupaten", "Kota") and 0 <= u["p"] < len(provinces)
             for u in units), "every kab[] needs n, t (Kabupaten or Kota) and p (an index into prov[])")
    need(all(v == SEA or 0 <= v < len(units) for v in set(cells)), "kabRle holds a value that is no kab[] index")
    boxes: dict[int, list[int]] = {}  # unit -> [x0, y0, x1, y1] of its cells
    for y in range(height):
        row = cells[y * width:(y + 1) * width]
        for v in set(row) - {SEA}:
            box = boxes.setdefault(v, [width, y, 0, y])
            box[0], box[2], box[3] = min(box[0], row.index(v)), max(box[2], width - 1 - row[::-1].index(v)), y
    lines = []
    for p, province in sorted(enumerate(provinces), key=lambda item: str(item[1]["n"])):
        members = sorted((i for i, u in enumerate(units) if u["p"] == p), key=lambda i: (units[i]["n"], units[i]["t"]))
        if not (present := {i for i in members if i in boxes}):
            continue
        x0, y0 = min(boxes[i][0] for i in present), min(boxes[i][1] for i in present)
        x1, y1 = max(boxes[i][2] for i in present), max(boxes[i][3] for i in present)
        rows = [[v if v in present else -1 for v in cells[y * width + x0:y * width + x1 + 1]]
                for y in range(y0, y1 + 1)]
        traced = topology.trace(rows, (x0, y0))
        rings = [r for i in sorted(present) for r in traced.rings[i]]
        arcs = topology.simplify(traced.arcs, rings, GRID_TOLERANCE)
        lines.append(record(layer=province["n"], kind="arcs", arcs=[steps(a) for a in arcs]))
        for i in members:
            shape = [topology.ring_points(r, arcs) for r in traced.rings.get(i, [])]
            label = polylabel(shape, 0.2) if shape else (0.0, 0.0)
            need(not shape or topology.inside(label, shape), f"the label of {units[i]['n']} fell outside it")
            lines.append(record(layer=province["n"], kind=units[i]["t"], name=units[i]["n"], cells=units[i]["a"],
                                rings=traced.rings.get(i, []), label=[round(label[0], 1), round(label[1], 1)]))
    return lines, {"unit": 0.5, **{k: grid[k] for k in ("W", "H", "lonMin", "lonMax", "latMin", "latMax")}}


def guarded(name: str, build: Callable[[], T]) -> T:
    try:
        return build()
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ZeroDivisionError) as exc:
        raise DataError([Problem(f"data/map/{name}", 0, "", f"unexpected structure ({exc})", FIX)]) from None


def convert(folder: Path) -> str:
    """The derived file's text; DataError if a source is missing, too big, not JSON or not as documented."""
    (topo, topo_hash), (grid, grid_hash) = load(folder, PROVINCES), load(folder, GRID)
    national_lines = guarded(PROVINCES, lambda: national(topo))
    grid_lines, georef = guarded(GRID, lambda: raster(grid))
    header = record(format=FORMAT, sources={PROVINCES: topo_hash, GRID: grid_hash}, grid=georef)
    return "\n".join([header, *national_lines, *grid_lines]) + "\n"


def main(argv: list[str]) -> int:
    folder, check = ROOT / "data" / "map", argv[1:] == ["--check"]
    try:
        text = convert(folder)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    target = folder / GEOMETRY
    if check:
        same = target.is_file() and not target.is_symlink() and target.read_bytes() == text.encode()
        print(f"data/map/{GEOMETRY} is {'up to date' if same else 'stale: run python scripts/convert_map.py'}")
        return 0 if same else 1
    temporary = target.with_name(f".{GEOMETRY}.tmp")
    temporary.write_bytes(text.encode())
    os.replace(temporary, target)
    print(f"wrote data/map/{GEOMETRY} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

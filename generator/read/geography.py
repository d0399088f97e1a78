"""Map geometry (stage: read + layout): the 38 provinces on one map and each province's kabupaten/kota on a
map of its own, as compact SVG path data fitted to a viewBox, with a point inside every shape and whether a
phone needs a marker there. Reads data/map/geometry.jsonl (derived from the two sources in data/map/ by
scripts/convert_map.py) and data/map/names.csv (source names the registry spells otherwise; units to ignore)."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Collector, DataError, Problem
from generator.read.files import read_bytes
from generator.read.regions import Registry, short_name
from generator.read.topology import Point, area, path_data, ring_points
from generator.vocabulary import Level

GEOMETRY, NAMES, FORMAT = "geometry.jsonl", "names.csv", "uhc-awards-map/1"
REGENERATE = "regenerate it with: python scripts/convert_map.py (see data/map/README.md)"
WIDTH, MAX_HEIGHT, MARGIN = 1000, 1250, 10  # viewBox units: a province's map is 1000 wide, at most 1250 high
PHONE, TAP = 360, 12  # px: drawn 360 wide, a shape within TAP x TAP (or of half that area) gets a marker
MIN_CELLS = 9  # a kabupaten/kota of fewer raster cells (about 3 x 3 km each) is a blot: a marker too
KINDS = ("Provinsi", "Kabupaten", "Kota")


@dataclass(frozen=True, slots=True)
class Shape:
    code: str  # Kemendagri code: "63" or "63.11"
    d: str  # SVG path data in the layout's viewBox: one subpath per ring, relative steps, holes wound opposite
    label: tuple[float, float]  # a point inside the shape, for a label or a marker
    marker: bool  # too small to see or tap on a phone (360 px wide): draw a circle marker at `label`


@dataclass(frozen=True, slots=True)
class MapLayout:
    width: int  # viewBox "0 0 width height"
    height: int
    shapes: tuple[Shape, ...]  # sorted by code


class _Layouts(Mapping[str, MapLayout]):
    """The maps by province code ("" for the national map), each laid out when it is first asked for: a run
    that renders one province's pages lays out that province's map only."""

    def __init__(self, make: dict[str, Callable[[], MapLayout]]) -> None:
        self._make, self._done = make, dict[str, MapLayout]()

    def __getitem__(self, code: str) -> MapLayout:
        if code not in self._done:
            self._done[code] = self._make[code]()
        return self._done[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._make)

    def __reduce__(self) -> tuple[type[_Layouts], tuple[dict[str, Callable[[], MapLayout]]]]:
        return _Layouts, (self._make,)  # pickled (publish/memofile.py) without the maps laid out so far

    def __len__(self) -> int:
        return len(self._make)


@dataclass(frozen=True, slots=True)
class Geography:
    maps: Mapping[str, MapLayout]  # "" -> the national map; province code -> the map of its kabupaten/kota

    def national(self) -> MapLayout:
        return self.maps[""]

    def province(self, code: str) -> MapLayout:
        return self.maps[code]


@dataclass(frozen=True, slots=True)
class _Feature:  # one shape of geometry.jsonl, named as its source names it
    line: int
    layer: str  # "national", or the raster's province name
    kind: str  # one of KINDS
    name: str
    kode: str  # the national source's province code (unreliable for Papua), "" for kabupaten/kota
    cells: int  # raster cells, 0 for provinces
    rings: list[list[int]]
    label: tuple[float, float]


def fold(name: str) -> str:
    """'Toli-Toli' ~ 'Tolitoli', 'Pangkajene Dan Kepulauan' ~ 'Pangkajene dan Kepulauan': ASCII letters and digits."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())


def read_capped(path: Path, shown: str, limit: int) -> bytes:
    """A regular file's bytes (links and FIFOs refused unopened), at most `limit`: files.read_bytes."""
    return read_bytes(path, shown, limit, follow=False, fix_size=f"restore {shown} (see data/map/README.md)")


def _check(ok: object, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _ints(value: Any, kind: type = int, low: float = -(1 << 24)) -> list[Any]:
    """A list of whole numbers (or of numbers, for kind=float) within (low, 2**24)."""
    _check(isinstance(value, list) and set(map(type, value)) <= {int, kind}
           and (not value or low < min(value) and max(value) < 1 << 24),
           f"expected a list of {'whole ' if kind is int else ''}numbers in range, got {str(value)[:40]}")
    return list(value)


def _read(path: Path, shown: str) -> tuple[dict[str, Any], dict[str, list[list[Point]]], list[_Feature]]:
    """The header, every layer's arcs (absolute points) and every shape, checked line by line."""
    head: dict[str, Any] = {}
    arcs: dict[str, list[list[Point]]] = {}
    features: list[_Feature] = []
    text = read_capped(path, shown, 1 << 21).decode("utf-8", "replace")
    for number, line in enumerate(text.rstrip("\n").split("\n"), 1):  # not splitlines: U+2028 may be in a name
        try:
            rec = json.loads(line)
            _check(isinstance(rec, dict), "expected one JSON object per line")
            if number == 1:
                _check(rec.get("format") == FORMAT, f"the first line must name the format {FORMAT!r}")
                keys = ("unit", "W", "H", "latMin", "latMax", "lonMin", "lonMax")
                head = dict(zip(keys, _ints([rec["grid"][k] for k in keys], float, -360), strict=True))
                _check(head["unit"] > 0 < head["W"] and head["H"] > 0 and head["latMin"] < head["latMax"]
                       and head["lonMin"] < head["lonMax"], "the grid needs a positive size and its bounds")
                continue
            layer, kind = str(rec["layer"]), rec["kind"]
            if kind == "arcs":
                flat = [_ints(a) for a in rec["arcs"]]
                _check(all(len(a) >= 4 and len(a) % 2 == 0 for a in flat), "an arc needs two points or more")
                arcs[layer] = [list(zip(itertools.accumulate(a[0::2]), itertools.accumulate(a[1::2]), strict=True))
                               for a in flat]
                if layer == "national":
                    head[layer] = _ints([rec["width"], rec["height"], rec["unit"]], float, 0)
                continue
            rings, count, label = [_ints(r) for r in rec["rings"]], len(arcs.get(layer, ())), _ints(rec["label"], float)
            _check(all(-count <= r < count for ring in rings for r in ring), f"a ring refers to no arc of {layer!r}")
            _check(kind in KINDS and (kind == "Provinsi") == (layer == "national") and isinstance(rec["name"], str)
                   and len(label) == 2, "unknown kind, layer, name or label")
            features.append(_Feature(number, layer, kind, rec["name"], str(rec.get("kode", "")),
                                     int(rec.get("cells", 0)), rings, (label[0], label[1])))
        except json.JSONDecodeError as exc:
            raise DataError([Problem(shown, number, "", f"not JSON ({exc.msg}, column {exc.colno})", REGENERATE)]) \
                from None
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError([Problem(shown, number, "", f"malformed record ({exc})", REGENERATE)]) from None
    if "national" not in arcs or not features:
        raise DataError([Problem(shown, 0, "", "is empty or cut short (no national layer)", REGENERATE)])
    return head, arcs, features


Names = dict[tuple[str, str, str], tuple[str | None, int]]


def _table(path: Path, shown: str, registry: Registry, problems: Collector) -> Names:
    """(folded source province, type, folded source name) -> (registry code or None to ignore the unit, line)."""
    reader = csv.DictReader(io.StringIO(read_capped(path, shown, 1 << 16).decode("utf-8", "replace")))
    table: Names = {}
    if reader.fieldnames != ["province", "type", "name", "code", "reason"]:
        problems.add(shown, 1, "header", "expected the columns province,type,name,code,reason", "restore the header")
    for row in reader if reader.fieldnames else ():
        kind, code = row["type"], row["code"] or ""
        key, region = (fold(row["province"] or ""), kind, fold(row["name"] or "")), registry.regions.get(code)
        fits = region is not None and region.level is Level(kind.lower()) if kind in KINDS else False
        if not key[2] or not (row["reason"] or "").strip() or (kind == "Provinsi") != (not key[0]) \
                or not (fits or code == "-" and kind != "Provinsi"):
            problems.add(shown, reader.line_num, "code", f"cannot use the row for {row['name']!r} -> {code!r}",
                         "write: source province (empty for a province), Provinsi/Kabupaten/Kota, the source's "
                         "name, a registry code of that level (or - to ignore a unit that is no region), a reason")
        elif key in table:
            problems.add(shown, reader.line_num, "name", f"{row['name']!r} appears twice", "keep one row")
        else:
            table[key] = (None if code == "-" else code, reader.line_num)
    return table


def _match(features: list[_Feature], table: Names, registry: Registry,
           shown: tuple[str, str], problems: Collector) -> dict[str, _Feature]:
    """Registry code -> its shape. Names match once folded; what folding cannot match is a row of names.csv."""
    provinces = {fold(p.name): p.code for p in registry.provinces}
    regencies = {(r.level.value, fold(short_name(r)), r.province_code): r.code for r in registry.regencies}
    fix = f"add a row to {shown[1]}: province,type,name,code,reason (the code from data/regions/)"
    used: set[tuple[str, str, str]] = set()
    layers: dict[str, str] = {}  # province code -> its layer (one per map)

    def code_of(key: tuple[str, str, str], folded: str | None) -> str | None:
        used.add(key)
        return table[key][0] if key in table else folded

    matched: dict[str, _Feature] = {}
    for f in features:
        own = fold(f.name if f.kind == "Provinsi" else f.layer)
        province = code_of(("", "Provinsi", own), provinces.get(own))
        key = (fold(f.layer), f.kind, fold(f.name))
        folded = regencies.get((f.kind.lower(), key[2], province or ""))
        code = province if f.kind == "Provinsi" else code_of(key, folded)
        if code is None and key in table:
            continue  # a lake, a reservoir...: listed in names.csv as no region
        if code is None or province is None:
            elsewhere = sorted(c for (lv, n, _), c in regencies.items() if (lv, n) == (f.kind.lower(), key[2]))
            hint = f"; the registry has that name in {', '.join(elsewhere)}" if elsewhere else ""
            problems.add(shown[0], f.line, "name", f"{f.kind} {f.name!r} ({f.layer}) matches no region{hint}", fix)
        elif f.kind == "Provinsi" and f.kode != code and not (f.kode in ("91", "92") and code > "90") \
                and ("", "Provinsi", own) not in table:  # the Papua provinces carry their parent's code
            problems.add(shown[0], f.line, "kode", f"{f.name!r} has code {f.kode}, the registry {code}",
                         f"if the name is right, map it to its code in {shown[1]}: the row then rules")
        elif registry.regions[code].province_code != province:
            problems.add(shown[1], table[key][1], "code", f"the raster has {f.name!r} in {f.layer}, the registry "
                         f"has {code} in another province", "use a code of the raster's province")
        elif code in matched or layers.setdefault(province if f.kind != "Provinsi" else "", f.layer) != f.layer:
            problems.add(shown[0], f.line, "name", f"{f.name!r} matches {code} ({province}) a second time", fix)
        elif not f.rings:
            problems.add(shown[0], f.line, "rings", f"{f.name!r} has no cells in the source", REGENERATE)
        else:
            matched[code] = f
    for key in sorted(set(table) - used):
        problems.add(shown[1], table[key][1], "name", f"matches no shape of {shown[0]}", "remove or correct the row")
    for region in registry.regions.values():
        if region.code not in matched:
            problems.add(shown[0], 0, "", f"no shape for {region.code} {region.name}", fix)
    return matched


def _layout(features: list[tuple[str, _Feature]], arcs: list[list[Point]], size: tuple[int, int],
            fit: tuple[float, float, float, float], decimals: int = 0) -> MapLayout:
    """Shapes at x' = ox + x * sx, y' = oy + y * sy, rounded to `decimals`; each arc placed once for all."""
    ox, oy, sx, sy = fit
    unit, k = 10 ** decimals, PHONE / size[0]
    placed: list[list[Point]] = [[] for _ in arcs]
    for i in {r if r >= 0 else ~r for _, f in features for ring in f.rings for r in ring}:
        fitted = [(round((ox + x * sx) * unit), round((oy + y * sy) * unit)) for x, y in arcs[i]]
        placed[i] = [p for j, p in enumerate(fitted) if j == 0 or p != fitted[j - 1]]
    shapes = []
    for code, f in sorted(features):
        rings = [ring for ring in (ring_points(refs, placed) for refs in f.rings) if len(ring) > 2]
        xs, ys = [x for r in rings for x, _ in r], [y for r in rings for _, y in r]
        box = max(max(xs) - min(xs), max(ys) - min(ys)) * k / unit if rings else 0
        drawn = abs(sum(area(r) for r in rings)) * (k / unit) ** 2  # px² on a phone, holes taken out
        marker = box < TAP or drawn < TAP * TAP / 2 or 0 < f.cells < MIN_CELLS
        label = (round(ox + f.label[0] * sx, 1), round(oy + f.label[1] * sy, 1))
        shapes.append(Shape(code, path_data(rings, decimals), label, marker))
    return MapLayout(size[0], size[1], tuple(shapes))


def _province(features: list[tuple[str, _Feature]], arcs: list[list[Point]], grid: dict[str, Any]) -> MapLayout:
    """Equirectangular, x scaled by cos(latitude) at the middle; centred in at most WIDTH x MAX_HEIGHT."""
    used = {r if r >= 0 else ~r for _, f in features for ring in f.rings for r in ring}
    xs, ys = [x for i in used for x, _ in arcs[i]], [y for i in used for _, y in arcs[i]]
    lat_span = grid["latMax"] - grid["latMin"]
    lat = grid["latMax"] - (min(ys) + max(ys)) / 2 * grid["unit"] / grid["H"] * lat_span
    aspect = math.cos(math.radians(lat)) * (grid["lonMax"] - grid["lonMin"]) / grid["W"] / (lat_span / grid["H"])
    w, h = max(max(xs) - min(xs), 1) * aspect, max(max(ys) - min(ys), 1)
    scale = min((WIDTH - 2 * MARGIN) / w, (MAX_HEIGHT - 2 * MARGIN) / h)
    fit = ((WIDTH - w * scale) / 2 - min(xs) * aspect * scale, MARGIN - min(ys) * scale, aspect * scale, scale)
    return _layout(features, arcs, (WIDTH, math.ceil(h * scale) + 2 * MARGIN), fit)


def load_geography(folder: Path, root: Path, registry: Registry) -> Geography:
    """Read and match to the registry (every region exactly one shape, else DataError); each map is laid out
    when it is first drawn."""
    shown = (str((folder / GEOMETRY).relative_to(root)), str((folder / NAMES).relative_to(root)))
    head, arcs, features = _read(folder / GEOMETRY, shown[0])
    problems = Collector()
    matched = _match(features, _table(folder / NAMES, shown[1], registry, problems), registry, shown, problems)
    problems.raise_if_any()
    width, height, unit = head["national"]
    provinces = [(p.code, matched[p.code]) for p in registry.provinces]

    def province(code: str) -> Callable[[], MapLayout]:
        children = [(r.code, matched[r.code]) for r in registry.children(code)]
        return functools.partial(_province, children, arcs[children[0][1].layer], head) if children else \
            functools.partial(MapLayout, WIDTH, WIDTH, ())

    maps = {p.code: province(p.code) for p in registry.provinces}  # partials, not lambdas: a Geography pickles
    maps[""] = functools.partial(_layout, provinces, arcs["national"], (int(width), int(height)),
                                 (0.0, 0.0, unit, unit), decimals=1)
    return Geography(_Layouts(maps))

"""The map geometry: every region gets exactly one shape, on the right map; path data parses and stays in its
viewBox; neighbours share their borders; small places get markers; the output is deterministic, current with
its sources and light; bad files are located errors with a fix, never tracebacks."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from generator.errors import DataError
from generator.read import topology
from generator.read.geography import Geography, MapLayout, fold, load_geography
from generator.read.regions import Registry, load_registry

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "data" / "map"
TOKEN = re.compile(r"[Mmhvlz]|-?(?:\d+(?:\.\d)?|\.\d)(?![\d.])")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO / "data" / "regions")


@pytest.fixture(scope="module")
def geography(registry: Registry) -> Geography:
    return load_geography(MAP, REPO, registry)


def layouts(geography: Geography, registry: Registry) -> list[tuple[str, MapLayout]]:
    return [("national", geography.national())] + [(p.code, geography.province(p.code)) for p in registry.provinces]


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """Parse exactly the path grammar geo emits: 'M x y' first, 'm dx dy' for later rings, h/v/l steps (a
    repeated letter may be left out), 'z' closing each ring; whole numbers or one decimal."""
    tokens = TOKEN.findall(d)
    assert "".join(tokens) == d.replace(" ", ""), f"stray characters in {d[:60]}"
    rings: list[list[tuple[float, float]]] = []
    i, command, start, point = 0, "", (0.0, 0.0), (0.0, 0.0)

    def number() -> float:
        nonlocal i
        assert i < len(tokens) and tokens[i] not in "Mmhvlz", f"a number is missing at token {i}"
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if tokens[i] in "Mmhvlz":
            command, i = tokens[i], i + 1
        else:
            assert command in "hvl" and command, f"number without a command at token {i}"
        if command in "Mm":
            assert (command == "M") == (not rings), "M starts the path, m each later ring"
            x, y = number(), number()
            start = point = (x, y) if command == "M" else (start[0] + x, start[1] + y)
            rings.append([point])
            command = "after move"  # the next token must be a letter
            assert i < len(tokens) and tokens[i] in "hvl", "a ring needs steps"
        elif command == "z":
            assert len(rings[-1]) >= 3, "a ring needs three points"
            point, command = start, "closed"
            assert i == len(tokens) or tokens[i] == "m", "after z comes the next ring or the end"
        else:
            step = (number(), 0.0) if command == "h" else (0.0, number()) if command == "v" else (number(), number())
            point = (point[0] + step[0], point[1] + step[1])
            rings[-1].append(point)
    assert command == "closed", "the path must end with z"
    return rings


def test_every_province_has_one_national_shape(geography: Geography, registry: Registry) -> None:
    codes = [s.code for s in geography.national().shapes]
    assert codes == [p.code for p in registry.provinces]
    assert 900 <= geography.national().width <= 1100


def test_every_kabupaten_kota_is_on_its_own_province_map_only(geography: Geography, registry: Registry) -> None:
    seen: Counter[str] = Counter()
    for p in registry.provinces:
        codes = [s.code for s in geography.province(p.code).shapes]
        assert codes == [r.code for r in registry.children(p.code)], p.name
        seen.update(codes)
    assert set(seen) == {r.code for r in registry.regencies} and set(seen.values()) == {1}
    assert len(seen) == 514


@pytest.mark.parametrize(("code", "count"), [("63", 13), ("95", 8), ("31", 6), ("35", 38), ("33", 35)])
def test_shape_counts(geography: Geography, code: str, count: int) -> None:
    assert len(geography.province(code).shapes) == count


def test_paths_parse_and_stay_in_the_viewbox_with_labels_inside(geography: Geography, registry: Registry) -> None:
    for name, layout in layouts(geography, registry):
        for shape in layout.shapes:
            rings = rings_of(shape.d)
            assert all(0 <= x <= layout.width and 0 <= y <= layout.height for r in rings for x, y in r), shape.code
            assert topology.inside(shape.label, rings), f"{name}: label of {shape.code} is outside it"


def test_neighbours_share_borders_without_gaps_or_overlaps(geography: Geography, registry: Registry) -> None:
    """Each border segment is drawn once in each direction (by the two neighbours), never twice the same way;
    and rings are wound outer anticlockwise, holes clockwise, so both fill rules agree."""
    for name, layout in layouts(geography, registry):
        segments: Counter[tuple[tuple[float, float], tuple[float, float]]] = Counter()
        for shape in layout.shapes:
            rings = rings_of(shape.d)
            assert sum(topology.area(r) for r in rings) < 0, f"{name}: {shape.code} is wound the wrong way"
            for ring in rings:
                segments.update(zip(ring, ring[1:] + ring[:1], strict=True))
        assert max(segments.values()) == 1, f"{name}: a border is drawn twice the same way"
        shared = sum(1 for a, b in segments if (b, a) in segments)
        assert shared > 0 or name == "31" or len(layout.shapes) == 1, f"{name}: no shared border at all"


def test_small_places_get_markers(geography: Geography) -> None:
    national = {s.code: s.marker for s in geography.national().shapes}
    assert national["31"] and national["34"]  # DKI Jakarta, DI Yogyakarta
    assert not any(national[c] for c in ("11", "62", "91", "93", "35"))
    marked = {s.code for p in ("12", "13", "31", "33", "35", "63") for s in geography.province(p).shapes if s.marker}
    # Kota Binjai (10 cells, ~65 px² on its map), Bukittinggi, Jakarta Pusat, Magelang, Mojokerto (1-4 cells)
    assert {"12.75", "13.75", "31.71", "33.71", "35.76"} <= marked
    # on DKI's own map the other four cities are 50-100 px wide at 360 px: a shape, no marker
    assert marked & {"31.72", "31.73", "31.74", "31.75", "63.72", "63.02", "35.16"} == set()


def test_maps_are_light(geography: Geography, registry: Registry) -> None:
    for name, layout in layouts(geography, registry):
        size = sum(len(s.d.encode()) for s in layout.shapes)
        assert size <= (30_000 if name == "national" else 20_000), (name, size)


def test_loading_is_deterministic(geography: Geography, registry: Registry) -> None:
    again = load_geography(MAP, REPO, registry)  # its time is a benchmark figure (bench: geography_load_s)
    assert again == geography
    assert [s.d for s in again.national().shapes] == [s.d for s in geography.national().shapes]


def converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_map", REPO / "scripts" / "convert_map.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_derived_file_is_current_with_its_sources() -> None:
    assert converter().convert(MAP).encode() == (MAP / "geometry.jsonl").read_bytes(), \
        "run: python scripts/convert_map.py"


def test_names_fold_alike() -> None:
    assert fold("Toli-Toli") == fold("Tolitoli") == "tolitoli"
    assert fold("Pangkajene Dan Kepulauan") == fold("Pangkajene dan  Kepulauan")
    assert fold("Fak-Fak") == fold("Fakfak")


def test_path_data_is_compact() -> None:
    assert topology.path_data([[(0, 0), (10, 0), (10, 5), (3, 8), (1, 9)], [(20, 20), (22, 20), (21, 22)]]) == \
        "M0 0h10v5l-7 3-2 1zm20 20h2l-1 2z"
    assert topology.path_data([[(5, 5), (-15, 5), (-15, 120)]], decimals=1) == "M.5 .5h-2v11.5z"


def test_tracing_shares_arcs_and_keeps_diagonal_cells_apart() -> None:
    grid = [[0, 0, 0, 1],
            [0, 2, 0, 1],
            [0, 0, 0, 1],
            [3, -1, -1, -1],
            [-1, 3, -1, -1]]
    traced = topology.trace(grid)
    assert sorted(traced.rings) == [0, 1, 2, 3]
    assert len(traced.rings[0]) == 2 and len(traced.rings[3]) == 2  # unit 2 is a hole in 0; 3 touches diagonally
    used = Counter(r if r >= 0 else ~r for rings in traced.rings.values() for ring in rings for r in ring)
    assert used.most_common(1)[0][1] == 2  # a border between two units is one arc, used by both
    for rings in traced.rings.values():
        for ring in rings:
            points = topology.ring_points(ring, traced.arcs)
            assert len(set(points)) == len(points) >= 3


def test_simplifying_keeps_small_rings_and_crossings_out() -> None:
    square = [(0, 0), (1, 1), (2, 0), (1, -1), (0, 0)]  # a closed arc that Douglas-Peucker would flatten
    assert topology.simplify([square], [[0]], 5.0) == [square]
    zigzag = [(0, 0), (10, 3), (20, 0)]
    below = [(10, -1), (10, 1)]  # the straightened zigzag would cross it
    assert topology.simplify([zigzag, below], [], 5.0)[0] == zigzag
    assert topology.simplify([zigzag], [], 5.0)[0] == [(0, 0), (20, 0)]


# Bad input: located errors with a fix, no traceback, nothing read through links or FIFOs.

@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MAP, tmp_path / "data" / "map")
    return tmp_path


def problems(project: Path, registry: Registry) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_geography(project / "data" / "map", project, registry)
    assert all(p.fix for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_file(project: Path, registry: Registry) -> None:
    (project / "data/map/geometry.jsonl").unlink()
    assert problems(project, registry)[0].startswith("data/map/geometry.jsonl: not found")


def test_symbolic_link_and_fifo_are_refused(project: Path, registry: Registry) -> None:
    target = project / "data/map/geometry.jsonl"
    target.unlink()
    target.symlink_to(MAP / "geometry.jsonl")
    assert "symbolic link" in problems(project, registry)[0]
    target.unlink()
    os.mkfifo(target)  # opening it would block: it must not be opened at all
    assert "not a regular file" in problems(project, registry)[0]


def test_oversized_file(project: Path, registry: Registry) -> None:
    (project / "data/map/names.csv").write_text("province,type,name,code,reason\n" + "#" * 70_000, encoding="utf-8")
    assert "data/map/names.csv:1: file is 70,031 bytes, over the limit of 65,536" in problems(project, registry)[0]


def test_truncated_json_names_the_line(project: Path, registry: Registry) -> None:
    path = project / "data/map/geometry.jsonl"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    found = problems(project, registry)
    assert len(found) == 1 and re.match(r"data/map/geometry\.jsonl:\d+: not JSON", found[0])


def test_file_cut_at_a_line_end_leaves_regions_without_shapes(project: Path, registry: Registry) -> None:
    path = project / "data/map/geometry.jsonl"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:60]), encoding="utf-8")
    assert any("no shape for 63.11 Kabupaten Balangan" in p for p in problems(project, registry))


def test_unknown_raster_name(project: Path, registry: Registry) -> None:
    edit(project / "data/map/geometry.jsonl", '"name":"Balangan"', '"name":"Balangann"')
    found = problems(project, registry)
    assert any(re.match(r"data/map/geometry\.jsonl:\d+: name: Kabupaten 'Balangann' \(Kalimantan Selatan\) "
                        r"matches no region", p) for p in found)
    assert any("no shape for 63.11 Kabupaten Balangan" in p for p in found)


def test_name_in_another_province_is_named(project: Path, registry: Registry) -> None:
    edit(project / "data/map/geometry.jsonl", '"name":"Balangan"', '"name":"Bogor"')
    assert any("the registry has that name in 32.01" in p for p in problems(project, registry))


def test_province_code_must_agree_except_the_papua_trap(project: Path, registry: Registry) -> None:
    edit(project / "data/map/geometry.jsonl", '"name":"Aceh","kode":"11"', '"name":"Aceh","kode":"12"')
    assert any("kode: 'Aceh' has code 12, the registry 11" in p for p in problems(project, registry))


def test_bad_and_stale_name_rows(project: Path, registry: Registry) -> None:
    path = project / "data/map/names.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Maluku,Kota,Atlantis,81.71,no such place\n"
                    "Maluku,Kota,Tual,99.99,no such code\n", encoding="utf-8")
    found = problems(project, registry)
    assert any(p.startswith("data/map/names.csv:13: name: matches no shape") for p in found)
    assert any(p.startswith("data/map/names.csv:14: code: cannot use the row") for p in found)


def test_malformed_record(project: Path, registry: Registry) -> None:
    edit(project / "data/map/geometry.jsonl", '"rings":[[', '"rings":[[99999,')
    assert re.match(r"data/map/geometry\.jsonl:\d+: malformed record", problems(project, registry)[0])


def test_converter_refuses_bad_sources(tmp_path: Path) -> None:
    shutil.copytree(MAP, tmp_path / "map")
    grid = tmp_path / "map" / "kabkota-grid.json"
    grid.write_bytes(grid.read_bytes()[:1000])
    with pytest.raises(DataError, match=r"data/map/kabkota-grid\.json:1: not JSON"):
        converter().convert(tmp_path / "map")
    shutil.copy(MAP / "kabkota-grid.json", grid)
    (tmp_path / "map" / "indonesia-38-provinces.topo.json").write_text('{"type": "Topology"}', encoding="utf-8")
    with pytest.raises(DataError, match="indonesia-38-provinces.topo.json: unexpected structure"):
        converter().convert(tmp_path / "map")

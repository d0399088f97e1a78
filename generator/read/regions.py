"""The region registry: Indonesia's 38 provinces and 514 kabupaten/kota (idn-area-data 4.0.1, ODbL 1.0)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Collector, DataError
from generator.model import Region
from generator.read.files import read_bytes
from generator.read.tables import Limits, read_csv
from generator.vocabulary import Level

ATTRIBUTION = "Data wilayah administrasi Indonesia dari idn-area-data 4.0.1, lisensi ODbL 1.0"
_PROVINCE_CODE = re.compile(r"^[0-9]{2}$")
_REGENCY_CODE = re.compile(r"^[0-9]{2}\.[0-9]{2}$")
LIMITS = Limits(bytes=2 * 1024 * 1024, rows=20_000, columns=10, cell=200)


def slugify(text: str) -> str:
    """'Kota Administrasi Jakarta Selatan' -> 'kota-administrasi-jakarta-selatan'; only [a-z0-9-]."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def level_of(name: str) -> Level:
    if name.startswith("Kota "):
        return Level.KOTA
    if name.startswith("Kabupaten "):
        return Level.KABUPATEN
    raise ValueError(name)


def short_name(region: Region) -> str:
    """The name without its prefix: 'Kabupaten Balangan' -> 'Balangan'."""
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if region.name.startswith(prefix):
            return region.name[len(prefix):]
    return region.name


@dataclass(frozen=True, slots=True)
class Registry:
    regions: dict[str, Region]  # by code, provinces and kabupaten/kota
    # The lists below are asked for on every page (tens of thousands of times a run): made once, here.
    _provinces: tuple[Region, ...] = field(init=False, repr=False, compare=False)
    _regencies: tuple[Region, ...] = field(init=False, repr=False, compare=False)
    _children: dict[str, tuple[Region, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = sorted(self.regions.values(), key=lambda r: r.code)
        regencies = tuple(r for r in ordered if not r.is_province)
        children: dict[str, list[Region]] = {}
        for r in regencies:
            children.setdefault(r.province_code, []).append(r)
        object.__setattr__(self, "_provinces", tuple(r for r in ordered if r.is_province))
        object.__setattr__(self, "_regencies", regencies)
        object.__setattr__(self, "_children", {code: tuple(items) for code, items in children.items()})

    @property
    def provinces(self) -> list[Region]:
        return list(self._provinces)

    @property
    def regencies(self) -> list[Region]:
        return list(self._regencies)

    def children(self, province_code: str) -> list[Region]:
        return list(self._children.get(province_code, ()))

    def province_of(self, region: Region) -> Region:
        return self.regions[region.province_code]


def _rows(path: Path, columns: list[str], problems: Collector) -> list[tuple[int, dict[str, str]]]:
    """The rows of a registry CSV, read like every sheet: UTF-8, bounded, no invisible characters."""
    where = f"data/regions/{path.name}"
    try:
        raw = read_bytes(path, where, LIMITS.bytes, follow=False, fix_size="restore the file from idn-area-data")
        table = read_csv(raw, where, LIMITS)
    except DataError as exc:
        problems.extend(exc.problems)
        return []
    if list(table.header) != columns:
        problems.add(where, table.header_line or 1, "header", f"expected columns {columns}, got {list(table.header)}",
                     "restore the file from idn-area-data")
        return []
    rows = []
    for row in table.rows:
        if len(row.cells) != len(columns):
            problems.add(where, row.line, "", f"{len(row.cells)} cells, expected {len(columns)}",
                         "restore the file from idn-area-data")
            continue
        rows.append((row.line, {name: str(cell).strip() for name, cell in zip(columns, row.cells, strict=True)}))
    return rows


def load_registry(folder: Path) -> Registry:
    problems = Collector()
    regions: dict[str, Region] = {}
    slugs: dict[str, str] = {}

    def add(region: Region, where: str, line: int) -> None:
        for key, seen in ((region.code, regions), (region.slug, slugs)):
            if key in seen:
                problems.add(where, line, "code", f"{key!r} appears twice", "remove the duplicate row")
                return
        regions[region.code] = region
        slugs[region.slug] = region.code

    prov_path, where_prov = folder / "provinces.csv", "data/regions/provinces.csv"
    for line, row in _rows(prov_path, ["code", "name"], problems):
        if not _PROVINCE_CODE.match(row["code"]):
            problems.add(where_prov, line, "code", f"bad province code {row['code']!r}", "use two digits")
            continue
        add(Region(row["code"], row["name"], Level.PROVINSI, row["code"], slugify(row["name"])), where_prov, line)
    reg_path, where_reg = folder / "regencies.csv", "data/regions/regencies.csv"
    for line, row in _rows(reg_path, ["code", "province_code", "name"], problems):
        code, name = row["code"], row["name"]
        if not _REGENCY_CODE.match(code) or row["province_code"] not in regions:
            problems.add(where_reg, line, "code", f"bad code {code!r} / province {row['province_code']!r}",
                         "use NN.NN and a province code from provinces.csv")
            continue
        try:
            level = level_of(name)
        except ValueError:
            problems.add(where_reg, line, "name", f"{name!r} does not start with Kabupaten or Kota",
                         "write the full name with its prefix")
            continue
        add(Region(code, name, level, row["province_code"], slugify(name)), where_reg, line)
    problems.raise_if_any()
    return Registry(regions)

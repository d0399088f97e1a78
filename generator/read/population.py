"""Population of every region, 2025 (data/population/penduduk-2025.csv, Kepmendagri 300.2.2-2138/2025).

Read as strictly as the records: UTF-8, a size cap, the expected header, whole numbers, every registry
code exactly once, male + female = total, and each province equal to the sum of its kabupaten/kota."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Collector, DataError
from generator.read.files import read_bytes
from generator.read.regions import Registry

FILE = "penduduk-2025.csv"
COLUMNS = ["code", "name", "male", "female", "total"]
MAX_BYTES = 256 * 1024
SOURCE = "Kepmendagri No. 300.2.2-2138 Tahun 2025 (data Dukcapil), dihimpun cahyadsn/wilayah (MIT)"
YEAR = 2025


@dataclass(frozen=True, slots=True)
class Population:
    total: dict[str, int]  # region code -> people
    year: int = YEAR
    source: str = SOURCE

    def of(self, code: str) -> int | None:
        return self.total.get(code)


def load_population(folder: Path, root: Path, registry: Registry, problems: Collector) -> Population:
    path = folder / FILE
    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    fix = f"restore data/population/{FILE} from the repository (see data/population/README.md)"
    try:
        raw = read_bytes(path, where, MAX_BYTES, follow=False, fix_size=fix)
    except DataError as exc:
        problems.extend(exc.problems)
        return Population({})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(where, text_line(raw, exc.start), "", f"not UTF-8 (byte 0x{raw[exc.start]:02x})",
                     "save the file as CSV UTF-8")
        return Population({})
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != COLUMNS:
        problems.add(where, 1, "header", f"expected columns {COLUMNS}, got {reader.fieldnames}", fix)
        return Population({})
    totals: dict[str, int] = {}
    for row in reader:
        line, code = reader.line_num, row.get("code") or ""
        try:
            male, female, total = (int(row[k] or "") for k in ("male", "female", "total"))
        except ValueError:
            problems.add(where, line, "total", f"{code}: counts must be whole numbers", fix)
            continue
        if code not in registry.regions:
            problems.add(where, line, "code", f"unknown region code {code!r}", "use a code from data/regions/")
        elif code in totals:
            problems.add(where, line, "code", f"{code} appears twice", "keep one row per region")
        elif min(male, female) < 0 or male + female != total:
            problems.add(where, line, "total", f"{code}: male + female ({male + female}) is not total ({total})", fix)
        else:
            totals[code] = total
    missing = [c for c in registry.regions if c not in totals]
    if missing and len(missing) < len(registry.regions):
        problems.add(where, 0, "code", f"no population for {len(missing)} regions: {', '.join(missing[:5])}...",
                     "add one row per region of data/regions/")
    sums = Counter[str]()
    for region in registry.regencies:
        sums[region.province_code] += totals.get(region.code, 0)
    for province in registry.provinces:
        if not missing and totals.get(province.code) != sums[province.code]:
            problems.add(where, 0, "total", f"{province.name} ({totals.get(province.code)}) is not the sum of its "
                         f"kabupaten/kota ({sums[province.code]})", fix)
    return Population(totals)


def text_line(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1

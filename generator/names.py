"""Tolerant matching of region names as the press writes them to Kemendagri codes.

"Kab. Aceh Besar", "Pemkab Aceh Besar", "kabupaten  aceh besar", "Pangkalpinang" (registry: "Kota Pangkal
Pinang"), "Kalsel": all resolve. A name that matches no region, or more than one, is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Level, Region
from .regions import Registry, short_name

# Press short forms and other names of provinces, as the press writes them (shown on province pages
# so that search finds them too).
PROVINCE_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "12": ("Sumut",), "13": ("Sumbar",), "16": ("Sumsel",), "19": ("Babel", "Bangka Belitung"),
    "21": ("Kepri",), "31": ("DKI Jakarta", "DKI", "Jakarta"), "32": ("Jabar",), "33": ("Jateng",),
    "34": ("DIY", "DI Yogyakarta", "Yogyakarta", "Jogja"), "35": ("Jatim",), "52": ("NTB",), "53": ("NTT",),
    "61": ("Kalbar",), "62": ("Kalteng",), "63": ("Kalsel",), "64": ("Kaltim",), "65": ("Kaltara",),
    "71": ("Sulut",), "72": ("Sulteng",), "73": ("Sulsel",), "74": ("Sultra",), "76": ("Sulbar",),
    "82": ("Malut",), "96": ("PBD",),
}

# Other spellings of kabupaten/kota names that the press uses: nicknames and spacing different from the
# registry's (Tanjungpinang for Kota Tanjung Pinang). Shown on each region's page, so that search finds it
# by them too, and matched by the import. Spacing and punctuation alone are folded away by key().
REGION_SPELLINGS: dict[str, tuple[str, ...]] = {
    "11.12": ("Abdya",), "12.10": ("Labuhan Batu",), "12.12": ("Toba Samosir", "Tobasa"),
    "12.16": ("Humbahas",), "12.22": ("Labusel",), "12.23": ("Labura",),
    "12.72": ("Pematang Siantar", "Siantar"), "12.74": ("Tanjung Balai",),
    "12.77": ("Padang Sidimpuan", "Padang Sidempuan"), "12.78": ("Gunung Sitoli",),
    "16.01": ("OKU",), "16.02": ("OKI",), "16.06": ("Muba",), "16.08": ("OKU Timur",), "16.09": ("OKU Selatan",),
    "16.12": ("PALI",), "16.13": ("Muratara",), "16.72": ("Pagaralam",), "16.73": ("Lubuklinggau",),
    "19.71": ("Pangkalpinang",), "21.72": ("Tanjungpinang",), "36.74": ("Tangsel",), "62.71": ("Palangka Raya",),
    "64.02": ("Kukar",), "64.07": ("Kubar",), "64.08": ("Kutim",), "64.11": ("Mahulu",),
    "71.09": ("Sitaro", "Siau Tagulandang Biaro"), "73.01": ("Selayar",), "73.10": ("Pangkep",),
    "73.14": ("Sidrap",), "74.72": ("Baubau",), "82.72": ("Tidore",),
}

_PREFIXES = [
    ("pemerintah kabupaten administrasi ", Level.KABUPATEN), ("pemerintah kota administrasi ", Level.KOTA),
    ("kabupaten administrasi ", Level.KABUPATEN), ("kota administrasi ", Level.KOTA),
    ("pemerintah kabupaten ", Level.KABUPATEN), ("pemerintah kota ", Level.KOTA),
    ("pemerintah provinsi ", Level.PROVINSI), ("kabupaten ", Level.KABUPATEN), ("pemkab ", Level.KABUPATEN),
    ("kab ", Level.KABUPATEN), ("pemkot ", Level.KOTA), ("pemko ", Level.KOTA), ("kota ", Level.KOTA),
    ("pemprov ", Level.PROVINSI), ("provinsi ", Level.PROVINSI), ("prov ", Level.PROVINSI),
]


def clean(text: str) -> str:
    """Lower case, ASCII, punctuation to spaces, single spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def key(text: str) -> str:
    """Letters and digits only: 'Tanjung Pinang', 'Tanjungpinang', 'tanjung-pinang' -> 'tanjungpinang'."""
    return clean(text).replace(" ", "")


def split_prefix(name: str) -> tuple[Level | None, str]:
    """'Kab. Aceh Besar' -> (KABUPATEN, 'aceh besar'); 'Binjai' -> (None, 'binjai')."""
    text = clean(name)
    for prefix, level in _PREFIXES:
        if text.startswith(prefix):
            return level, text[len(prefix):]
    return None, text


@dataclass(frozen=True, slots=True)
class Match:
    region: Region | None
    candidates: tuple[Region, ...]  # when ambiguous
    reason: str  # why there is no match


class NameIndex:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.by_key: dict[str, list[Region]] = {}
        for region in registry.regencies:
            self.by_key.setdefault(key(short_name(region)), []).append(region)
        for code, spellings in REGION_SPELLINGS.items():
            for spelling in spellings:
                if key(spelling) not in self.by_key:  # a spelling that only folds spacing adds nothing
                    self.by_key[key(spelling)] = [registry.regions[code]]
        self.provinces: dict[str, str] = {clean(alias): code for code, aliases in PROVINCE_SHORT_FORMS.items()
                                          for alias in aliases}
        for province in registry.provinces:
            self.provinces[clean(province.name)] = province.code

    def province(self, name: str) -> Region | None:
        _, text = split_prefix(name)
        code = self.provinces.get(text) or self.provinces.get(clean(name))
        if code is None:  # 'Daerah Khusus Ibukota Jakarta' style, or spacing variants
            code = next((c for n, c in self.provinces.items() if key(n) == key(text)), None)
        return self.registry.regions[code] if code else None

    def match(self, name: str, level: Level | None = None, province: str | None = None) -> Match:
        prefix_level, text = split_prefix(name)
        level = level or prefix_level
        if level is Level.PROVINSI:
            found = self.province(text)
            return Match(found, (), "" if found else f"no province called {name!r}")
        candidates = self.by_key.get(key(text), [])
        if level is not None:
            candidates = [r for r in candidates if r.level is level]
        if province:
            prov = self.province(province)
            if prov is None:
                return Match(None, (), f"unknown province {province!r}")
            candidates = [r for r in candidates if r.province_code == prov.code]
        if len(candidates) == 1:
            return Match(candidates[0], (), "")
        if not candidates:
            return Match(None, (), f"no {level.value if level else 'kabupaten/kota'} called {name!r}"
                         + (f" in {province}" if province else ""))
        return Match(None, tuple(candidates),
                     f"{name!r} is ambiguous: " + ", ".join(r.name for r in candidates))

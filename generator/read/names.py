"""Region names folded for comparison: case, accents, punctuation and spacing away ('Tanjung Pinang',
'Tanjungpinang', 'tanjung-pinang' are one key), and a leading level word read as the level it asks for
('Kab. Aceh Besar', 'Pemkot Binjai'). Used by the aliases' checks and by the import's name matching."""

from __future__ import annotations

import re
import unicodedata

from generator.vocabulary import Level

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

"""Rules for text that comes from data: what no text may contain, and what text for readers may not.

Every text field of every data file passes `control_problem`; text shown to readers as an edited sentence
(notes, basis notes, recipients, corrections) also passes `reader_problem`. Each returns (message, fix)
or None, for the caller to locate at file:line.
"""

from __future__ import annotations

import re
import unicodedata

from generator import vocabulary
from generator.vocabulary import Basis

# Characters no text may hold, by Unicode general category rather than by a list of code points: controls (Cc;
# tab and newline are allowed), format characters (Cf: zero-width, bidirectional, tag characters, soft hyphen,
# byte order mark...), private use (Co), surrogates (Cs), unassigned code points (Cn), and the line and
# paragraph separators (Zl, Zp), which YAML reads as line breaks where editors do not. They garble, reverse or
# hide text on the page.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_ALLOWED_CONTROLS = frozenset("\t\n")
_ASCII_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# The rest of Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): the characters that
# render as nothing although their category is a mark or a letter (variation selectors, the combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels). The property's other members are Cf or Cn, refused above.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U000e0100-\U000e01ef]")
_UNNAMED = {"Cc": "control character", "Co": "private use character", "Cs": "surrogate",
            "Cn": "unassigned code point"}
# A research tag written for the compiler: 'TIDAK MENERIMA:', 'KONFLIK:', 'NAMA DISIMPULKAN', 'KATEGORI
# TIDAK DISEBUT', 'INFERRED'. Acronyms (BPJS, JKN, RSUD, PBPU) are short and stand alone, so they pass.
_TAG_COLON = re.compile(r"(?:^|[.;!?]\s+)([A-Z]{3,}(?: [A-Z]{2,})*):")
_TAG_WORDS = re.compile(r"\b[A-Z]{4,}(?: [A-Z]{4,})+\b|\b(?:"
                        + "|".join((Basis.INFERRED.value.upper(), Basis.DISPUTED.value.upper(), "CONFLICT", "KONFLIK",
                                    "TERSIRAT")) + r")\b")
# An address written into the text: http(s)://..., www...., or a host with a path (detik.com/berita/...): a
# label's last character, then the top-level name and a path. No repeated group: linear in the text's length
# (the host's earlier labels, matched by `[a-z0-9-]+(?:\.[a-z0-9-]+)*`, made the search quadratic).
_ADDRESS = re.compile(r"https?://|\bwww\.|(?<=[a-z0-9-])\.(?:com|id|net|org|co|go|news)/\S", re.IGNORECASE)
# Words that say an answer was worked out rather than stated.
INFERENCE_WORDS = re.compile(r"\b(?:" + "|".join(vocabulary.INFERENCE_WORDS) + r")\b", re.IGNORECASE)


def invisible_at(value: str) -> int | None:
    """The index of the first character no text may hold (REFUSED_CATEGORIES, default-ignorable), or None.
    Linear: ASCII text by one regular expression, other text by the category of each distinct character."""
    if value.isascii():
        found = _ASCII_REFUSED.search(value)
        return found.start() if found else None
    bad = {c for c in set(value) if c not in _ALLOWED_CONTROLS and unicodedata.category(c) in REFUSED_CATEGORIES}
    bad.update(_IGNORABLE.findall(value))
    return min((value.index(c) for c in bad), default=None)


def describe(char: str) -> str:
    """'U+200B (zero width space)': a character as messages name it."""
    name = unicodedata.name(char, "") or _UNNAMED.get(unicodedata.category(char), "character")
    return f"U+{ord(char):04X} ({name.lower()})"


def control_problem(value: str) -> tuple[str, str] | None:
    """Invisible, format or control characters, with the first one's code point named."""
    index = invisible_at(value)
    if index is None:
        return None
    return (f"contains {describe(value[index])} at character {index + 1}",
            "retype the text without it (it can reverse, hide or garble text on the page)")


def reader_problem(value: str) -> tuple[str, str] | None:
    """Problems of an edited sentence for readers: research tags in capitals, bare addresses."""
    tag = _TAG_COLON.search(value) or _TAG_WORDS.search(value)
    if tag is not None:
        text = tag.group(1) if tag.re is _TAG_COLON else tag.group()
        return (f"contains the research tag {text!r} in capitals",
                "write a plain sentence for readers; keep how the record was compiled in research_notes:")
    address = _ADDRESS.search(value)
    if address is not None:
        start = max(0, address.start() - 10)
        return (f"contains a web address ({value[start:address.end() + 20]!r}...)",
                "name the outlet in words and put its address under sources:")
    return None

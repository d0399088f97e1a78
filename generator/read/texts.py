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

# C0 and C1 controls (tab and newline are allowed), bidirectional overrides and isolates, zero-width and
# other invisible format characters: they garble, reverse or hide text on the page.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb]"
)
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


def control_problem(value: str) -> tuple[str, str] | None:
    """Invisible or control characters, with the first one's code point named."""
    found = _INVISIBLE.search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "control character")
    return (f"contains U+{ord(char):04X} ({name.lower()}) at character {found.start() + 1}",
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

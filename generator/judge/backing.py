"""How many pages an answer rests on, and how many of them are accounts of their own: a page that repeats the
release of another source of the record (`copy_of:`) is not separate evidence, and a page that backs only the
figures (`figures_only:`) is no evidence of the answer at all. Counted from the record (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Source

_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def spelled(n: int) -> str:
    """A small count in words, as a sentence says it: 2 -> 'dua'; 10 and more in digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


@dataclass(frozen=True, slots=True)
class Backing:
    pages: int  # sources that state the answer
    accounts: int | None  # independent accounts (pages and their copies counted once); None: not every page checked
    copies: int  # pages that repeat another source's release
    figures: int = 0  # further sources that back only the figures (not counted above)

    @property
    def words(self) -> str:
        """'Satu sumber', 'Dua sumber independen', 'Satu sumber, dimuat ulang oleh tiga media', '3 sumber (belum
        diperiksa apakah saling independen)'; then, where there are any, the pages that back only the figures:
        'Satu sumber; satu halaman lain hanya memuat angka'."""
        if not self.figures:
            return self._answer_words
        return f"{self._answer_words}; {spelled(self.figures)} halaman lain hanya memuat angka"

    @property
    def _answer_words(self) -> str:
        if self.pages == 1:
            return "Satu sumber"
        if self.accounts is None:
            return f"{spelled(self.pages).capitalize()} sumber (belum diperiksa apakah saling independen)"
        first = f"{spelled(self.accounts).capitalize()} sumber" + (" independen" if self.accounts > 1 else "")
        if not self.copies:
            return first
        which = "salah satunya " if self.accounts > 1 else ""
        return f"{first}, {which}dimuat ulang oleh {spelled(self.copies)} media"

    @property
    def several(self) -> bool:
        """Two or more pages (whether or not they were checked)."""
        return self.pages >= 2

    @property
    def independent(self) -> bool:
        """Two or more accounts of their own, checked."""
        return (self.accounts or 0) >= 2


def backing_of(sources: tuple[Source, ...]) -> Backing:
    """Pages joined by `copy_of:` are one account. The count is known when every page but one (the page the
    others were compared with) was checked: it repeats another, another repeats it, or it is marked independent."""
    figures = sum(s.figures_only for s in sources)
    sources = tuple(s for s in sources if not s.figures_only)
    urls = [s.url for s in sources]
    group = list(range(len(sources)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    checked = {i for i, s in enumerate(sources) if s.independent or s.copy_of}
    for i, source in enumerate(sources):
        if source.copy_of in urls:
            target = urls.index(source.copy_of)
            checked.add(target)
            group[root(i)] = root(target)
    accounts = len({root(i) for i in range(len(sources))})
    known = len(sources) - len(checked) <= 1
    return Backing(len(sources), accounts if known else None, len(sources) - accounts if known else 0, figures)

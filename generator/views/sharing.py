"""What the share pictures say (the words; pictures/cards.py draws them): a region's answer with its source, its
date and the page's address; the national pages' counts. Plain strings, decided here."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from generator import numfmt
from generator.judge.answers import Counts, answer_of, count
from generator.judge.changes import change_of
from generator.judge.dataset import Dataset, Entry
from generator.views import paths
from generator.views.citation import SITE
from generator.vocabulary import AWARD_TIERS, Basis, Status


@dataclass(frozen=True, slots=True)
class PageShare:
    """The picture of a page that is not a region's."""

    image: str  # its docs path
    title: str  # "Ringkasan nasional", "Kategori Utama"
    context: str  # the line under the title
    headline: str  # in the band: "285 dari 397 penerima tercatat"
    status: Status | None  # the band's colour; None: the site's own
    edition: str
    details: tuple[str, ...]
    address: str


def address(site_url: str, md_path: str) -> str:
    """The page's address as a picture prints it: 'uhc-awards.github.io/uhc-awards/wilayah/kabupaten-balangan/'."""
    parts = urlsplit(paths.permalink(site_url, md_path))
    return f"{parts.netloc}{parts.path}" if parts.netloc else parts.path


def region_details(ds: Dataset, entry: Entry) -> tuple[str, ...]:
    """Under a region's answer: its first source and date (and how many more), or how complete the data is; then
    the change since the edition before ('Naik dari Madya (2024)'), when there is an answer to compare."""
    record = entry.record
    if record is None:
        return (f"Belum ada sumber · data diperbarui {numfmt.date(ds.data_updated)}",)
    first = record.sources[0]
    more = f" dan {len(record.sources) - 1} sumber lain" if len(record.sources) > 1 else ""
    when = f", {numfmt.date(first.date)}" if first.date else ""
    change = change_of(ds, entry.region.code, entry.year)
    return (f"Sumber: {first.publisher}{when}{more}", *((change.words,) if change else ()))


def _tiers(counts: Counts, official: dict[Status, int]) -> str:
    """'58 Utama, 140 Madya, 60 Pratama (resmi 75, 192, 130)'."""
    tiers = [t.status for t in AWARD_TIERS]
    recorded = ", ".join(f"{counts[s]} {s.label}" for s in tiers)
    resmi = ", ".join(str(official[s]) for s in tiers if s in official)
    return f"{recorded}{f' (resmi {resmi})' if resmi and len(official) == len(tiers) else ''}"


def _unsure_part(n: int) -> str:
    return f"; {n} di antaranya {Basis.INFERRED.label} atau {Basis.DISPUTED.label}" if n else ""


def national(ds: Dataset, site_url: str) -> list[PageShare]:
    """The pictures of the home, summary, downloads and category index pages (the newest edition's national
    counts), and of every category list."""
    year = ds.years[0]
    crit = ds.criteria[year]
    kabkota = count(answer_of(ds.entry(r.code, year)) for r in ds.registry.regencies)
    provinces = count(answer_of(ds.entry(r.code, year)) for r in ds.registry.provinces)
    official = {t.status: n for t, n in crit.official_kabkota.items()}
    total = crit.official_kabkota_total
    headline = f"{kabkota.awarded} dari {total} penerima tercatat" if total else f"{kabkota.awarded} penerima tercatat"
    scope = f"{len(ds.registry.provinces)} provinsi dan {len(ds.registry.regencies)} kabupaten/kota"
    updated = f"Data diperbarui {numfmt.date(ds.data_updated)}"
    details = (f"Kabupaten/kota: {_tiers(kabkota, official)}",
               f"Provinsi: {provinces.awarded}{f' dari {crit.official_provinces}' if crit.official_provinces else ''}"
               f" penerima tercatat · {updated}")
    pages = [(paths.HOME, "UHC Awards Indonesia", f"Hasil per wilayah: {scope}"),
             (paths.SUMMARY, "Ringkasan nasional", f"Tercatat dibanding angka resmi · {scope}"),
             (paths.DOWNLOADS, "Unduh data", "Excel, CSV dan JSON, satu baris per wilayah, dengan sumbernya"),
             (paths.CATEGORIES, "Kategori", f"Daftar wilayah per kategori · {scope}")]
    shares = [PageShare(paths.page_image(md), title, context, headline, None, crit.edition, details,
                        address(site_url, md)) for md, title, context in pages]
    for y in ds.years:
        edition = ds.criteria[y].edition
        answers = [answer_of(ds.entry(r.code, y)) for r in ds.registry.regencies]
        on_level = count(answers)
        in_provinces = count(answer_of(ds.entry(r.code, y)) for r in ds.registry.provinces)
        for status in ds.criteria[y].statuses:
            md = paths.category(y, status)
            resmi = ds.criteria[y].official_kabkota.get(status.tier) if status.tier else None
            n = on_level[status]
            uncertain = on_level.uncertain(status) + in_provinces.uncertain(status)
            shares.append(PageShare(
                paths.page_image(md), status.title, f"{SITE} · kabupaten/kota dan provinsi",
                f"{n}{f' dari {resmi}' if resmi else ''} kabupaten/kota", status, edition,
                (f"dan {in_provinces[status]} provinsi{_unsure_part(uncertain)}", updated),
                address(site_url, md)))
    return shares


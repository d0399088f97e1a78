"""Share images: a 1200x630 palette PNG per card, byte-identical for the same card, every status and basis
visible and distinct, every text inside its place for every real name and for hostile ones, readable colours;
the cache draws a card once, survives damaged entries and changes key with anything that changes pixels."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from generator.judge.answers import Answer
from generator.judge.dataset import load_dataset
from generator.model import Region
from generator.outputs.pages import share_cards
from generator.pictures import imagecache, share
from generator.pictures.cards import card_of
from generator.pictures.imagecache import ImageCache, intact
from generator.pictures.share import ShareCard, contrast, layout, render_png
from generator.read.regions import Registry, load_registry
from generator.vocabulary import STATUSES, Basis, Level, Status, certain
from tests.test_golden import fixture_project

REPO = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT, MARGIN = share.WIDTH, share.HEIGHT, share.MARGIN
BAND_TOP, BAND_BOTTOM, FOOTER_TOP = share.BAND_TOP, share.BAND_BOTTOM, share.FOOTER_TOP
SITE = "UHC Awards Indonesia"
HOSTILE = [
    "Kabupaten " + "Sangat Panjang Sekali " * 14,  # ~300 characters: cut with an ellipsis, never overflowing
    "Kota " + "W" * 90,  # one word wider than the image: split between characters
    "Kabupaten Ŵáłîñğ Ğëöğrāfî Ẅẅẅ Ąęįų",  # marks above and below the line
    "",
]


SOURCE = "Sumber: headline.co.id, 27 Januari 2026"
ADDRESS = "uhc-awards.github.io/uhc-awards/wilayah/kabupaten-balangan/"


def card(name: str = "Kabupaten Balangan", context: str = "Kalimantan Selatan", status: Status = Status.UTAMA,
         basis: Basis | None = None, edition: str = "UHC Awards 2026", site: str = SITE,
         details: tuple[str, ...] = (SOURCE,), address: str = ADDRESS) -> ShareCard:
    qualifier = basis.label if not certain(basis) and basis is not None else ""
    return ShareCard(name, context, status.label, qualifier, not certain(basis), edition, status.colour,
                     status.text_colour, site, details, address)


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def chunks(png: bytes) -> list[bytes]:
    found, pos = [], 8
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        found.append(png[pos + 4:pos + 8])
        pos += 12 + length
    return found


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO / "data" / "regions")


# --- the image --------------------------------------------------------------------------------------------------

def test_a_1200x630_palette_png_without_metadata() -> None:
    png = render_png(card())
    image = decode(png)
    assert (image.format, image.size, image.mode) == ("PNG", (WIDTH, HEIGHT), "P")
    assert set(chunks(png)) == {b"IHDR", b"PLTE", b"IDAT", b"IEND"}  # no tIME, tEXt, pHYs: nothing but pixels
    assert 5_000 < len(png) < 40_000


def test_the_same_card_gives_the_same_bytes_in_another_process() -> None:
    png = render_png(card(basis=Basis.INFERRED))
    assert render_png(card(basis=Basis.INFERRED)) == png
    code = ("import hashlib, sys\nfrom tests.test_social import card\nfrom generator.vocabulary import Basis\n"
            "from generator.pictures.share import render_png\n"
            "sys.stdout.write(hashlib.sha256(render_png(card(basis=Basis.INFERRED))).hexdigest())")
    other = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert other.stdout == hashlib.sha256(png).hexdigest()


def test_every_status_and_basis_gives_a_different_image() -> None:
    cards = [card(status=s, basis=b) for s in STATUSES for b in (None, Basis.INFERRED, Basis.DISPUTED)]
    assert len({render_png(c) for c in cards}) == len(cards)


@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.value)
def test_the_band_is_the_exact_status_colour_and_the_basis_a_tag(status: Status) -> None:
    for basis in (None, Basis.INFERRED):
        plan = layout(card(status=status, basis=basis))
        image = decode(render_png(card(status=status, basis=basis))).convert("RGB")
        assert image.getpixel((WIDTH - 8, BAND_TOP + 8)) == share.rgb(status.colour)
        assert image.getpixel((WIDTH - 8, FOOTER_TOP + 8)) == share.rgb(share.FOOTER)
        tags = [r for r in plan.rects if r.radius]
        words = [line.text for line in plan.lines if line.role == "basis"]
        if basis is None:
            assert not tags and not words
        else:
            assert words == [basis.label] and len(tags) == 1
            left, top, _, bottom = tags[0].box
            assert image.getpixel((left + tags[0].radius, top + 3)) == share.rgb(status.text_colour)
            assert top > BAND_TOP and bottom < FOOTER_TOP


@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.value)
def test_every_text_has_contrast_of_at_least_4_5_on_what_it_is_drawn_on(status: Status) -> None:
    for basis in (None, Basis.INFERRED, Basis.DISPUTED):
        c = card(status=status, basis=basis)
        under = {"edition": share.BACKGROUND, "name": share.BACKGROUND, "context": share.BACKGROUND,
                 "status": c.colour, "basis": c.text_colour, "detail": share.BACKGROUND, "site": share.FOOTER,
                 "address": share.FOOTER}
        plan = layout(c)
        for line in plan.lines:
            pair = (line.fill, under[line.role])
            assert pair in plan.pairs  # the palette is made of these pairs' blends
            assert contrast(*pair) >= 4.5, (status, line.role, pair, round(contrast(*pair), 2))


# --- text always inside its place -----------------------------------------------------------------------------

PLACES = {"edition": (0, BAND_TOP), "name": (0, BAND_TOP), "context": (0, BAND_TOP), "status": (BAND_TOP, BAND_BOTTOM),
          "basis": (BAND_TOP, BAND_BOTTOM), "detail": (BAND_BOTTOM, FOOTER_TOP), "site": (FOOTER_TOP, HEIGHT),
          "address": (FOOTER_TOP, HEIGHT)}


def assert_inside(c: ShareCard) -> None:
    plan = layout(c)
    assert {line.role for line in plan.lines} >= {"edition", "status", "site"}
    assert [line.text for line in plan.lines if line.role == "detail"] == list(c.details[:2]) or \
        any(line.text.endswith("…") for line in plan.lines if line.role == "detail")
    for rect in plan.rects:
        left, top, right, bottom = rect.box
        assert 0 <= left < right <= WIDTH and 0 <= top < bottom <= HEIGHT, rect
    boxes = []
    for line in plan.lines:
        left, top, right, bottom = line.bbox
        above, below = PLACES[line.role]
        assert left >= MARGIN - 2 and right <= WIDTH - MARGIN, (line.role, line.text, line.bbox)
        assert above <= top and bottom <= below, (line.role, line.text, line.bbox)
        boxes.append(line.bbox)
    for i, a in enumerate(boxes):  # no two lines overlap
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_every_real_name_fits_whole_on_at_most_two_lines(registry: Registry) -> None:
    members = {p.code: len(registry.children(p.code)) for p in registry.provinces}
    longest = max((s for s in STATUSES), key=lambda s: len(s.label))
    for region in registry.regions.values():
        province = None if region.is_province else registry.province_of(region)
        answer = Answer(longest, Basis.DISPUTED, 2026, "UHC Awards 2026")
        c = card_of(region, answer, SITE, province, members.get(region.code, 0))
        assert_inside(c)
        lines = layout(c).lines
        name = [line for line in lines if line.role == "name"]
        assert " ".join(line.text for line in name) == region.name and len(name) <= 2
        assert name[0].size >= 48, region.name  # legible in a thumbnail
        assert [line.text for line in lines if line.role == "context"] == [c.context]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_inside(name: str) -> None:
    for status in STATUSES:
        assert_inside(card(name=name, context=name or "x", status=status, basis=Basis.DISPUTED, edition=name or "x",
                           site=name or "x", details=(name or "x", name or "y", "never drawn: two at most"),
                           address=name or "x"))
    plan = layout(card(name=name))
    if len(name) > 100:
        assert plan.lines[2].text.endswith("…")


@pytest.mark.parametrize("name", ["Kabupaten Kepulauan Siau Tagulandang Biaro", HOSTILE[0], HOSTILE[1]])
def test_no_ink_in_the_side_margins(name: str) -> None:
    """The pixels themselves, not only the computed boxes: the margins hold only the solid fills."""
    c = card(name=name, context=name, status=Status.AWARDED, basis=Basis.DISPUTED, details=(name, name), address=name)
    image = decode(render_png(c)).convert("RGB")
    solid = {share.rgb(share.BACKGROUND), share.rgb(c.colour), share.rgb(share.FOOTER)}
    for x in [*range(0, MARGIN - 4), *range(WIDTH - MARGIN + 2, WIDTH)]:
        column = image.crop((x, 0, x + 1, HEIGHT)).getcolors()
        assert column is not None and {colour for _, colour in column} <= solid, x


def test_card_of_a_region_and_a_province() -> None:
    province = Region("63", "Kalimantan Selatan", Level.PROVINSI, "63", "kalimantan-selatan")
    balangan = Region("63.11", "Kabupaten Balangan", Level.KABUPATEN, "63", "kabupaten-balangan")
    stated = card_of(balangan, Answer(Status.UTAMA, Basis.STATED, 2026, "UHC Awards 2026"), SITE, province)
    assert stated == ShareCard("Kabupaten Balangan", "Kalimantan Selatan", "Utama", "", False, "UHC Awards 2026",
                               "#8a5a00", "#ffffff", SITE)
    sourced = card_of(balangan, Answer(Status.UTAMA, Basis.STATED, 2026, "UHC Awards 2026"), SITE, province,
                      details=(SOURCE,), address=ADDRESS)
    assert (sourced.details, sourced.address) == ((SOURCE,), ADDRESS)
    inferred = card_of(balangan, Answer(Status.NOT_AWARDED, Basis.INFERRED, 2026, "UHC Awards 2026"), SITE, province)
    assert (inferred.status, inferred.basis, inferred.uncertain) == ("Tidak menerima", Basis.INFERRED.label, True)
    empty = card_of(province, Answer(Status.NO_DATA, None, 2026, "UHC Awards 2026"), SITE, members=13)
    assert (empty.context, empty.status, empty.basis, empty.text_colour) == (
        "Provinsi · 13 kabupaten/kota", "Belum ada data", "", "#202124")
    with pytest.raises(ValueError, match="needs its province"):
        card_of(balangan, Answer(Status.UTAMA, Basis.STATED, 2026, "UHC Awards 2026"), SITE)


# --- the cache ------------------------------------------------------------------------------------------------

def test_a_miss_draws_and_stores_then_a_hit_returns_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / ".uhc-cache" / "bagikan"  # created when missing
    cache = ImageCache(folder)
    first = cache.png(card())
    assert (cache.hits, cache.misses) == (0, 1) and first == render_png(card())
    assert [p.name for p in folder.iterdir()] == [f"{cache.key(card())}.png"]  # no temporary file left
    again = ImageCache(folder)  # the next run
    assert again.png(card()) == first and (again.hits, again.misses) == (1, 0)
    assert again.png(card(status=Status.MADYA)) != first and (again.hits, again.misses) == (1, 1)
    assert again.used == {again.key(card()), again.key(card(status=Status.MADYA))}


def test_a_changed_record_redraws_only_its_own_card(tmp_path: Path, registry: Registry) -> None:
    regions = registry.regencies[:24]
    cards = [card_of(r, Answer(Status.MADYA, Basis.STATED, 2026, "UHC Awards 2026"), SITE, registry.province_of(r))
             for r in regions]
    first = ImageCache(tmp_path)
    before = [first.png(c) for c in cards]
    cards[5] = card_of(regions[5], Answer(Status.MADYA, Basis.INFERRED, 2026, "UHC Awards 2026"), SITE,
                       registry.province_of(regions[5]))
    second = ImageCache(tmp_path)
    after = [second.png(c) for c in cards]
    assert (second.hits, second.misses) == (len(cards) - 1, 1)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [5]
    assert second.prune(second.used) == 1  # the old picture of the changed card


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped", "garbage", "other-size"])
def test_a_damaged_entry_is_drawn_again(tmp_path: Path, damage: str) -> None:
    cache = ImageCache(tmp_path)
    good = cache.png(card())
    path = tmp_path / f"{cache.key(card())}.png"
    bad = {"empty": b"", "truncated": good[:len(good) // 2], "garbage": b"not a png" * 100,
           "flipped": good[:len(good) // 2] + bytes([good[len(good) // 2] ^ 1]) + good[len(good) // 2 + 1:],
           "other-size": _other_size_png()}[damage]
    assert not intact(bad)
    path.write_bytes(bad)
    again = ImageCache(tmp_path)
    assert again.png(card()) == good and again.misses == 1
    assert path.read_bytes() == good  # repaired: the next run hits
    assert ImageCache(tmp_path).png(card()) == good


def _other_size_png() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_the_key_changes_with_the_card_the_style_and_the_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ImageCache(tmp_path)
    assert base.key(card()) == ImageCache(tmp_path).key(card())
    assert base.key(card()) != base.key(card(basis=Basis.INFERRED))
    assert base.key(card()) != ImageCache(tmp_path, style="another").key(card())
    changed = tmp_path / "DejaVuSans-Bold.ttf"
    changed.write_bytes(share.BOLD.read_bytes() + b"\0")
    monkeypatch.setattr(share, "BOLD", changed)
    assert ImageCache(tmp_path).key(card()) != base.key(card())
    assert imagecache.fingerprint() != imagecache.fingerprint("another")


def test_prune_drops_entries_not_used_and_leftover_temporary_files(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    cache.png(card())
    cache.png(card(status=Status.MADYA))
    (tmp_path / ".abc.tmp").write_bytes(b"partial")
    (tmp_path / "README").write_text("kept")
    run = ImageCache(tmp_path)
    run.png(card())
    assert run.prune(run.used) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{run.key(card())}.png", "README"])
    assert ImageCache(tmp_path / "missing").prune(set()) == 0


def test_the_fonts_are_vendored_with_their_licence() -> None:
    fonts = REPO / "generator" / "pictures" / "fonts"
    assert sorted(p.name for p in fonts.iterdir()) == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "LICENSE_DEJAVU"]
    assert "Bitstream Vera" in (fonts / "LICENSE_DEJAVU").read_text(encoding="utf-8")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"fonts/*.ttf", "fonts/LICENSE_DEJAVU"' in pyproject


def test_a_region_picture_says_its_change_since_the_edition_before_under_the_source(tmp_path: Path) -> None:
    """The second line under the band: the change ('Naik dari Pratama (2024)'), in the site's words; none where
    there is no answer to compare."""
    ds = load_dataset(fixture_project(tmp_path / "p"))
    cards = {c.name: c for c in share_cards(ds)}
    balangan = cards["Kabupaten Balangan"]
    assert balangan.details[1:] == ("Naik dari Pratama (2024)",)
    drawn = [line.text for line in layout(balangan).lines if line.role == "detail"]
    assert drawn == list(balangan.details)
    assert len(cards["Kabupaten Tabalong"].details) == 1  # no record: no change

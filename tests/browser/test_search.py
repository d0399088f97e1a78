"""The region finder as a reporter uses it, in Debian's chromium: typed queries land on the right page first.

Also measured here: the time from the last keystroke to the results in the DOM, for every query (printed,
not asserted; the README reports the median and maximum). Run with -s to see the figures.
"""

from __future__ import annotations

import random
import statistics
from pathlib import Path
from typing import Any

import pytest

from generator.read.aliasfile import load_aliases
from generator.read.gazetteerfile import load_gazetteer
from generator.read.names import key
from generator.read.regions import load_registry, short_name
from generator.views import paths

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
REGISTRY = load_registry(REPO / "data" / "regions")
ALIASES = load_aliases(REPO / "data" / "aliases.yaml", REPO, REGISTRY)
GAZETTEER = load_gazetteer(REPO / "data" / "gazetteer.yaml", REPO, REGISTRY, ALIASES)

NATIONAL = "?status={}&tahun=2026#kabupaten-kota"
BOTH = tuple[str, str]

# query -> the page that must be the first result, or (a, b): both pages must be the first two
FIRST: dict[str, str | BOTH] = {
    # exact names, as before
    "Balangan": "wilayah/kabupaten-balangan/",
    "balangan": "wilayah/kabupaten-balangan/",
    "Kab. Balangan": "wilayah/kabupaten-balangan/",
    "Kabupaten Balangan": "wilayah/kabupaten-balangan/",
    "Binjai": "wilayah/kota-binjai/",
    "Kota Binjai": "wilayah/kota-binjai/",
    "Tebing Tinggi": "wilayah/kota-tebing-tinggi/",
    "Pangkajene dan Kepulauan": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "pangkajene": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "Aceh Besar": "wilayah/kabupaten-aceh-besar/",
    "Jakarta Selatan": "wilayah/kota-administrasi-jakarta-selatan/",
    "Kepulauan Seribu": "wilayah/kabupaten-administrasi-kepulauan-seribu/",
    "kep seribu": "wilayah/kabupaten-administrasi-kepulauan-seribu/",
    "kep. selayar": "wilayah/kabupaten-kepulauan-selayar/",
    "Lima Puluh Kota": "wilayah/kabupaten-lima-puluh-kota/",
    # typos: one letter slipped, missing, doubled or swapped
    "balangn": "wilayah/kabupaten-balangan/",
    "binjay": "wilayah/kota-binjai/",
    "banjarmasn": "wilayah/kota-banjarmasin/",
    "bojonegor": "wilayah/kabupaten-bojonegoro/",
    "sidoarjoo": "wilayah/kabupaten-sidoarjo/",
    "surabya": "wilayah/kota-surabaya/",
    "lamongn": "wilayah/kabupaten-lamongan/",
    "banyuwangy": "wilayah/kabupaten-banyuwangi/",
    "plembang": "wilayah/kota-palembang/",
    "makasar": "wilayah/kota-makassar/",
    "denpsaar": "wilayah/kota-denpasar/",
    "kulon progoo": "wilayah/kabupaten-kulon-progo/",
    # press short forms (data/aliases.yaml)
    "HSS": "wilayah/kabupaten-hulu-sungai-selatan/",
    "HSU": "wilayah/kabupaten-hulu-sungai-utara/",
    "HST": "wilayah/kabupaten-hulu-sungai-tengah/",
    "parimo": "wilayah/kabupaten-parigi-moutong/",
    "kukar": "wilayah/kabupaten-kutai-kartanegara/",
    "kubar": "wilayah/kabupaten-kutai-barat/",
    "jaksel": "wilayah/kota-administrasi-jakarta-selatan/",
    "tangsel": "wilayah/kota-tangerang-selatan/",
    "KBB": "wilayah/kabupaten-bandung-barat/",
    "Pangkep": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "Sidrap": "wilayah/kabupaten-sidenreng-rappang/",
    "tobasa": "wilayah/kabupaten-toba/",
    "siantar": "wilayah/kota-pematangsiantar/",
    "kalsel": "provinsi/kalimantan-selatan/",
    "Kalteng": "provinsi/kalimantan-tengah/",
    "jateng": "provinsi/jawa-tengah/",
    "sumut": "provinsi/sumatera-utara/",
    "jogja": "provinsi/daerah-istimewa-yogyakarta/",
    "DIY": "provinsi/daerah-istimewa-yogyakarta/",
    "dki": "provinsi/daerah-khusus-ibukota-jakarta/",
    "DKI Jakarta": "provinsi/daerah-khusus-ibukota-jakarta/",
    "NTT": "provinsi/nusa-tenggara-timur/",
    # names written joined or apart
    "tolitoli": "wilayah/kabupaten-toli-toli/",
    "kulonprogo": "wilayah/kabupaten-kulon-progo/",
    "gunungkidul": "wilayah/kabupaten-gunungkidul/",
    "gunung kidul": "wilayah/kabupaten-gunungkidul/",
    "tanjungpinang": "wilayah/kota-tanjung-pinang/",
    "Tanjung Pinang": "wilayah/kota-tanjung-pinang/",
    "pangkalpinang": "wilayah/kota-pangkal-pinang/",
    "palangkaraya": "wilayah/kota-palangkaraya/",
    "Palangka Raya": "wilayah/kota-palangkaraya/",
    "baubau": "wilayah/kota-bau-bau/",
    "labuhan batu": "wilayah/kabupaten-labuhanbatu/",
    "pare pare": "wilayah/kota-parepare/",
    # Kota or Kabupaten
    "kota banjar": "wilayah/kota-banjar/",
    "kab banjar": "wilayah/kabupaten-banjar/",
    "kab. banjar": "wilayah/kabupaten-banjar/",
    "pemkab banjar": "wilayah/kabupaten-banjar/",
    "kabupaten bogor": "wilayah/kabupaten-bogor/",
    "kota bogor": "wilayah/kota-bogor/",
    "bogor kota": "wilayah/kota-bogor/",
    "kota malang": "wilayah/kota-malang/",
    "Kabupaten Malang": "wilayah/kabupaten-malang/",
    "pemkot bekasi": "wilayah/kota-bekasi/",
    "banjar": ("wilayah/kabupaten-banjar/", "wilayah/kota-banjar/"),
    "bekasi": ("wilayah/kabupaten-bekasi/", "wilayah/kota-bekasi/"),
    "bogor": ("wilayah/kabupaten-bogor/", "wilayah/kota-bogor/"),
    "malang": ("wilayah/kabupaten-malang/", "wilayah/kota-malang/"),
    "tegal": ("wilayah/kabupaten-tegal/", "wilayah/kota-tegal/"),
    "sukabumii": ("wilayah/kabupaten-sukabumi/", "wilayah/kota-sukabumi/"),
    "bogor jawa barat": ("wilayah/kabupaten-bogor/", "wilayah/kota-bogor/"),
    "malang jatim": ("wilayah/kabupaten-malang/", "wilayah/kota-malang/"),
    # provinces
    "provinsi kalsel": "provinsi/kalimantan-selatan/",
    "prov jateng": "provinsi/jawa-tengah/",
    "Kalimantan Selatan": "provinsi/kalimantan-selatan/",
    "jawa timur": "provinsi/jawa-timur/",
    "papua barat daya": "provinsi/papua-barat-daya/",
    # lists by tier
    "utama 2026": "kategori/2026/utama/",
    "madya": "kategori/2026/madya/",
    "pratama 2024": "kategori/2024/pratama/",
    "tidak menerima": "kategori/2026/tidak-menerima/",
    "belum ada data": "kategori/2026/belum-ada-data/",
    "kategori tidak disebut": "kategori/2026/kategori-tidak-disebut/",
    "madya jawa timur": "provinsi/jawa-timur/" + NATIONAL.format("madya"),
    "tidak men": "kategori/2026/tidak-menerima/",  # a status phrase being typed
    "belum": "kategori/2026/belum-ada-data/",
    "kab hss": "wilayah/kabupaten-hulu-sungai-selatan/",
    "utama kalsel": "provinsi/kalimantan-selatan/" + NATIONAL.format("utama"),
    # the site's own pages
    "metodologi": "metodologi/",
    "kriteria": "metodologi/",
    "unduh": "unduh/",
    "data": "unduh/",
    "koreksi": "koreksi/",
    "ringkasan": "ringkasan/",
    "tentang": "tentang/",
}



def page_of(code: str) -> str:
    return paths.url(paths.region(REGISTRY.regions[code]))


def gazetteer_sample(seed: int = 23) -> dict[str, str]:
    """A seeded random sample of the gazetteer's names that lead to one region only (not shared, not the
    region's own name or an alias): 30 seats, 10 towns, 10 English names -> the page that must come first."""
    rng = random.Random(seed)
    said = {key(short_name(r)) for r in REGISTRY.regencies} | {key(p.name) for p in REGISTRY.provinces}
    said |= {key(a.text) for entries in (*ALIASES.provinces.values(), *ALIASES.regions.values()) for a in entries}
    seats = [(p.name, c) for c, p in GAZETTEER.seats.items() if not p.shared and key(p.name) not in said]
    towns = [(p.name, c) for c, places in GAZETTEER.towns.items() for p in places if not p.shared]
    english = [(p.name, c) for c, places in GAZETTEER.english.items() for p in places if key(p.name) not in said]
    sample = rng.sample(seats, 30) + rng.sample(towns, 10) + rng.sample(english, 10)
    return {name: page_of(code) for name, code in sample}


# The data engineer's pairs (data/gazetteer.yaml, data/aliases.yaml): query -> the first page, (a, b) both first
# in any order, [a, b] first in this order, [a] this page only
PLACES: dict[str, str | BOTH | list[str]] = {q: page_of(c) if isinstance(c, str) else
                                             tuple(page_of(x) for x in c) if isinstance(c, tuple) else
                                             [page_of(x) for x in c] for q, c in {
    "Wamena": "95.01", "Meulaboh": "11.05", "Labuan Bajo": "53.15", "Bangkinang": "14.01", "Sengkang": "73.13",
    "Ruteng": "53.10", "Tanjung Selor": "65.01", "Ngamprah": "32.17", "Burmeso": "91.20", "Saumlaki": "81.03",
    "Kotapinang": "12.22", "Panaragan": "18.12", "Laworo": "74.13", "Sentani": "91.03", "Timika": "94.04",
    "Tanjung Redeb": "64.03", "Waisai": "96.03", "Watampone": "73.08", "Limboto": "75.01", "Sampit": "62.02",
    "Tobelo": "82.03", "Namlea": "81.04", "Airmadidi": "71.06", "Curup": "17.02", "Kepanjen": "35.07",
    "Paringin": "63.11", "Soe": "53.02", "Tapaktuan": "11.01", "Tapak Tuan": "11.01", "Kota Jantho": "11.06",
    "Kota Agung": "18.06", "Ubud": "51.04", "Kuta": ("51.03", "52.02"), "kuta lombok": "52.02",
    "kuta bali": "51.03", "Lembang": "32.17", "Jatinangor": "32.11", "Borobudur": "33.08",
    "Parangtritis": "34.02", "Kaliurang": "34.04", "Pare": "35.06", "Sorowako": "73.24", "Dekai": "95.03",
    "Wasior": "92.07", "Tembagapura": "94.04", "Sofifi": "82.72", "Senggigi": "52.01", "Sanur": "51.71",
    "Derawan": "64.03", "West Java": "32", "Central Java": "33", "East Java": "35", "North Sumatra": "12",
    "Special Region of Yogyakarta": "34", "South Kalimantan": "63", "Highland Papua": "95",
    "Southwest Papua": "96", "Riau Islands": "21", "South Celebes": "73", "west java province": "32",
    "Balangan regency": "63.11", "Binjai city": "12.75", "city of binjai": "12.75", "Torut": "73.26",
    "Tanjabtim": "15.07", "Galus": "11.13", "Basel": "19.03", "Batavia": "31", "DKJ": "31",
    "Daerah Khusus Jakarta": "31", "Hollandia": "91.71", "Buitenzorg": "32.71", "Kutaraja": "11.71",
    "Tebing Tinggi": ["12.76", "16.11"], "kota tebing tinggi": ["12.76"], "Martapura": ("16.08", "63.03"),
    "martapura kalsel": "63.03", "Banggai": ["72.01", "72.11"],
}.items()}


def lands(results: list[str], expected: str | BOTH | list[str], site_url: str) -> bool:
    if isinstance(expected, list):
        urls = [site_url + e for e in expected]
        return results[:len(urls)] == urls and (len(urls) > 1 or results == urls)
    return ok(results, expected, site_url)


TIMING = """() => {
  const form = document.querySelector('form[data-finder]');
  window.__finder = { key: 0, dom: 0 };
  form.querySelector('input').addEventListener('keydown', () => { window.__finder.key = performance.now(); }, true);
  new MutationObserver(() => { window.__finder.dom = performance.now(); })
    .observe(form, { subtree: true, childList: true, attributes: true, characterData: true });
}"""


def find(page: Any, query: str, box: str = "#uhc-finder-q") -> list[str]:
    """Type a query as a reader would; the result links, best first, once the last keystroke is rendered."""
    field = page.locator(box)
    field.fill("")
    field.press_sequentially(query, delay=10)
    page.wait_for_function("([box, q]) => { const f = document.querySelector(box).form.finder;"
                           " return f && f.shown === q }", arg=[box, query], timeout=10_000)
    hrefs: list[str] = page.eval_on_selector_all(f"#{page.locator(box).get_attribute('aria-controls')} [role=option]",
                                                 "els => els.map(e => e.href)")
    return hrefs


def ok(results: list[str], expected: str | BOTH, site_url: str) -> bool:
    if isinstance(expected, tuple):
        return set(results[:2]) == {site_url + e for e in expected}
    return bool(results) and results[0] == site_url + expected


def test_queries_land_on_the_right_page_first(page: Any, site_url: str) -> None:
    assert len(FIRST) >= 60
    page.goto(site_url + "wilayah/kota-binjai/")
    page.evaluate(TIMING)
    misses, times = {}, []
    for query, expected in FIRST.items():
        results = find(page, query)
        times.append(page.evaluate("() => window.__finder.dom - window.__finder.key"))
        if not ok(results, expected, site_url):
            misses[query] = [r.removeprefix(site_url) for r in results[:3]]
    print(f"\nfinder: {len(times)} queries, last keystroke to results in the DOM: median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    assert not misses, f"first result is not the expected page: {misses}"


def test_places_english_names_and_short_forms_land_first_as_answers(page: Any, site_url: str) -> None:
    """Seats, towns and English names sampled from the gazetteer, and the data engineer's pairs: the expected
    page first, as an answer (no "Mungkin maksud Anda"), saying which place led there."""
    sample = gazetteer_sample()
    queries: dict[str, str | BOTH | list[str]] = {**sample, **PLACES}
    assert len(sample) >= 40 and len(queries) >= 100
    page.goto(site_url + "wilayah/kota-binjai/")
    page.evaluate(TIMING)
    hint = page.locator("#uhc-finder-list").locator("xpath=..").locator(".uhc-finder__hint")
    misses, times = {}, []
    for query, expected in queries.items():
        results = find(page, query)
        times.append(page.evaluate("() => window.__finder.dom - window.__finder.key"))
        if not lands(results, expected, site_url) or hint.is_visible():
            misses[query] = [r.removeprefix(site_url) for r in results[:3]] + (["(suggested)"] if hint.is_visible()
                                                                                  else [])
    print(f"\nfinder, places: {len(times)} queries, last keystroke to results in the DOM: median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    assert not misses, f"first result is not the expected page: {misses}"


def test_a_result_found_through_a_place_says_so(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for query, lines in {
        "wamena": ["Wamena, ibu kota → Kabupaten Jayawijaya", "Papua Pegunungan"],
        "ubud": ["Ubud → Kabupaten Gianyar", "Bali"],
        "west java": ["West Java → Jawa Barat", "Provinsi"],
        "sofifi": ["Sofifi, ibu kota provinsi → Kota Tidore Kepulauan", "Maluku Utara"],
    }.items():
        find(page, query)
        first = page.locator("#uhc-finder-list [role=option]").first.inner_text().splitlines()
        assert first[0] == lines[0] and first[1].endswith(" · " + lines[1]), (query, first)
    find(page, "balangan")  # its own name: no place named
    assert page.locator("#uhc-finder-list [role=option] .uhc-finder__via").count() == 0


def test_a_result_shows_the_answer_with_its_words(page: Any, site_url: str) -> None:
    page.goto(site_url)
    find(page, "balangan")
    first = page.locator("#uhc-finder-list [role=option]").first
    # the answer, then the change since the edition before (none to compare: the answer of 2024 says why)
    assert first.inner_text().splitlines() == ["Kabupaten Balangan",
                                               "Utama 2026 · 2024: Belum ada data · Kalimantan Selatan"]
    find(page, "indramayu")
    assert page.locator("#uhc-finder-list [role=option]").first.inner_text().splitlines() == [
        "Kabupaten Indramayu", "Madya 2026 · Naik dari Pratama (2024) · Jawa Barat"]
    find(page, "balangan")
    assert first.get_attribute("data-status") == "utama"
    dot = first.locator(".uhc-finder__dot")
    assert dot.get_attribute("aria-hidden") == "true" and dot.evaluate("d => getComputedStyle(d).backgroundColor")
    texts = {q: page.locator("#uhc-finder-list [role=option]").first.inner_text()
             for q in ("kalsel", "utama 2026") if find(page, q)}
    assert texts["kalsel"].splitlines() == ["Kalimantan Selatan", "Madya 2026 · 2024: Belum ada data · Provinsi"]
    assert texts["utama 2026"].startswith("Kategori Utama 2026\nDaftar nasional · ")


def test_search_result_opens_the_region_page_with_its_tier(page: Any, site_url: str) -> None:
    page.goto(site_url)
    find(page, "Balangan")
    page.locator("#uhc-finder-list [role=option]").first.click()
    page.wait_for_url("**/wilayah/kabupaten-balangan/")
    assert page.locator("h1").evaluate("h => h.textContent.replace('¶', '').trim()") == "Kabupaten Balangan"
    assert page.locator("article .uhc-badge").first.inner_text() == "Utama"
    assert "menerima UHC Awards 2026 kategori Utama" in page.locator("article").inner_text()


def test_no_match_suggests_the_nearest_names(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for query in ("zzqx", "balngnaa"):
        results = find(page, query)
        hint = page.locator("#uhc-finder-list").locator("xpath=..").locator(".uhc-finder__hint")
        assert hint.is_visible() and "Mungkin maksud Anda" in hint.inner_text(), query
        assert 1 <= len(results) <= 5
    assert results[0] == site_url + "wilayah/kabupaten-balangan/"
    assert "saran" in page.locator("form[data-finder] [role=status]").inner_text()


@pytest.mark.parametrize("query", ["Cibubur", "zzqx", "kota wamena", "balngnaa", "IKN Nusantara"])
def test_enter_on_no_match_stays_and_chooses_a_suggestion_visibly(page: Any, site_url: str, query: str) -> None:
    """Enter never guesses: with suggestions only, the reader stays on the page, the first suggestion is chosen
    (shown and announced); a second Enter is the reader's choice and opens it."""
    start = site_url + "wilayah/kota-binjai/"
    page.goto(start)
    results = find(page, query)
    box = page.locator("#uhc-finder-q")
    hint = page.locator("#uhc-finder-list").locator("xpath=..").locator(".uhc-finder__hint")
    assert results and hint.is_visible() and "Mungkin maksud Anda" in hint.inner_text()
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('#uhc-finder-q').getAttribute('aria-activedescendant')")
    page.wait_for_timeout(300)
    assert page.url == start
    assert box.get_attribute("aria-activedescendant") == "uhc-finder-list-0"
    assert page.locator("#uhc-finder-list-0").get_attribute("aria-selected") == "true"
    assert "Tidak ada yang cocok" in page.locator("form[data-finder] [role=status]").inner_text()
    box.press("Enter")
    page.wait_for_url(results[0])


def test_a_match_of_low_confidence_is_a_suggestion_not_an_answer(page: Any, site_url: str) -> None:
    """'kota wamena': Wamena is in a kabupaten, so after 'kota' it is only a suggestion; a slip in a word's first
    letter ('Qamena' for Wamena) too."""
    page.goto(site_url)
    hint = page.locator("#uhc-finder-list").locator("xpath=..").locator(".uhc-finder__hint")
    for query, first in (("kota wamena", "95.01"), ("ruteng", "53.10"), ("qamena", "95.01")):
        results = find(page, query)
        assert results[0] == site_url + page_of(first), query
        assert hint.is_visible() == (query != "ruteng"), query


def test_keyboard_arrow_down_and_enter_open_the_page(page: Any, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator("#uhc-finder-q")
    box.focus()
    find(page, "bekasi")
    box.press("ArrowDown")
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == "uhc-finder-list-1" and box.get_attribute("aria-expanded") == "true"
    expected = page.locator(f"#{active}").get_attribute("href")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(expected)
    # Enter without choosing: the first result
    find(page, "hss")
    page.locator("#uhc-finder-q").press("Enter")
    page.wait_for_url("**/wilayah/kabupaten-hulu-sungai-selatan/")
    # Escape closes the list
    find(page, "hss")
    page.locator("#uhc-finder-q").press("Escape")
    assert page.locator("#uhc-finder-q").get_attribute("aria-expanded") == "false"


def test_index_is_fetched_only_when_the_box_gets_focus(page: Any, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url + "wilayah/kabupaten-balangan/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "indeks.json" in u or "search" in u.rsplit("/", 1)[-1]]
    page.locator("#uhc-finder-q").focus()
    page.wait_for_function("() => document.querySelector('#uhc-finder-q').form.finder.index")
    assert [u for u in fetched if u.endswith("cari/indeks.json")] == [site_url + "cari/indeks.json"]


def test_search_page_reads_the_query_and_lists_everything(page: Any, site_url: str) -> None:
    page.goto(site_url + "cari/?q=hss")
    page.wait_for_function("() => document.querySelector('#uhc-finder-q').form.finder.shown === 'hss'")
    first = page.locator("#uhc-finder-list [role=option]").first
    assert first.get_attribute("href") == site_url + "wilayah/kabupaten-hulu-sungai-selatan/"
    assert page.locator("article a[href$='wilayah/kabupaten-balangan/']").count() == 1
    assert page.locator("article li").count() >= 514


def test_phone_the_form_is_compact_and_usable(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "wilayah/kabupaten-balangan/")
        form = page.locator("form[data-finder]")
        box = form.bounding_box()
        assert box and 44 <= box["height"] <= 48 and box["width"] >= 380, box
        field = page.locator("#uhc-finder-q").bounding_box()
        assert field and field["height"] >= 24 and field["width"] >= 300
        assert page.locator("#uhc-finder-q").get_attribute("aria-label") or page.locator("label[for=uhc-finder-q]")
        # the page's first answer is still on the first screen
        badge = page.locator("article .uhc-badge").first.bounding_box()
        assert badge and badge["y"] + badge["height"] <= 844
        assert fits_placeholder(page, "#uhc-finder-q")
        page.locator("#uhc-finder-q").tap()
        results = find(page, "hss")
        assert results[0] == site_url + "wilayah/kabupaten-hulu-sungai-selatan/"
        panel = page.locator(".uhc-finder__panel").bounding_box()
        assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
        page.locator("#uhc-finder-list [role=option]").first.tap()
        page.wait_for_url("**/wilayah/kabupaten-hulu-sungai-selatan/")
    finally:
        context.close()


def fits_placeholder(page: Any, box: str) -> bool:
    """The placeholder is not cut off: its text is narrower than the field's text area."""
    return bool(page.eval_on_selector(box, """i => {
        const s = getComputedStyle(i), c = document.createElement('canvas').getContext('2d');
        c.font = s.font;
        const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        return c.measureText(i.placeholder).width <= room }"""))


def test_focus_is_visible_and_text_has_contrast(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    box = page.locator("#uhc-finder-q")
    assert box.evaluate("i => document.activeElement === i")
    style = box.evaluate("i => { const s = getComputedStyle(i); return [s.outlineStyle, s.outlineWidth, s.color,"
                         " s.backgroundColor] }")
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2
    assert style[2] == "rgb(32, 33, 36)" and style[3] == "rgb(255, 255, 255)"


def serve_404(page: Any, site_url: str, built_site: Any) -> None:
    """Answer every missing page with 404.html, as GitHub Pages does."""
    body = (built_site / "404.html").read_bytes()
    page.route(f"{site_url}wilayah/**", lambda route: route.fulfill(status=404, body=body,
                                                                     content_type="text/html; charset=utf-8"))


@pytest.mark.parametrize(("path", "words", "first"), [
    ("wilayah/kabupaten-balangn/", "balangn", "wilayah/kabupaten-balangan/"),
    ("wilayah/kota-administrasi-jakarta-selatn/", "jakarta selatn", "wilayah/kota-administrasi-jakarta-selatan/"),
])
def test_404_is_filled_from_the_address_and_shows_results(browser: Any, site_url: str, built_site: Any,
                                                          path: str, words: str, first: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        serve_404(page, site_url, built_site)
        page.goto(site_url + path)
        box = page.locator("#uhc-404-q")
        page.wait_for_function("q => document.querySelector('#uhc-404-q').form.finder.shown === q", arg=words)
        assert box.input_value() == words
        assert page.locator("label[for=uhc-404-q]").is_visible()
        assert box.evaluate("i => getComputedStyle(i).borderTopStyle") == "solid"
        assert box.evaluate("i => parseFloat(getComputedStyle(i).borderTopWidth)") >= 1
        assert fits_placeholder(page, "#uhc-404-q")
        options = page.locator("#uhc-404-list [role=option]")
        assert options.first.is_visible() and options.first.get_attribute("href") == site_url + first
        assert page.locator("form[data-finder]").count() == 1  # no second box under the header
    finally:
        context.close()


SWEEP = r"""async () => {
  const F = window.uhcFinder, form = document.querySelector('form[data-finder]');
  const index = await F.load(new URL(form.dataset.index, document.baseURI).href);
  const top = (q) => F.rank(index, q).map((r) => r.url);
  const key = (text) => F.norm(text).replace(/ /g, '');
  const namesakes = new Map();
  for (const item of index.regions) namesakes.set(key(item.r.s), (namesakes.get(key(item.r.s)) || 0) + 1);
  const owners = new Map();  // an alias several regions carry (Mura; Jogja for the province and the kota)
  for (const item of index.regions) for (const a of item.r.a || []) owners.set(key(a), (owners.get(key(a)) || 0) + 1);
  const out = { names: [], aliases: [], slips: [], slipsNear: [], slipCount: 0 };
  for (const item of index.regions) {
    const r = item.r, url = item.url, same = namesakes.get(key(r.s));
    const at = (q) => top(q).indexOf(url);
    // its own name: first, or among the regions of the same name (Kabupaten and Kota Bogor)
    if (!(at(r.s) >= 0 && at(r.s) < same)) out.names.push(r.s);
    for (const a of r.a || []) {
      const others = (namesakes.get(key(a)) || 0) + owners.get(key(a)) - 1;  // shared, or another's name
      if (!(at(a) >= 0 && at(a) <= others)) out.aliases.push(a);
    }
    const s = r.s.toLowerCase();
    if (!/^[a-z]+( [a-z]+)*$/.test(s) || s.length < 5) continue;
    const m = Math.floor(s.length / 2);
    for (const q of [s.slice(0, m) + s.slice(m + 1), s.slice(0, m) + s[m + 1] + s[m] + s.slice(m + 2),
                     s.slice(0, m) + (s[m] === 'x' ? 'q' : 'x') + s.slice(m + 1), s + s[s.length - 1]]) {
      const word = s.split(' ').find((w, i, all) => all.slice(0, i).join(' ').length <= m
                                                   && all.slice(0, i + 1).join(' ').length >= m);
      if (q.includes('  ') || q.trim() !== q || !word || word.length < 5) continue;
      out.slipCount++;
      if (!(at(q) >= 0 && at(q) < same)) out.slips.push(q);
      if (!(at(q) >= 0 && at(q) < same + 2)) out.slipsNear.push(q);
    }
  }
  return out;
}"""


def test_every_name_alias_and_one_letter_slip(page: Any, site_url: str) -> None:
    """Systematic: each region's own name and each alias find it first; a one-letter slip (a letter left out,
    swapped, wrong or doubled) in a word of 5+ letters finds it first, except where the slip spells another
    region's name (lemata: Lematang; pinang: Pangkal Pinang), and always in the top three."""
    page.goto(site_url)
    out = page.evaluate(SWEEP)
    assert out["names"] == [] and out["aliases"] == []
    assert out["slipCount"] > 1500 and out["slipsNear"] == []
    assert len(out["slips"]) <= out["slipCount"] // 200, out["slips"]


PLACES_SWEEP = r"""async () => {
  const F = window.uhcFinder, form = document.querySelector('form[data-finder]');
  const index = await F.load(new URL(form.dataset.index, document.baseURI).href);
  const key = (text) => F.norm(text).replace(/ /g, '');
  const owners = new Map(), own = new Map();  // a name -> the regions it leads to; the regions whose own name it is
  const add = (map, k, url) => map.set(k, (map.get(k) || new Set()).add(url));
  for (const item of index.regions) {
    for (const n of item.names) add(owners, n.key, item.url);
    for (const p of item.places) add(owners, p.key, item.url);
    add(own, item.names[0].key, item.url);
  }
  const out = { count: 0, misses: [] };
  for (const item of index.regions) {
    for (const place of item.places) {
      out.count++;
      const found = F.rank(index, place.text), urls = found.map((r) => r.url), at = urls.indexOf(item.url);
      const group = owners.get(key(place.text)), first = own.get(key(place.text));
      const ok = at >= 0 && at < group.size && found[at].sure && urls.slice(0, group.size).every((u) => group.has(u))
        && (!first || first.has(urls[0]));
      if (!ok) out.misses.push([place.text, urls.slice(0, 3)]);
    }
  }
  return out;
}"""


def test_every_place_leads_to_its_region(page: Any, site_url: str) -> None:
    """Systematic: every seat, capital, town and English name in the index finds its region as an answer, first
    or among the regions the name may mean (a shared name), the region whose own name it is first."""
    page.goto(site_url)
    out = page.evaluate(PLACES_SWEEP)
    assert out["count"] >= 380 and out["misses"] == [], out["misses"]

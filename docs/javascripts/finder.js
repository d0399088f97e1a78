/* The region finder: type a region's name as the press writes it (typos, short forms, old names, joined or
 * split, "kota X" / "kab X", "utama 2026", "madya jawa timur"), a place in it (its seat, a town: "Wamena",
 * "Ubud") or a province's English name ("West Java", "Binjai city") and land on its page.
 *
 * Reads cari/indeks.json (written by generator/finder.py), fetched only when a search box gets focus or a
 * query is present, once per page. Vanilla ES2017, no dependencies. Every form[data-finder] is a finder:
 * the one under the header on every page, the one on the 404 page (filled from the mistyped address).
 * Ranking, best first: exact name or alias > joined/split equal > word prefix > fuzzy (Damerau-Levenshtein 1
 * for words of 5+ letters, 2 for 9+) > substring; a level word boosts that level, a province named in the
 * query boosts its regions, status words and years ask for the lists by tier. Places rank below names and
 * aliases (English name 98, seat or capital 95, town 90) and never answer a "kota X" query. A match of low
 * confidence (a slip in a word's first letter, a part of a word) is only a suggestion: Enter never opens it. */
(function () {
  "use strict";

  const LEVELS = { kab: "kabupaten", kabupaten: "kabupaten", pemkab: "kabupaten", kota: "kota", pemkot: "kota",
    pemko: "kota", provinsi: "provinsi", propinsi: "provinsi", prov: "provinsi", pemprov: "provinsi",
    regency: "kabupaten", city: "kota", province: "provinsi" };
  const FILLERS = { pemerintah: 1, administrasi: 1, adm: 1, of: 1 };
  /* A place's index key, its cost below a name, and the words that say how it leads to its region. */
  const PLACES = [["e", 2, ""], ["i", 5, "ibu kota"], ["ip", 5, "ibu kota provinsi"], ["w", 10, ""]];
  const PARTIAL = 25;  /* more for a place only begun or mistyped */
  const SURE = 52;  /* below: a slip in a word's first letter (scored 20 lower) or a part of a word */
  const EXPAND = { kep: "kepulauan", kepl: "kepulauan", tg: "tanjung" };
  const LEVEL_ORDER = { provinsi: 0, kabupaten: 1, kota: 2 };
  const MAX_RESULTS = 8;
  const MAX_SUGGESTIONS = 5;

  function norm(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function words(text) {
    const clean = norm(text);
    return clean ? clean.split(" ").map((w) => EXPAND[w] || w) : [];
  }

  function name(text) {
    const tokens = words(text);
    const ends = [];
    let end = 0;
    for (const t of tokens) ends.push(end += t.length);
    return { tokens: tokens, key: tokens.join(""), ends: ends };
  }

  /* Damerau-Levenshtein (optimal string alignment), giving up beyond `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = [];
    for (let j = 0; j <= b.length; j++) previous.push(j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current.push(d);
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* Slips forgiven between a typed word and a name's word: 1 in a word of 5+ letters, 2 in one of 9+. */
  function tolerance(a, b) {
    const shorter = Math.min(a.length, b.length);
    const longer = Math.max(a.length, b.length);
    return shorter >= 8 && longer >= 9 ? 2 : shorter >= 4 && longer >= 5 ? 1 : 0;
  }

  /* A left-out letter ('balangn') is the commonest slip: it costs less than a wrong or extra one. */
  function slipCost(typed, word, d) {
    return 5 * d - (typed.length < word.length ? 2.5 : 0);
  }

  /* How well the typed words match one name, 0 (not at all) to 100 (the same words). */
  function match(query, target) {
    const q = query.tokens;
    const n = target.tokens;
    if (!q.length || !n.length) return 0;
    if (query.key === target.key) {
      return q.length === n.length && q.every((t, i) => t === n[i]) ? 100 : 97;
    }
    let score = 0;
    const coverage = Math.min(1, query.key.length / target.key.length);
    const used = [];
    let worst = 4;
    let slips = 0;
    let last = -1;
    let ordered = true;
    for (const t of q) {
      let best = 0;
      let at = -1;
      let slip = 0;
      for (let j = 0; j < n.length; j++) {
        if (used[j]) continue;
        const w = n[j];
        let kind = 0;
        let d = 0;
        if (w === t) kind = 4;
        else if (w.startsWith(t)) kind = 3;
        else {
          const limit = tolerance(t, w);
          if (limit && (d = distance(t, w, limit)) <= limit) kind = 2;
          else if (t.length >= 3 && w.includes(t)) kind = 1;
        }
        if (kind > best) { best = kind; at = j; slip = kind === 2 ? slipCost(t, w, d) + (t[0] !== w[0] ? 20 : 0) : 0; }
      }
      if (!best) { worst = 0; break; }
      used[at] = true;
      if (at < last) ordered = false;
      last = at;
      worst = Math.min(worst, best);
      slips += slip;
    }
    if (worst >= 3) score = 80 + 10 * coverage + (worst === 4 ? 2 : 0) - (ordered ? 0 : 3);
    else if (worst === 2) score = 60 + 10 * coverage - slips;
    else if (worst === 1) score = 40 + 5 * coverage;
    // the words written together or apart: 'tanjungpin', 'kulonprgo'
    if (target.key.startsWith(query.key)) {
      // one letter past the end of a word is more likely a slip ('labuhanbatuu') than the next word begun
      const past = query.key.length - Math.max(0, ...target.ends.filter((e) => e <= query.key.length));
      score = Math.max(score, past === 1 && q.length === 1 && query.key.length > 1 ? 60 + 10 * coverage - 5
        : 80 + 10 * coverage);
    } else if (score < 60) {
      const limit = tolerance(query.key, target.key);
      const d = limit ? distance(query.key, target.key, limit) : limit + 1;
      if (d <= limit) {
        const first = query.key[0] !== target.key[0] ? 20 : 0;
        score = Math.max(score, 60 + 10 * coverage - slipCost(query.key, target.key, d) - first);
      }
    }
    return score;
  }

  function bestOf(query, names) {
    let best = 0;
    for (const n of names) {
      const s = match(query, n) - (n.alias ? 1 : 0);
      if (s > best) best = s;
    }
    return best;
  }

  /* ---- the index ---- */

  function prepare(data, url) {
    const root = new URL(data.root, url);
    const index = { data: data, root: root, regions: [], provinces: new Map(), lists: [], pages: [],
      statuses: new Map(), phrases: [] };
    data.statuses.forEach((s, i) => {
      index.statuses.set(s.value, Object.assign({ index: i }, s));
      const seen = new Set();
      for (const text of [s.label, s.title, s.words]) {
        const tokens = words(text);
        if (tokens.length && !seen.has(tokens.join(" "))) {
          seen.add(tokens.join(" "));
          index.phrases.push({ status: s.value, tokens: tokens });
        }
      }
    });
    index.phrases.sort((a, b) => b.tokens.length - a.tokens.length);
    for (const r of data.regions) {
      const names = [name(r.s)];
      for (const a of r.a || []) names.push(Object.assign(name(a), { alias: true }));
      const places = [];
      for (const [field, cost, words] of PLACES) {
        for (const text of r[field] || []) places.push(Object.assign(name(text), { text: text, field: field,
          cost: cost, words: words }));
      }
      const item = { kind: "region", r: r, names: names, places: places, level: r.l, province: r.p || r.c,
        url: new URL(r.u, root).href, order: LEVEL_ORDER[r.l], sort: r.n };
      index.regions.push(item);
      if (r.l === "provinsi") index.provinces.set(r.c, item);
    }
    /* The words that may stand beside a place to say which one: its region's and its province's names
     * ('kuta lombok', 'martapura kalsel', 'kuta bali'). */
    for (const item of index.regions) {
      const province = index.provinces.get(item.province);
      const context = new Set();
      for (const n of item.names.concat(province && province !== item ? province.names : [])) {
        for (const t of n.tokens) context.add(t);
        context.add(n.key);
      }
      item.context = Array.from(context);
    }
    for (const l of data.lists) index.lists.push(l);
    for (const p of data.pages) {
      index.pages.push({ kind: "page", p: p, names: [p.t].concat(p.k).map(name), url: new URL(p.u, root).href,
        order: 3, sort: p.t });
    }
    return index;
  }

  let loading = null;

  function load(url) {
    if (!loading) {
      loading = fetch(url, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error("indeks " + response.status);
          return response.json();
        })
        .then((data) => prepare(data, url))
        .catch((error) => { loading = null; throw error; });
    }
    return loading;
  }

  /* ---- reading a query ---- */

  /* How many typed words from `at` spell a status phrase: { used, partial } or null. The words at the end
   * of the query may stop inside the phrase ('tidak men', 'belum'): partial. */
  function phraseAt(tokens, at, phrase) {
    let k = 0;
    for (; k < phrase.length && at + k < tokens.length; k++) {
      const t = tokens[at + k];
      if (t === phrase[k]) continue;
      const typing = at + k === tokens.length - 1 && phrase[k].startsWith(t) && t.length >= (k ? 1 : 4);
      return typing ? { used: k + 1, partial: true } : null;
    }
    if (k === phrase.length) return { used: k, partial: false };
    return tokens.slice(at).join("").length >= 4 ? { used: k, partial: true } : null;
  }

  /* The status the query asks for: a whole phrase, else a phrase begun at its end that names one status. */
  function findStatus(index, tokens) {
    let begun = null;
    const statuses = new Set();
    for (const phrase of index.phrases) {  // longest first
      for (let at = 0; at < tokens.length; at++) {
        const found = phraseAt(tokens, at, phrase.tokens);
        if (found && !found.partial) return { status: phrase.status, at: at, used: found.used, partial: false };
        if (found) {
          statuses.add(phrase.status);
          if (!begun) begun = { status: phrase.status, at: at, used: found.used, partial: true };
        }
      }
    }
    return statuses.size === 1 ? begun : null;
  }

  function findProvince(index, tokens) {
    /* The longest run of words naming a province (name or alias), with the words left around it. */
    let found = null;
    for (let len = tokens.length; len >= 1 && !found; len--) {
      for (let at = 0; at + len <= tokens.length && !found; at++) {
        const key = tokens.slice(at, at + len).join("");
        for (const p of index.provinces.values()) {
          if (p.names.some((n) => n.key === key) || p.places.some((n) => n.key === key)) {
            found = { code: p.r.c, rest: tokens.slice(0, at).concat(tokens.slice(at + len)) };
            break;
          }
        }
      }
    }
    return found;
  }

  function read(index, text) {
    const all = words(text);
    const query = { all: all, level: null, year: null, status: null, partial: false, rest: all, province: null };
    let core = all.slice();
    let start = 0;
    while (start < core.length && (LEVELS[core[start]] || FILLERS[core[start]])) {
      if (LEVELS[core[start]]) query.level = LEVELS[core[start]];
      start++;
    }
    if (query.level) core = core.slice(start);
    else if (core.length > 1 && LEVELS[core[core.length - 1]]) query.level = LEVELS[core.pop()];
    const rest = [];
    for (const t of core) {
      if (/^\d{4}$/.test(t)) {
        if (index.data.years.indexOf(Number(t)) >= 0) query.year = Number(t);
        else query.otherYear = true;
      } else rest.push(t);
    }
    const status = findStatus(index, rest);
    if (status) {
      query.status = status.status;
      query.partial = status.partial;
      rest.splice(status.at, status.used);
    }
    query.rest = rest;
    if (rest.length) query.province = findProvince(index, rest);
    return query;
  }

  /* ---- ranking ---- */

  function levelBonus(query, item) {
    if (!query.level) return 0;
    return item.level === query.level ? 15 : -15;
  }

  function tokensOf(tokens) {
    return { tokens: tokens, key: tokens.join("") };
  }

  /* Keep the best: its score (after a name's cost and bonuses), whether the match is sure (its raw score,
   * before costs, at least SURE) and the place it came through, if any. */
  function consider(best, score, raw, via) {
    if (score > best.score) {
      best.score = score;
      best.sure = raw >= SURE;
      best.via = via;
    }
  }

  function scoreRegion(query, item) {
    const best = { score: 0, sure: false, via: null };
    const names = (q, bonus) => {
      for (const n of item.names) {
        const raw = match(q, n);
        if (raw) consider(best, raw - (n.alias ? 1 : 0) + bonus(raw), raw, null);
      }
    };
    names(tokensOf(query.all), () => 0);
    if (query.rest.length && (query.level || query.rest.length !== query.all.length)) {
      names(tokensOf(query.rest), () => levelBonus(query, item));
    }
    const p = query.province;
    if (p && p.rest.length && item.province === p.code && item.level !== "provinsi") {
      // 'bogor jawa barat': a boost for a good match of the rest; a slip ('kepulaun riau') gets none
      names(tokensOf(p.rest), (raw) => (raw >= 80 ? 10 : 0) + levelBonus(query, item));
    }
    for (const place of item.places) scorePlace(query, item, place, best);
    return best;
  }

  /* A place leads to its region: typed whole ('kota jantho' is a town's name, not a wish for a kota), with
   * its region's or province's name beside it ('kuta lombok'), or after a level word that fits it ('west
   * java province'). After "kota" a place is at most a suggestion ('kota wamena'): a seat or a town lies in
   * a kabupaten, and "kota tebing tinggi" means the kota. */
  function scorePlace(query, item, place, best) {
    // a place's name only begun, or with a slip, ranks below a region's name with a slip ('balangn' is
    // Balangan mistyped before it is Balangnipa begun)
    const cost = (raw) => place.cost + (raw < 97 ? PARTIAL : 0);
    let raw = match(tokensOf(query.all), place);
    if (raw) consider(best, raw - cost(raw), raw, place);
    const all = query.all;
    if (all.length > place.tokens.length) {
      const core = all.filter((t) => place.tokens.indexOf(t) >= 0);
      const beside = all.filter((t) => place.tokens.indexOf(t) < 0);
      if (core.length && beside.length && beside.every((t) => !LEVELS[t] && item.context.some((w) => w.startsWith(t)))) {
        raw = match(tokensOf(core), place);
        if (raw) consider(best, raw - cost(raw) + 5, raw, place);
      }
    }
    if (!query.level || !query.rest.length || query.rest.length === all.length) return;
    raw = match(tokensOf(query.rest), place);
    if (!raw) return;
    if (query.level === "kota") consider(best, raw - cost(raw) - 50, 0, place);
    else if (query.level === "kabupaten" ? place.field !== "e" : place.field === "e") {
      consider(best, raw - cost(raw) + levelBonus(query, item), raw, place);
    }
  }

  /* "50 kabupaten/kota, 5 provinsi": the two levels counted apart (an official count is of one level). */
  function listCount(index, list, provinceCode) {
    const y = index.data.years.indexOf(list.y);
    const s = String(index.statuses.get(list.st).index);
    let regencies = 0, provinces = 0;
    for (const item of index.regions) {
      if (item.r.h[y] !== s) continue;
      if (provinceCode ? item.r.p === provinceCode : true) {
        if (item.r.l === "provinsi") provinces++; else regencies++;
      }
    }
    return regencies + " kabupaten/kota" + (provinceCode ? "" : ", " + provinces + " provinsi");
  }

  function lists(index, query) {
    const found = [];
    if (!query.status && !query.year) return found;
    const nothingElse = query.rest.length === 0;
    const p = query.province;
    const forProvince = query.status && p && p.rest.length === 0 ? p.code : null;
    const newest = index.data.years[0];
    for (const l of index.data.lists) {
      if (query.status && l.st !== query.status) continue;
      if (query.year && l.y !== query.year) continue;
      if (!query.year && !query.status && l.y !== newest) continue;
      const status = index.statuses.get(l.st);
      const age = index.data.years.indexOf(l.y);
      let score = (nothingElse ? 120 : 50) - (query.partial ? 25 : 0) - (query.year ? 0 : 2 * age)
        - (query.status ? 0 : 10 + status.index);
      if (forProvince) {
        const province = index.provinces.get(forProvince);
        const url = new URL(province.r.u + index.data.provinceList.replace("{status}", encodeURIComponent(l.st))
          .replace("{year}", String(l.y)), index.root).href;
        found.push({ kind: "list", score: 125 - (query.partial ? 25 : 0) - (query.year ? 0 : 2 * age), sure: true,
          url: url, order: 0, sort: "",
          title: status.title + " " + l.y + ": " + province.r.n, status: status,
          meta: "Di " + province.r.n + " · " + listCount(index, l, forProvince) });
      }
      found.push({ kind: "list", score: forProvince ? score - 20 : score, sure: true, url: new URL(l.u, index.root).href,
        order: 0, sort: "", title: status.title + " " + l.y, status: status,
        meta: "Daftar nasional · " + listCount(index, l, null) });
    }
    return found;
  }

  function rank(index, text) {
    const query = read(index, text);
    const found = lists(index, query);
    if (query.all.length) {
      for (const item of index.regions) {
        const hit = scoreRegion(query, item);
        if (hit.score > 0) found.push({ kind: "region", item: item, score: hit.score, sure: hit.sure, via: hit.via,
          url: item.url, order: item.order, sort: item.sort });
      }
      for (const item of index.pages) {
        const score = bestOf(tokensOf(query.all), item.names);
        if (score > 0) found.push({ kind: "page", item: item, score: score - 5, sure: score >= SURE, url: item.url,
          order: 3, sort: item.sort });
      }
    }
    // sure matches first: a suggestion never comes before an answer
    found.sort((a, b) => b.sure - a.sure || b.score - a.score || a.order - b.order
      || (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
    return found.slice(0, MAX_RESULTS);
  }

  function trigrams(key) {
    const padded = "  " + key + " ";
    const grams = new Set();
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    return grams;
  }

  /* The nearest region names when nothing matches: the mean of trigram overlap and edit-distance similarity. */
  function nearest(index, text) {
    const key = words(text).join("");
    if (!key) return [];
    const mine = trigrams(key);
    const scored = [];
    for (const item of index.regions) {
      let best = -1;
      for (const n of item.names) {
        const theirs = trigrams(n.key);
        let shared = 0;
        for (const g of mine) if (theirs.has(g)) shared++;
        const dice = 2 * shared / (mine.size + theirs.size);
        const longer = Math.max(key.length, n.key.length);
        const similar = (dice + 1 - distance(key, n.key, longer) / longer) / 2;
        if (similar > best) best = similar;
      }
      scored.push({ kind: "region", item: item, url: item.url, similar: best, sort: item.sort });
    }
    scored.sort((a, b) => b.similar - a.similar || (a.sort < b.sort ? -1 : 1));
    return scored.slice(0, MAX_SUGGESTIONS);
  }

  /* What to show for a query: { results, suggested }. The sure matches; when there is none, suggestions: the
   * matches of low confidence first, then the nearest names, never an answer. */
  function find(index, text) {
    if (!text.trim()) return { results: [], suggested: false };
    const found = rank(index, text);
    const sure = found.filter((r) => r.sure);
    if (sure.length) return { results: sure, suggested: false };
    const results = found.slice(0, MAX_SUGGESTIONS);
    for (const r of nearest(index, text)) {
      if (results.length < MAX_SUGGESTIONS && !results.some((o) => o.url === r.url)) results.push(r);
    }
    return { results: results, suggested: results.length > 0 };
  }

  /* ---- the form ---- */

  /* A region's result line: its latest answer and where it is ('Utama 2026 · Kalimantan Selatan'). */
  function answerLine(index, r) {
    return r.t + " · " + (r.l === "provinsi" ? "Provinsi" : index.provinces.get(r.p).r.n);
  }

  function option(doc, id, result, index) {
    const li = doc.createElement("li");
    li.setAttribute("role", "none");
    const a = doc.createElement("a");
    a.id = id;
    a.href = result.url;
    a.className = "uhc-finder__option";
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    const title = doc.createElement("span");
    title.className = "uhc-finder__name";
    const meta = doc.createElement("span");
    meta.className = "uhc-finder__meta";
    let status = null;
    if (result.kind === "region") {
      const r = result.item.r;
      status = index.statuses.get(r.st);
      title.textContent = r.n;
      if (result.via) {  // found through a place: 'Wamena, ibu kota → Kabupaten Jayawijaya'
        const via = doc.createElement("span");
        via.className = "uhc-finder__via";
        via.textContent = result.via.text + (result.via.words ? ", " + result.via.words : "") + " → ";
        title.insertBefore(via, title.firstChild);
      }
      meta.appendChild(doc.createTextNode(answerLine(index, r)));
    } else if (result.kind === "list") {
      status = result.status;
      title.textContent = result.title;
      meta.appendChild(doc.createTextNode(result.meta));
    } else {
      title.textContent = result.item.p.t;
      meta.appendChild(doc.createTextNode("Halaman"));
    }
    if (status) {
      const dot = doc.createElement("span");
      dot.className = "uhc-finder__dot";
      dot.setAttribute("aria-hidden", "true");
      dot.dataset.status = status.value;
      dot.style.background = status.colour;
      meta.insertBefore(dot, meta.firstChild);
      a.dataset.status = status.value;
    }
    a.appendChild(title);
    a.appendChild(meta);
    li.appendChild(a);
    return li;
  }

  function pathWords(root) {
    /* '/uhc-awards/wilayah/kabupaten-balangn/' -> 'balangn' */
    let path = decodeURIComponent(location.pathname);
    if (path.startsWith(root.pathname)) path = path.slice(root.pathname.length);
    const parts = path.split("/").filter((p) => p && !/^index\.html?$/.test(p))
      .map((p) => p.replace(/\.html?$/, ""));
    while (parts.length > 1 && /^(wilayah|provinsi|kategori|cari|unduh|ringkasan|metodologi|koreksi|bagikan)$/.test(parts[0])) {
      parts.shift();
    }
    return parts.join(" ")
      .replace(/^(kabupaten|kota|provinsi)(-administrasi)?-/, "")
      .replace(/[-_+.]+/g, " ").replace(/\s+/g, " ").trim();
  }

  class Finder {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector("input[role=combobox]");
      this.list = form.querySelector("[role=listbox]");
      this.panel = form.querySelector(".uhc-finder__panel");
      this.hint = form.querySelector(".uhc-finder__hint");
      this.status = form.querySelector("[role=status]");
      this.inline = form.hasAttribute("data-finder-inline");
      this.indexUrl = new URL(form.dataset.index, document.baseURI).href;
      this.root = new URL(form.dataset.root, document.baseURI);
      this.results = [];
      this.active = -1;
      this.shown = "";
      this.index = null;
      this.input.addEventListener("focus", () => this.prepare().catch(() => {}));
      this.input.addEventListener("input", () => this.update());
      this.input.addEventListener("keydown", (event) => this.key(event));
      form.addEventListener("submit", (event) => this.submit(event));
      document.addEventListener("pointerdown", (event) => {
        if (!this.inline && !form.contains(event.target)) this.close();
      });
      form.addEventListener("focusout", (event) => {
        if (!this.inline && event.relatedTarget && !form.contains(event.relatedTarget)) this.close();
      });
      const wide = form.dataset.placeholderWide;
      if (wide && window.matchMedia && window.matchMedia("(min-width: 45em)").matches) this.input.placeholder = wide;
      const prefill = form.dataset.finderPrefill === "path" ? pathWords(this.root)
        : new URLSearchParams(location.search).get("q");
      if (prefill) {
        this.input.value = prefill.slice(0, 100);
        this.update();
      }
    }

    prepare() {
      if (this.index) return Promise.resolve(this.index);
      return load(this.indexUrl).then((index) => { this.index = index; return index; });
    }

    update() {
      const started = performance.now();
      if (!this.index) {
        this.prepare().then(() => this.update(), () => this.say("Pencarian tidak tersedia; tekan Enter."));
        return;
      }
      const text = this.input.value;
      const shown = find(this.index, text);
      this.results = shown.results;
      this.suggested = shown.suggested;
      this.render(text);
      this.form.dataset.renderMs = (performance.now() - started).toFixed(2);
    }

    render(text) {
      const doc = document;
      const list = this.list;
      const id = list.id;
      const fragment = doc.createDocumentFragment();
      this.hint.hidden = !this.suggested;
      this.hint.textContent = this.suggested ? "Tidak ada yang cocok dengan “" + text.trim() + "”. Mungkin maksud Anda:" : "";
      this.results.forEach((result, i) => fragment.appendChild(option(doc, id + "-" + i, result, this.index)));
      list.textContent = "";
      list.appendChild(fragment);
      this.shown = text;
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      const open = this.results.length > 0;
      this.panel.hidden = !open;
      this.input.setAttribute("aria-expanded", String(open));
      if (!text.trim()) this.say("");
      else if (this.suggested) this.say("Tidak ada yang cocok. " + this.results.length + " saran.");
      else this.say(this.results.length + " hasil. Panah bawah untuk memilih, Enter untuk membuka.");
    }

    say(text) {
      if (this.status && this.status.textContent !== text) this.status.textContent = text;
    }

    close() {
      if (this.inline) return;
      this.panel.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.select(-1);
    }

    open() {
      if (this.results.length) {
        this.panel.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
      }
    }

    select(i) {
      const options = this.list.querySelectorAll("[role=option]");
      if (this.active >= 0 && options[this.active]) {
        options[this.active].setAttribute("aria-selected", "false");
        options[this.active].classList.remove("is-active");
      }
      this.active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        options[i].classList.add("is-active");
        options[i].scrollIntoView({ block: "nearest" });
        this.input.setAttribute("aria-activedescendant", options[i].id);
      } else {
        this.input.removeAttribute("aria-activedescendant");
      }
    }

    key(event) {
      const count = this.results.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (this.panel.hidden) this.open();
        const step = event.key === "ArrowDown" ? 1 : -1;
        this.select(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
      } else if (event.key === "Escape") {
        if (!this.panel.hidden && !this.inline) { event.preventDefault(); this.close(); }
        else if (this.input.value) { event.preventDefault(); this.input.value = ""; this.update(); }
      } else if (event.key === "Enter" && event.repeat) {
        event.preventDefault();  // a held key chooses nothing
      } else if (event.key === "Enter" && this.active >= 0 && this.results[this.active]) {
        event.preventDefault();
        location.href = this.results[this.active].url;
      }
    }

    submit(event) {
      /* Enter on the form: the first result when it is a real match. With suggestions only, the reader stays
       * here and the first suggestion is chosen (shown, announced), for arrows and Enter to confirm: Enter
       * never guesses a region. Without the index, or nothing at all: the search page (?q=). */
      event.preventDefault();
      this.prepare().then(() => {
        if (this.shown !== this.input.value) this.update();
        const target = this.results[this.active >= 0 ? this.active : 0];
        if (this.suggested && this.active < 0) {
          this.open();
          this.select(0);
          this.say("Tidak ada yang cocok dengan “" + this.input.value.trim() + "”. Saran terpilih: "
            + this.list.querySelector("[role=option]").textContent + ". Enter untuk membukanya, panah untuk saran lain.");
        } else if (target && this.input.value.trim()) location.href = target.url;
        else this.form.submit();
      }, () => this.form.submit());
    }
  }

  function start() {
    for (const form of document.querySelectorAll("form[data-finder]")) {
      if (!form.finder) form.finder = new Finder(form);
    }
    document.addEventListener("keydown", (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const box = document.querySelector("form[data-finder] input[role=combobox]");
      if (box) { event.preventDefault(); box.focus(); }
    });
  }

  window.uhcFinder = { norm: norm, read: read, rank: rank, find: find, load: load, distance: distance };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

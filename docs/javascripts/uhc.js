/* UHC Awards Indonesia: small progressive enhancements. Without JavaScript every page still works: tables
   are alphabetical, citations are printed under each page. No dependencies, no requests. */
(function () {
  "use strict";
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember"];

  function today() {
    var d = new Date();
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  /* "Salin ...": copy the text of the elements a button names (data-copy: their ids); a citation's reference
     gets today's date of access, shown on the page too. Without JavaScript the same text is there to select. */
  function textOf(id) {
    var element = document.getElementById(id);
    return element ? element.textContent.replace(/\s+$/, "").replace(/^\s+/, "") : "";
  }

  function setupCopy(root) {
    root.querySelectorAll("[data-accessed]").forEach(function (element) {
      if (!element.querySelector(".uhc-accessed")) {
        var span = document.createElement("span");
        span.className = "uhc-accessed";
        span.textContent = " (diakses " + today() + ")";
        element.appendChild(span);
      }
    });
    root.querySelectorAll("button.uhc-copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy").split(" ").map(textOf).join("\n\n");
        var done = function () {
          button.setAttribute("data-copied", "");
          button.textContent = label.replace(/^Salin\b/, "Disalin:");
          button.setAttribute("aria-live", "polite");
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
        } else {
          fallback(text);
          done();
        }
      });
    });
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the citation is printed on the page too */ }
    document.body.removeChild(area);
  }

  /* Sortable, filterable tables: a header button sorts; a name box and a status list filter. */
  var ORDER = { utama: 0, madya: 1, pratama: 2, awarded: 3, none: 4, nodata: 5 };

  function key(cell) {
    var sort = cell.getAttribute("data-sort");
    if (sort !== null) {
      return sort in ORDER ? ORDER[sort] : (isNaN(+sort) ? sort : +sort);
    }
    return cell.textContent.trim().toLowerCase();
  }

  function setupTable(table, index) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(head.rows[0].cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var r = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var statuses = {};
    rows.forEach(function (row) {
      var s = row.getAttribute("data-status");
      if (s) { statuses[s] = row.querySelector(".uhc-badge--" + s); }
    });
    var bar = document.createElement("div");
    bar.className = "uhc-filter";
    var id = "uhc-filter-" + index;
    bar.innerHTML = '<label for="' + id + '-q">Saring nama</label><input id="' + id +
      '-q" type="search" autocomplete="off"><label for="' + id + '-s">Status</label><select id="' + id +
      '-s"><option value="">Semua</option></select><span class="uhc-filter__count" aria-live="polite"></span>';
    var select = bar.querySelector("select");
    Object.keys(ORDER).forEach(function (s) {
      if (statuses[s]) {
        var option = document.createElement("option");
        option.value = s;
        option.textContent = statuses[s].firstChild.textContent;
        select.appendChild(option);
      }
    });
    var input = bar.querySelector("input");
    var count = bar.querySelector(".uhc-filter__count");
    var params = new URLSearchParams(location.search);
    var year = params.get("tahun");
    var column = year && rows.length && rows[0].hasAttribute("data-tahun-" + year) ? "data-tahun-" + year : "data-status";
    function apply() {
      var q = input.value.trim().toLowerCase();
      var s = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!q || row.cells[0].textContent.toLowerCase().indexOf(q) >= 0) &&
          (!s || row.getAttribute(column) === s);
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = shown + " dari " + rows.length + " baris";
    }
    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
    var wrap = table.closest(".uhc-table-wrap") || table;
    wrap.parentNode.insertBefore(bar, wrap);
    if (params.get("status") && index === 0) {
      if (!statuses[params.get("status")]) {
        var option = document.createElement("option");
        option.value = params.get("status");
        option.textContent = params.get("status");
        select.appendChild(option);
      }
      select.value = params.get("status");
      apply();
    }
  }

  /* Material wraps wide Markdown tables in a scrolling box: let the keyboard reach and scroll it, named after
     the heading above it, each name once on the page (a landmark's name must be unique). */
  function heading(element) {
    for (var node = element; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-4]$/.test(node.tagName)) { return node.textContent.replace(/\u00b6/g, "").trim(); }
      if (node.tagName === "ARTICLE") { break; }
    }
    return "";
  }

  function setupScroll(root) {
    var used = {};
    root.querySelectorAll("[role=region][aria-label]").forEach(function (region) {
      used[region.getAttribute("aria-label")] = true;
    });
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!wrap.hasAttribute("tabindex")) {
        var name = "Tabel" + (heading(wrap) ? ": " + heading(wrap) : "");
        for (var n = 2; used[name]; n++) { name = name.replace(/ \(\d+\)$/, "") + " (" + n + ")"; }
        used[name] = true;
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      }
    });
  }

  function setup() {
    setupCopy(document);
    setupScroll(document);
    document.querySelectorAll("table[data-sortable]").forEach(setupTable);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup); /* Material's instant navigation, when enabled */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

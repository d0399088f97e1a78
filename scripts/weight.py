"""Measure what a reader downloads: the bytes of a first visit to a region page, and the finder's index.

Usage: .venv/bin/python scripts/weight.py [SITE_DIR] [PAGE]   (defaults: site/ and wilayah/kabupaten-balangan/)
Builds nothing: run `uhc-awards build` first. Serves SITE_DIR on loopback, opens PAGE in Debian's chromium with
an empty cache, and sums every response body, raw and gzip-compressed (as GitHub Pages serves text).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

# Debian's chromium (or $CHROMIUM), started as the browser tests start it: no background requests.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
BASE_PATH = "uhc-awards"  # the path of site_url, as on GitHub Pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path, root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve site/ under /uhc-awards/ from a temporary folder, as GitHub Pages serves a project site."""
    (root / BASE_PATH).symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{BASE_PATH}/"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    target = sys.argv[2] if len(sys.argv) > 2 else "wilayah/kabupaten-balangan/"
    from playwright.sync_api import sync_playwright

    holder = tempfile.TemporaryDirectory()
    server, base = serve(site, Path(holder.name))
    rows: list[tuple[str, int, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            bodies: dict[str, bytes] = {}
            page.on("response", lambda r: bodies.setdefault(r.url, r.body() if r.ok else b""))
            page.goto(base + target, wait_until="networkidle")
            page.wait_for_timeout(1000)  # anything fetched after load counts too
            browser.close()
        for url, body in sorted(bodies.items()):
            rows.append((url.removeprefix(base), len(body), gz(body)))
    finally:
        server.shutdown()
        server.server_close()
        holder.cleanup()
    print(f"First visit to /{target} ({len(rows)} requests):")
    for name, raw, packed in rows:
        print(f"  {raw / 1024:8.1f} KB raw {packed / 1024:8.1f} KB gzip  {name}")
    total_raw, total_gz = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"  {total_raw / 1024:8.1f} KB raw {total_gz / 1024:8.1f} KB gzip  TOTAL")
    index = (site / "cari" / "indeks.json").read_bytes()  # the region finder's (generator/outputs/finder.py INDEX)
    print(f"Finder index (fetched when the search box gets focus): {len(index) / 1024:.1f} KB raw, "
          f"{gz(index) / 1024:.1f} KB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())

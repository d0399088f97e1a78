"""Check that every internal link and anchor of a built site resolves.

Usage: python scripts/check_links.py SITE_DIR [SITE_URL]
Reads every HTML file; for each href/src that stays inside the site (relative, root-relative under the
site's path, or absolute under SITE_URL) checks that the file exists and that a #fragment names an id
on the target page. Prints each broken link as page: link and exits 1 if there is any.
"""

from __future__ import annotations

import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if value is not None and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in (
                    "script", "img", "iframe", "source"))):
                self.links.append(value)


def check(site: Path, site_url: str = "") -> list[str]:
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    base_path = urlsplit(site_url).path or "/"
    broken = []
    for name, page in pages.items():
        if name == "404.html":  # served at any depth: its links are root-relative by design
            continue
        for link in page.links:
            parts = urlsplit(link)
            if link.startswith(site_url) and site_url:
                target = link[len(site_url):]
                parts = urlsplit(target)
                resolved = parts.path
            elif parts.scheme or parts.netloc:
                continue  # another site
            elif parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    broken.append(f"{name}: {link} (outside the site's path {base_path})")
                    continue
                resolved = parts.path[len(base_path):]
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if resolved == ".":
                    resolved = ""
                if resolved.startswith(".."):
                    broken.append(f"{name}: {link} (leaves the site)")
                    continue
            if parts.path == "" and not (link.startswith(site_url) and site_url):
                resolved = name
            file = resolved if resolved.endswith(".html") or "." in posixpath.basename(resolved) else \
                posixpath.join(resolved, "index.html")
            file = file.lstrip("/")
            if not (site / file).is_file():
                broken.append(f"{name}: {link} (no {file})")
                continue
            if parts.fragment and file in pages and unquote(parts.fragment) not in pages[file].ids:
                broken.append(f"{name}: {link} (no id {parts.fragment!r} in {file})")
    return broken


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    broken = check(site, sys.argv[2] if len(sys.argv) > 2 else "")
    for line in broken:
        print(line)
    print(f"{len(broken)} broken link(s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())

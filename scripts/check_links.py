"""Check that every internal link and anchor of a built site resolves.

Usage: python scripts/check_links.py SITE_DIR [SITE_URL]

Reads every HTML file and takes each link that stays inside the site: href of <a>, <link> and <area>, src of
<script>, <img>, <iframe>, <source>, <audio>, <video>, <embed>, every srcset candidate, and the target of
a <meta http-equiv="refresh">; also each page location in search/search_index.json and each <loc> of
sitemap.xml. A link stays inside when it is relative, root-relative under SITE_URL's path, or absolute
under SITE_URL. Each must name a file of the site (a folder means its index.html) and its #fragment an id
(or <a name>) on that page. Relative links in 404.html are broken by definition: the server returns that
page at any depth. Prints each broken link as `page: link (why)` and exits 1 if there is any.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SRC_TAGS = {"script", "img", "iframe", "source", "audio", "video", "embed", "track"}
_HREF_TAGS = {"a", "link", "area"}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag in _HREF_TAGS and "href" in values:
            self.links.append(values["href"])
        if tag in _SRC_TAGS and "src" in values:
            self.links.append(values["src"])
        if "srcset" in values:
            self.links += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
        refresh = _REFRESH.match(values.get("content", "")) if values.get("http-equiv", "").lower() == "refresh" \
            else None
        if refresh:
            self.links.append(refresh.group(1).strip())


def _target(page: str, link: str, site_url: str, base_path: str) -> tuple[str, str] | str | None:
    """(file in the site, fragment) for an internal link, None for another site, or why it is broken."""
    if link.startswith(("mailto:", "tel:")):
        return None
    if site_url and link.startswith(site_url):
        link = base_path + link[len(site_url):]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in ("http", "https", ""):
            return f"{parts.scheme}: link"
        return None  # another site
    path = unquote(parts.path)
    if path.startswith("/"):
        if not (path + "/").startswith(base_path):
            return f"outside the site's path {base_path}"
        resolved = posixpath.normpath(path[len(base_path):] or ".") + ("/" if path.endswith("/") else "")
    elif page == "404.html" and path:
        return "relative link in 404.html, which is served at any depth"
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if resolved in (".", "./"):
        resolved = ""
    if resolved.startswith(".."):
        return "leaves the site"
    if not resolved or resolved.endswith("/") or "." not in posixpath.basename(resolved):
        resolved = posixpath.join(resolved, "index.html")
    return resolved.lstrip("/"), unquote(parts.fragment)


def check(site: Path, site_url: str = "") -> list[str]:
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    base_path = urlsplit(site_url).path or "/"
    links = [(name, link) for name, page in pages.items() for link in page.links]
    index = site / "search" / "search_index.json"
    if index.exists():
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        links += [("search/search_index.json", doc["location"] or "./") for doc in docs]
    broken = []
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8")):
            if site_url and loc.startswith(site_url):
                links.append(("sitemap.xml", loc))
            else:
                broken.append(f"sitemap.xml: {loc} (not under {site_url or 'a site URL'})")
    for name, link in links:
        origin = "index.html" if name in ("search/search_index.json", "sitemap.xml") else name
        found = _target(origin, link, site_url, base_path)
        if found is None:
            continue
        if isinstance(found, str):
            broken.append(f"{name}: {link} ({found})")
            continue
        file, fragment = found
        if not (site / file).is_file():
            broken.append(f"{name}: {link} (no {file})")
        elif fragment and file in pages and fragment not in pages[file].ids:
            broken.append(f"{name}: {link} (no id {fragment!r} in {file})")
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

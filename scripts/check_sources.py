"""Check every source address in data/ (award records and criteria) and report the dead ones.

Usage: python scripts/check_sources.py [PROJECT] [--timeout SECONDS] [--workers N] [--wayback]

Needs the network, so CI does not run it; run it before a release or once a month. Each address is asked for
with HEAD (GET when a server refuses HEAD), redirects followed, as a browser would. The answer is one of:

  dead     the page is gone: 404 or 410, or the host no longer exists (DNS) or refuses connections
  unsure   the server answered but would not show the page to a script (401, 403, 429, 5xx), a timeout, or a
           TLS error: check these by hand in a browser
  ok       anything below 400

Prints the dead and the unsure addresses as `file:line: address: why`, each with the Internet Archive's list
of copies (every source link on the site offers the same); with --wayback, also whether the Archive holds a
copy (archive.org's availability API). Exits 1 when any address is dead, else 0.
"""

from __future__ import annotations

import argparse
import json
import socket
import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ARCHIVE = "https://web.archive.org/web/*/"
AVAILABLE = "https://archive.org/wayback/available?url="
AGENT = "Mozilla/5.0 (X11; Linux x86_64) uhc-awards source check (+https://github.com/uhc-awards/uhc-awards)"
DEAD_CODES = {404, 410}


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    where: str  # file:line


@dataclass(frozen=True, slots=True)
class Result:
    source: Source
    verdict: str  # "ok", "dead", "unsure"
    why: str


def sources(root: Path) -> list[Source]:
    """Every source address of the project's data, each once per place it is cited, in file order."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.judge.dataset import load_dataset

    ds = load_dataset(root)
    found = [Source(s.url, f"{r.location.path}:{r.line_of('sources')}") for r in ds.records() for s in r.sources]
    found += [Source(s.url, f"{c.path}:1") for c in ds.criteria.values() for s in c.sources]
    return sorted(found, key=lambda s: (s.where.split(":")[0], int(s.where.split(":")[1]), s.url))


def _ask(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def check_one(source: Source, timeout: float) -> Result:
    if not source.url.startswith(("http://", "https://")):
        return Result(source, "dead", "not an http(s) address")
    try:
        status = _ask(source.url, "HEAD", timeout)
        if status in (403, 405, 501) or status >= 500:  # some servers refuse HEAD only
            status = _ask(source.url, "GET", timeout)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.gaierror):
            return Result(source, "dead", "the host no longer exists (DNS)")
        if isinstance(reason, ConnectionRefusedError):
            return Result(source, "dead", "the host refuses connections")
        if isinstance(reason, ssl.SSLError):
            return Result(source, "unsure", f"TLS error: {reason}")
        return Result(source, "unsure", f"no answer: {reason}")
    except TimeoutError:
        return Result(source, "unsure", f"no answer within {timeout:g} s")
    except (ConnectionError, OSError) as exc:
        return Result(source, "unsure", f"connection failed: {exc}")
    if status in DEAD_CODES:
        return Result(source, "dead", f"HTTP {status}")
    if status >= 400:
        return Result(source, "unsure", f"HTTP {status}")
    return Result(source, "ok", f"HTTP {status}")


def check(items: Iterable[Source], timeout: float = 20.0, workers: int = 8) -> list[Result]:
    """Each address asked once (the same address cited twice is asked once), results in the items' order."""
    items = list(items)
    unique = list(dict.fromkeys(s.url for s in items))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        answers = dict(zip(unique, pool.map(lambda u: check_one(Source(u, ""), timeout), unique), strict=True))
    return [Result(s, answers[s.url].verdict, answers[s.url].why) for s in items]


def archived(url: str, timeout: float) -> str:
    """The Internet Archive's closest copy of an address, or why there is none."""
    try:
        with urllib.request.urlopen(AVAILABLE + urllib.request.quote(url, safe=""), timeout=timeout) as response:
            snapshot = json.load(response).get("archived_snapshots", {}).get("closest") or {}
    except (OSError, ValueError) as exc:
        return f"archive not reachable ({exc})"
    return f"copy: {snapshot['url']}" if snapshot.get("available") else "no copy in the Internet Archive"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", default=".", type=Path)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--wayback", action="store_true", help="ask the Internet Archive for a copy of each dead one")
    args = parser.parse_args(argv)
    results = check(sources(args.project), args.timeout, args.workers)
    for verdict in ("dead", "unsure"):
        chosen = [r for r in results if r.verdict == verdict]
        if chosen:
            print(f"{verdict} ({len(chosen)}):")
        for r in chosen:
            extra = f"; {archived(r.source.url, args.timeout)}" if verdict == "dead" and args.wayback else ""
            print(f"  {r.source.where}: {r.source.url}: {r.why} (arsip: {ARCHIVE}{r.source.url}){extra}")
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("ok", "dead", "unsure")}
    print(f"{len(results)} source citations: {counts['ok']} ok, {counts['dead']} dead, {counts['unsure']} unsure")
    return 1 if counts["dead"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""The engine behind `uhc-awards serve`: MkDocs' own development server, rebuilding only the pages whose
Markdown changed (MkDocs' dirty rebuilds) and looking for changes every 0.1 s instead of every 0.5 s.

The generator rewrites only the generated files that changed (unchanged ones keep their inode and time), so
after one record's edit MkDocs rebuilds that region's page and the few pages that show it, not all 575.
Run as `python -m generator.preview [mkdocs serve options]`; `command()` builds that line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

POLL = 0.1  # seconds between MkDocs' looks at docs/ (its own default is 0.5)


def command(config: Path, address: str) -> list[str]:
    # --no-strict: a dirty rebuild always warns that navigation may be stale; `uhc-awards build` stays strict.
    return [sys.executable, "-m", "generator.preview", "--dirty", "--no-strict", "-f", str(config), "-a", address]


def main(argv: list[str]) -> None:
    from mkdocs import livereload
    from mkdocs.__main__ import cli

    original = livereload.LiveReloadServer.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["polling_interval"] = POLL
        original(self, *args, **kwargs)

    livereload.LiveReloadServer.__init__ = init  # type: ignore[method-assign]
    cli(["serve", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])

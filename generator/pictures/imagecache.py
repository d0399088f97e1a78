"""Share images cached by content, so that a run redraws only the cards that changed.

An entry is `<folder>/<key>.png`, the key a SHA-256 of the card and of everything else that can change its
pixels: the style version, the drawing code (share.py), the font files, and the Pillow and FreeType versions.
A changed input is a new key, so an entry is never stale; entries are written atomically (a temporary file,
then a rename) and checked on reading (PNG signature, every chunk's CRC, the image size, IEND last), so a
partial or damaged file is drawn again, never published. The cache is not output: it lives outside docs/
(e.g. <project>/.uhc-cache/bagikan/) and may be deleted at any time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import struct
import tempfile
import zlib
from pathlib import Path

from generator.pictures import share
from generator.pictures.share import ShareCard, render_png

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SIZE = struct.pack(">II", share.WIDTH, share.HEIGHT)


def fingerprint(style: str = share.STYLE_VERSION) -> str:
    """What, besides the card, decides the pixels."""
    import PIL
    from PIL import features

    digest = hashlib.sha256(f"style {style}\npillow {PIL.__version__}\n"
                            f"freetype {features.version('freetype2')}\n".encode())
    for path in (Path(share.__file__), share.REGULAR, share.BOLD):
        digest.update(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def intact(data: bytes) -> bool:
    """A whole PNG of the card's size: signature, IHDR first, every chunk's CRC right, IEND last."""
    if not data.startswith(_SIGNATURE) or data[16:24] != _SIZE or data[12:16] != b"IHDR":
        return False
    pos, end = len(_SIGNATURE), len(data)
    while pos + 12 <= end:
        stop = pos + 12 + int.from_bytes(data[pos:pos + 4], "big")
        if stop > end or zlib.crc32(data[pos + 4:stop - 4]) != int.from_bytes(data[stop - 4:stop], "big"):
            return False
        if data[pos + 4:pos + 8] == b"IEND":
            return stop == end
        pos = stop
    return False


class ImageCache:
    """PNG bytes per card, from `folder` when drawn before, else drawn and stored. One per run; `hits` and
    `misses` count this process's look-ups, `used` holds their keys (for prune)."""

    def __init__(self, folder: Path, style: str = share.STYLE_VERSION) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self._style, self._salt = style, ""  # worked out at the first look-up: a run that needs none loads no Pillow

    def key(self, card: ShareCard) -> str:
        self._salt = self._salt or fingerprint(self._style)
        fields = json.dumps(dataclasses.asdict(card), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{self._salt}\n{fields}".encode()).hexdigest()

    def png(self, card: ShareCard) -> bytes:
        key = self.key(card)
        self.used.add(key)
        path = self.folder / f"{key}.png"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        if intact(data):
            self.hits += 1
            return data
        self.misses += 1
        data = render_png(card)
        self._store(path, data)
        return data

    def _store(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")  # unique: workers may race
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)  # only left when the write failed

    def prune(self, keep: set[str]) -> int:
        """Remove every entry whose key is not in `keep` (e.g. `used` after a whole run), and temporary files
        left by killed runs; returns how many files were removed."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for path in sorted(self.folder.iterdir()):
            stale = path.name.startswith(".") and path.name.endswith(".tmp")
            if path.is_file() and (stale or (path.suffix == ".png" and path.stem not in keep)):
                path.unlink()
                removed += 1
        return removed

"""Which web addresses from the data may become links: absolute http(s) only, nothing that could run."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.read.texts import control_problem

URL_FIX = "use the full web address of the report, starting with https:// or http://"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def url_problem(value: object) -> tuple[str, str] | None:
    """(message, fix) when value may not be published as a link, None when it may.

    Rejected: anything but an absolute http(s) URL with a host (javascript:, data:, file:, mailto:,
    relative paths), user names before the host (https://bpjs-kesehatan.go.id@other.example/ leads to
    other.example), spaces, quotes, angle brackets or control characters, which could end an HTML attribute
    or a Markdown link, and invisible or format characters (texts.control_problem), which hide where it leads."""
    if not isinstance(value, str) or not value.strip():
        return "is missing or not text", URL_FIX
    value = value.strip()
    hidden = control_problem(value)
    if hidden is not None and not _CONTROL.search(value):
        return hidden
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return f"{value[:80]!r} is not a valid web address", URL_FIX
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"{value[:80]!r} is not an http(s) address", URL_FIX
    if _CONTROL.search(value) or any(c.isspace() or c in "<>\"'`\\" for c in value):
        return "contains spaces, quotes, angle brackets or control characters", \
            "percent-encode them (a space is %20) or copy the address again from the browser"
    if "@" in parts.netloc:
        return f"{value[:80]!r} has a user name before the host", \
            "remove the part before '@': the link would lead to the host after it"
    return None

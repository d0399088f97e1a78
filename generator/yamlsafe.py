"""Read untrusted YAML into plain values with line numbers, safely.

Built from PyYAML's event stream (the C parser when available), not from its constructor: no tags
beyond YAML's core types, no anchors or aliases (so no 'billion laughs'), bounded size and depth,
duplicate keys rejected, every mapping and sequence remembering the line of each entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .errors import DataError, Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_EVENTS = 50_000

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
_RESOLVER = Resolver()
_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


class YMap(dict[str, Any]):
    """A mapping that knows the line of itself and of each key (1-based)."""

    line: int = 0

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}


class YList(list[Any]):
    line: int = 0

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


def _fail(path: str, line: int, message: str, fix: str) -> DataError:
    return DataError([Problem(path, line, "", message, fix)])


def _construct_scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag not in (None, "!"):
        raise ValueError(event.tag)
    if event.style:  # quoted or block scalar: always text (plain is None, or "" from libyaml)
        return event.value
    tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag not in _CORE_TAGS:
        raise ValueError(tag)
    node = ScalarNode(tag, event.value, None, None)
    return SafeConstructor().construct_object(node)


def read_text(path: Path, display: str) -> str:
    """The file's text, or a located error if it is too big, empty or not UTF-8."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise _fail(display, 0, f"file is {len(raw):,} bytes, over the limit of {MAX_BYTES:,}",
                    "an award record is a few hundred bytes: split it or remove pasted content")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(display, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at byte {exc.start})",
                    "save the file as UTF-8 (in most editors: 'Save with encoding' -> UTF-8)") from None
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise _fail(display, 1, "file is empty", "write the record's fields, or delete the file")
    return text


def parse(text: str, display: str) -> Any:
    """Parse one YAML document into YMap/YList/scalars; raise DataError with file:line on any problem."""
    stack: list[tuple[Any, Any]] = []  # (container, pending key for maps)
    root: Any = None
    documents = 0
    count = 0
    parser = _Parser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            count += 1
            line = event.start_mark.line + 1 if event.start_mark else 0
            if count > MAX_EVENTS:
                raise _fail(display, line, "file has too many YAML items", "keep one small record per file")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _fail(display, line, "file holds more than one YAML document ('---')",
                                "keep one record per file: remove the second '---' and what follows")
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _fail(display, line, "YAML anchors and aliases (&name, *name) are not allowed",
                            "write the value out in full where it is needed")
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if event.tag not in (None, "!") and event.tag not in (
                    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise _fail(display, line, f"YAML tag {event.tag!r} is not allowed",
                                "remove the tag: records hold plain text, numbers, dates, lists and maps")
                if len(stack) >= MAX_DEPTH:
                    raise _fail(display, line, f"nesting deeper than {MAX_DEPTH} levels",
                                "records are at most a few levels deep: flatten the structure")
                value: Any = YMap(line) if isinstance(event, yaml.MappingStartEvent) else YList(line)
                _attach(stack, value, line, display)
                stack.append((value, None))
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done, _ = stack.pop()
                if not stack:
                    root = done
                continue
            if isinstance(event, yaml.ScalarEvent):
                try:
                    value = _construct_scalar(event)
                except (ValueError, yaml.YAMLError):
                    raise _fail(display, line, f"YAML tag {event.tag!r} is not allowed",
                                "remove the tag: records hold plain text, numbers, dates, lists and maps") from None
                if not stack:
                    root = value
                else:
                    _attach(stack, value, line, display)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or "invalid YAML"
        if "nesting depth" in problem:
            raise _fail(display, line, f"nesting deeper than {MAX_DEPTH} levels",
                        "records are at most a few levels deep: flatten the structure") from None
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context.removeprefix('while parsing a ').replace('parsing ', '')}"
            problem = problem.replace(" (", " (in the ", 1) + f" started at line {exc.context_mark.line + 1})"
        fix = "check the indentation and quoting on this line (use spaces, not tabs; quote text containing ': ')"
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            problem, fix = "a tab character is used for indentation", "replace the tab characters with spaces"
        raise _fail(display, line, f"invalid YAML: {problem}", fix) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) without marks
        raise _fail(display, 0, f"invalid YAML: {exc}", "remove control characters from the file") from None
    return root


def _attach(stack: list[tuple[Any, Any]], value: Any, line: int, display: str) -> None:
    """Put a finished value into the container on top of the stack."""
    if not stack:
        return
    container, key = stack[-1]
    if isinstance(container, YList):
        container.append(value)
        container.lines.append(line)
        return
    if key is None:  # this value is a key
        if not isinstance(value, str | int | float | bool) or isinstance(value, YMap | YList):
            raise _fail(display, line, "a mapping key must be plain text", "write the key as a simple word")
        name = str(value)
        if name in container:
            raise _fail(display, line, f"duplicate key {name!r} (first at line {container.lines[name]})",
                        "keep one of the two entries and delete the other")
        container.lines[name] = line
        stack[-1] = (container, name)
        return
    container[key] = value
    stack[-1] = (container, None)


def load_file(path: Path, display: str) -> Any:
    return parse(read_text(path, display), display)

"""Read untrusted YAML into plain values with line numbers, safely.

Built from PyYAML's event stream (the C parser when available), not from its constructor: no tags
beyond YAML's core types, no anchors or aliases (so no 'billion laughs'), bounded size and depth,
duplicate keys rejected, every mapping and sequence remembering the line of each entry.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from generator.errors import DataError, Problem
from generator.read.files import read_bytes
from generator.read.texts import control_problem, describe

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_EVENTS = 50_000

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()  # its core scalar constructors are pure functions of the node
_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?")
_TAG_FIX = "remove the tag: records hold plain text, numbers, dates, lists and maps"
# Characters YAML reads as line breaks where editors do not (next line, line and paragraph separators): each
# would shift the line of every later problem, and a text holding one would be folded in silence.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
# The parser's events by exact class (libyaml's and the pure-Python parser's are PyYAML's own classes).
_END_OF_STREAM = yaml.StreamEndEvent
_ANCHORED = frozenset({yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent})
_OPENING = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_CLOSING = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})


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
    """A plain scalar as YAML's core schema reads it; anything unusual stays text for the loader to judge.

    Numbers must be written as plain decimals: YAML 1.1 would read 0x63 as 99, 010 as 8 and 1:30 as 90,
    which in a record is a typo, not a figure. Values that look like a type but do not construct (a date
    2026-13-45, an integer of 5,000 digits) and non-core tags (the merge key <<) stay text too."""
    if event.style or not event.implicit[0]:  # quoted, block or tagged '!': always text (plain style is None,
        return event.value                     # or "" from libyaml)
    value: str = event.value
    return _plain_cached(value) if len(value) <= 64 else _plain(value)


def _plain(value: str) -> Any:
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _CORE_TAGS or tag in _NUMBER_TAGS and not _PLAIN_NUMBER.fullmatch(value):
        return value
    try:
        return SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, value, None, None))
    except (ValueError, OverflowError, yaml.YAMLError):
        return value


# Keys and short values repeat in every record; each result (str, int, float, bool, None, date) is immutable.
_plain_cached = functools.lru_cache(maxsize=4096)(_plain)


def read_text(path: Path, display: str) -> str:
    """The file's text, or a located error if it is not a regular file, too big, empty or not UTF-8.

    At most MAX_BYTES + 1 bytes are read, so a huge (or endless) file costs no memory; a symbolic link is
    never followed and a FIFO never opened for a blocking read."""
    raw = read_bytes(path, display, MAX_BYTES, follow=False,
                     fix_size="an award record is a few hundred bytes: split it or remove pasted content")
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
    """Parse one YAML document into YMap/YList/scalars; raise DataError with file:line on any problem.
    Lines are counted as an editor counts them: a line break YAML alone sees is refused first."""
    odd = _YAML_ONLY_BREAKS.search(text)
    if odd is not None:
        raise _fail(display, text.count("\n", 0, odd.start()) + 1, f"character {describe(odd.group())} is not "
                    "allowed: YAML reads it as a line break, where editors show none",
                    "retype the line in a text editor (it was probably pasted from a word processor or a web page)")
    stack: list[tuple[Any, Any]] = []  # (container, pending key for maps)
    root: Any = None
    documents = 0
    count = 0
    next_event = _Parser(text).get_event
    try:
        while True:  # one C call an event; dispatched on its exact class, the scalars (most events) first
            event = next_event()
            kind = type(event)
            count += 1
            mark = event.start_mark
            line = mark.line + 1 if mark else 0
            if count > MAX_EVENTS:
                raise _fail(display, line, "file has too many YAML items", "keep one small record per file")
            if kind is _END_OF_STREAM:
                break
            if kind in _ANCHORED and event.anchor or kind is yaml.AliasEvent:
                raise _fail(display, line, "YAML anchors and aliases (&name, *name) are not allowed",
                            "write the value out in full where it is needed")
            if kind is yaml.ScalarEvent:
                if event.tag not in (None, "!"):
                    raise _fail(display, line, f"YAML tag {event.tag!r} is not allowed", _TAG_FIX)
                value: Any = _construct_scalar(event)
                if not stack:
                    root = value
                else:
                    _attach(stack, value, line, display)
            elif kind in _OPENING:
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise _fail(display, line, f"YAML tag {event.tag!r} is not allowed", _TAG_FIX)
                if len(stack) >= MAX_DEPTH:
                    raise _fail(display, line, f"nesting deeper than {MAX_DEPTH} levels",
                                "records are at most a few levels deep: flatten the structure")
                value = YMap(line) if kind is yaml.MappingStartEvent else YList(line)
                _attach(stack, value, line, display)
                stack.append((value, None))
            elif kind in _CLOSING:
                done, _ = stack.pop()
                if not stack:
                    root = done
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(display, line, "file holds more than one YAML document ('---')",
                                "keep one record per file: remove the second '---' and what follows")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or "invalid YAML"
        if "nesting depth" in problem:
            raise _fail(display, line, f"nesting deeper than {MAX_DEPTH} levels",
                        "records are at most a few levels deep: flatten the structure") from None
        fix = "check the indentation and quoting on this line (use spaces, not tabs; quote text containing ': ')"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            started = exc.context_mark.line + 1
            inside = re.sub(r"^while (parsing|scanning) an? ", "", exc.context)
            problem += f" (in the {inside} started at line {started})"
            if "end of stream" in problem:  # never closed: the line that opened it is the one to fix
                line, fix = started, "close the quote or bracket that opens on this line"
        lines = text.split("\n")  # as an editor counts them (splitlines also splits at \x0c, \x1c...)
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            problem, fix = "a tab character is used for indentation", "replace the tab characters with spaces"
        raise _fail(display, line, f"invalid YAML: {problem}", fix) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: located by its position
        if _Parser is yaml.BaseLoader:  # the pure-Python reader counts characters, libyaml counts UTF-8 bytes
            line = text[: exc.position].count("\n") + 1
        else:
            line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _fail(display, line, f"character U+{code:04X} is not allowed in YAML",
                    "remove the control character (retype the line in a text editor)") from None
    except yaml.YAMLError as exc:  # anything else the parser rejects without a mark
        raise _fail(display, 1, f"invalid YAML: {exc}",
                    "check the file's syntax against data/awards/README.md") from None
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


def plain_scalar(text: str) -> Any:
    """What a record's plain (unquoted) scalar `text` is read as: the loader's own rule, for other readers of
    values (a spreadsheet cell): '2026-01-27' is a date, '99.5' a number, '2026-13-45' and '0x63' stay text."""
    return _plain_cached(text) if len(text) <= 64 else _plain(text)


def control_problems(value: Any, display: str, field: str = "", line: int = 0) -> list[Problem]:
    """Every control, bidirectional or invisible character in the texts of a parsed file (keys included),
    each located at its line with the field's path and the code point named (texts.control_problem)."""
    found: list[Problem] = []
    if isinstance(value, str):
        problem = control_problem(value)
        if problem is not None:
            found.append(Problem(display, line, field, *problem))
    elif isinstance(value, YMap):
        for key, item in value.items():
            path = f"{field}.{key}" if field else key
            found.extend(control_problems(key, display, path, value.lines.get(key, value.line)))
            found.extend(control_problems(item, display, path, value.lines.get(key, value.line)))
    elif isinstance(value, YList):
        for index, (item, item_line) in enumerate(zip(value, value.lines, strict=True)):
            found.extend(control_problems(item, display, f"{field}[{index}]", item_line))
    return found

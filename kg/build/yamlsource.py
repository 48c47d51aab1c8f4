"""Read YAML fact files into plain values that remember their line numbers.

Every scalar is kept as text (no YAML 1.1 surprises such as `no` becoming False or `2015-03` a date):
the ontology decides what a value means. The tree is built from the parser's events without recursion,
and what a fact file has no use for is refused before it can cost time or memory: anchors and aliases
(an "alias bomb" expands to billions of nodes), nesting deeper than MAX_DEPTH, more than one document,
NUL bytes and control characters. Every problem is a one-line FactError with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import EnvironmentProblem, FactError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 15 times faster
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # tab, LF and CR are text
MAX_DEPTH = 20  # fact files nest 5 levels at most (observations > item > mentions > document > list)


@dataclass(frozen=True)
class Y:
    """A YAML value (str, list[Y] or dict[str, Y]) with the file and line it came from."""

    value: object
    file: str
    line: int

    def error(self, message: str) -> FactError:
        return FactError(message, self.file, self.line)

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, str)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def shown(self) -> str:
        """The value as an error message shows it: quoted text (cut when long), or what kind of value it is."""
        if not self.is_text:
            return "a list" if self.is_list else "a mapping"
        text: str = self.value
        return repr(text) if len(text) <= 40 else f"{text[:30]!r}... ({len(text)} characters)"

    def items_list(self) -> list[Y]:
        """The value as a list: a single value becomes a list of one."""
        return self.value if self.is_list else [self]


def read_yaml(path: Path, shown_as: str) -> Y | None:
    """Read and parse one YAML file; EnvironmentProblem when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise EnvironmentProblem(f"cannot read {shown_as}: {e.strerror or e}") from None
    return parse_yaml(data, shown_as)


def parse_yaml(data: bytes, shown_as: str) -> Y | None:
    """Parse the bytes of one YAML file; raise FactError with the line of the first problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail("UTF-16 text: save the file as UTF-8", shown_as, 1)
    if b"\0" in data:
        return _fail("a binary file, not YAML text (NUL byte)", shown_as, data[:data.index(b"\0")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        _fail(f"not UTF-8 text (byte 0x{data[e.start]:02x})", shown_as, data[:e.start].count(b"\n") + 1)
    bad = _CONTROL.search(text)
    if bad:
        _fail(f"control character U+{ord(bad[0]):04X} is not allowed in a fact file", shown_as,
              text.count("\n", 0, bad.start()) + 1)
    try:
        try:
            return _tree(yaml.parse(text, Loader=_LOADER), shown_as)
        except yaml.MarkedYAMLError:  # PyYAML's own parser says what is wrong in its documented words
            return _tree(yaml.parse(text, Loader=yaml.SafeLoader), shown_as)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or e.context or "malformed YAML").splitlines()[0]
        _fail(f"YAML syntax error: {problem}", shown_as, mark.line + 1 if mark else None)
    except yaml.YAMLError as e:
        _fail(f"YAML error: {str(e).splitlines()[0]}", shown_as)


def _fail(message: str, file: str, line: int | None = None):
    raise FactError(message, file, line)


def _tree(events, file: str) -> Y | None:
    """Build the Y tree of a one-document stream from its events, with an explicit stack."""
    root: Y | None = None
    documents = 0
    # each open collection: [line, list or dict, the pending key of a mapping (its text, line) or None]
    stack: list[list] = []
    for ev in events:
        line = ev.start_mark.line + 1
        if isinstance(ev, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _fail("a fact file holds one YAML document (remove the second '---')", file, line)
            continue
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None) is not None:
            _fail("anchors and aliases (&name, *name) are not allowed in fact files: write the value out", file, line)
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if stack and isinstance(stack[-1][1], dict) and stack[-1][2] is None:
                _fail("a key must be plain text", file, line)
            if len(stack) >= MAX_DEPTH:
                _fail(f"nested more than {MAX_DEPTH} levels deep", file, line)
            stack.append([line, [] if isinstance(ev, yaml.SequenceStartEvent) else {}, None])
            continue
        if isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            start, value, _ = stack.pop()
            node = Y(value, file, start)
        elif isinstance(ev, yaml.ScalarEvent):
            bad = _CONTROL.search(ev.value)
            if bad:  # written as an escape ("\x01") in a quoted string
                _fail(f"control character U+{ord(bad[0]):04X} is not allowed in a value", file, line)
            node = Y(ev.value, file, line)
        else:
            continue
        if not stack:
            root = node
            continue
        _, parent, key = stack[-1]
        if isinstance(parent, list):
            parent.append(node)
        elif key is None:  # a scalar in key position
            if node.value in parent:
                _fail(f"key '{node.value}' appears twice", file, node.line)
            stack[-1][2] = (node.value, node.line)
        else:
            # a key's line is more useful than its value's when the value is a block
            parent[key[0]] = Y(node.value, file, key[1])
            stack[-1][2] = None
    return root


def tree_json(node: Y) -> list:
    """A parsed fact file as JSON ([line, text | list | mapping]), for the next incremental build (`tree_from_json`)."""
    v = node.value
    if isinstance(v, list):
        return [node.line, [tree_json(x) for x in v]]
    if isinstance(v, dict):
        return [node.line, {k: tree_json(x) for k, x in v.items()}]
    return [node.line, v]


def tree_from_json(data: list, file: str) -> Y:
    """The tree `tree_json` wrote, as `parse_yaml` gave it."""
    line, v = data
    if isinstance(v, list):
        return Y([tree_from_json(x, file) for x in v], file, line)
    if isinstance(v, dict):
        return Y({k: tree_from_json(x, file) for k, x in v.items()}, file, line)
    return Y(v, file, line)

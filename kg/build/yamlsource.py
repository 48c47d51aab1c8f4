"""Read YAML fact files into plain values that remember their line numbers.

Every scalar is kept as text (no YAML 1.1 surprises such as `no` becoming False or `2015-03` a date):
the ontology decides what a value means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import EnvironmentProblem, FactError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 15 times faster


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
    """Parse the bytes of one YAML file; raise FactError with the line of a syntax error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FactError(f"not UTF-8 text ({e.reason})", shown_as) from None
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:  # PyYAML's own parser says what is wrong in its documented words
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise FactError(f"YAML syntax error: {e.problem or e.context}", shown_as, line) from None
    except yaml.YAMLError as e:
        raise FactError(f"YAML error: {e}", shown_as) from None
    return None if node is None else _convert(node, shown_as)


def _convert(node: yaml.Node, file: str) -> Y:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return Y(node.value, file, line)
    if isinstance(node, yaml.SequenceNode):
        return Y([_convert(n, file) for n in node.value], file, line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Y] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise FactError("a key must be plain text", file, k.start_mark.line + 1)
            if k.value in out:
                raise FactError(f"key '{k.value}' appears twice", file, k.start_mark.line + 1)
            item = _convert(v, file)
            # a key's line is more useful than its value's when the value is a block
            out[k.value] = Y(item.value, file, k.start_mark.line + 1)
        return Y(out, file, line)
    raise FactError("unsupported YAML node", file, line)

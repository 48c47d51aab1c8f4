"""Write fact and draft files as people write them: sections, one item per block, short maps in flow style;
scalars plain where YAML reads them back as the same text, quoted otherwise. Same data, same bytes."""

from __future__ import annotations

import re
from decimal import Decimal

import yaml

_PLAIN = re.compile(r"^[A-Za-z0-9\u3400-\u9fff][\w\u3400-\u9fff ./&'’()\-]*$")
_SPECIAL = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _SPECIAL and not text.endswith((" ", ":")) and ": " not in text \
            and " #" not in text:
        return text
    return yaml.safe_dump(text, allow_unicode=True, width=10**6, default_style='"').strip()


def flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def item(entry: dict, indent: str = "  ") -> str:
    lines = []
    for i, (key, value) in enumerate(entry.items()):
        lead = f"{indent}- " if i == 0 else f"{indent}  "
        lines.append(f"{lead}{key}: {flow(value)}")
    return "\n".join(lines) + "\n"


def document(sections: dict, header: str = "") -> str:
    """A fact file: `document:` as a block map, every other section as a list of items."""
    out = [header] if header else []
    for name, value in sections.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            out.append(f"{name}:\n" + "".join(f"  {k}: {flow(v)}\n" for k, v in value.items()))
        else:
            out.append(f"{name}:\n" + "\n".join(item(e) for e in value))
    return "\n".join(out)

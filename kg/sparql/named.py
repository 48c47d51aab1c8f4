"""Named queries: `.rq` files shipped in kg/queries, each with a small comment header.

    # title: Products of a company
    # description: ...
    # aliases: products of company | 公司的产品
    # param: company entity = tencent
    SELECT ...

A parameter becomes a variable bound to a term (entity, metric, number or text) through a VALUES block,
never by editing the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import QueryError
from kg.paths import queries_dir

_HEADER = re.compile(r"^#\s*(title|description|aliases|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(entity|metric|number|text)(?:\s*=\s*(.+))?$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    aliases: tuple[str, ...]
    params: tuple[Param, ...]
    sparql: str
    path: Path = field(compare=False)


def parse_rq(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params = []
    for n, line in enumerate(text.splitlines(), 1):
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{path.name}:{n}: malformed parameter {value!r} (NAME entity|metric|number|text [= DEFAULT])")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3)))
        else:
            meta[key] = value
    if "title" not in meta:
        raise QueryError(f"{path.name}: a named query needs a '# title:' line")
    aliases = tuple(a.strip() for a in meta.get("aliases", "").split("|") if a.strip())
    return NamedQuery(path.stem, meta["title"], meta.get("description", ""), aliases, tuple(params), text, path)


@lru_cache(maxsize=4)
def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query by name, in name order."""
    folder = folder or queries_dir()
    return {p.stem: parse_rq(p) for p in sorted(folder.glob("*.rq"))}

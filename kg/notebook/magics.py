"""IPython magics for kg: `%load_ext kg`, then SPARQL cells and plain-language lines as DataFrames.

    %%sparql owners --sources
    SELECT ?platform ?owner WHERE { ?platform kg:ownedBy ?owner }

    %kg platforms by parent company
    %kg --out timeline -p entity=WeCom figures-of-entity

kg's prefixes (kg:, kgr:, src:, rdfs:, ...) are predeclared. Options, for both magics:

  NAME, --out NAME    keep the DataFrame in the notebook variable NAME (it is shown as well)
  --explain           print the SPARQL that ran
  --sources           add a ``sources`` column (document#paragraph of each row's statements)
  --iris              add a ``<column>_iri`` column beside each column of IRIs
  --lang L            label language: en (default), zh, zh-Hans, zh-Hant
  -p NAME=VALUE       %kg: a named query's parameter; %%sparql: bind ?NAME to an entity (by name
                      or id), a number or an IRI, as kg.select does

A problem prints kg's one-line message (and any suggestions), without a traceback. A question mark
ending a %kg line belongs to the question (IPython would otherwise read it as a request for help).
"""

from __future__ import annotations

import re
import sys

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class

from kg.errors import KgError, NotFound

_FLAGS = {"--explain": "explain", "--sources": "sources", "--iris": "iris"}
_VALUED = {"--out": "out", "-o": "out", "--lang": "lang", "-p": "param", "--param": "param"}
_NAME = re.compile(r"[A-Za-z_]\w*")
_TOKEN = re.compile(r"\S+")
_KG_QUESTION = re.compile(r"^(\s*%kg\s.*?)[?？]+(\s*)$")


def register(ipython) -> None:
    """Add the magics, and keep IPython from taking `%kg who owns Feishu?` for a help request."""
    ipython.register_magics(KgMagics)
    if drop_question_marks not in ipython.input_transformers_cleanup:
        ipython.input_transformers_cleanup.append(drop_question_marks)


def drop_question_marks(lines: list[str]) -> list[str]:
    """An input transformer: the trailing '?' of a %kg line goes (phrases do not need it)."""
    return [_KG_QUESTION.sub(r"\1\2", line) for line in lines]


def parse_options(line: str, *, text_follows: bool) -> tuple[dict, str]:
    """The options of a magic's line, and (for %kg) the text after the leading options.

    For %%sparql (`text_follows=False`) every token is an option or the variable name.
    """
    opts: dict = {"out": None, "explain": False, "sources": False, "iris": False, "lang": "en", "params": {}}
    tokens = list(_TOKEN.finditer(line))
    i = 0
    while i < len(tokens):
        tok = tokens[i].group()
        key, eq, inline = tok.partition("=") if tok.startswith("--") else (tok, "", "")
        if key in _FLAGS and not eq:
            opts[_FLAGS[key]] = True
        elif key in _VALUED:
            if not eq:
                i += 1
                if i == len(tokens):
                    raise UsageError(f"{key} needs a value")
                inline = tokens[i].group()
            _set(opts, _VALUED[key], inline)
        elif tok.startswith("-"):
            raise UsageError(f"unknown option {tok} (use --out NAME, --explain, --sources, --iris, --lang L, -p NAME=VALUE)")
        elif text_follows:
            return opts, line[tokens[i].start():].strip()
        elif _NAME.fullmatch(tok) and opts["out"] is None:
            opts["out"] = tok
        else:
            raise UsageError(f"unexpected {tok!r}: %%sparql takes [NAME] [--out NAME] and options; the query goes in the cell")
        i += 1
    return opts, ""


def _set(opts: dict, key: str, value: str) -> None:
    if key == "out":
        if not _NAME.fullmatch(value):
            raise UsageError(f"--out needs a Python variable name, got {value!r}")
        opts["out"] = value
    elif key == "lang":
        opts["lang"] = value
    else:
        name, eq, v = value.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"-p needs NAME=VALUE, got {value!r}")
        opts["params"][name.strip()] = v.strip()


def _number_or_text(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


@magics_class
class KgMagics(Magics):
    """%%sparql and %kg (see the module docstring)."""

    @cell_magic
    def sparql(self, line: str, cell: str):
        """Run the cell's SPARQL on kg's graph; show and return a DataFrame. See kg.notebook.magics."""
        from kg import api

        opts, _ = parse_options(line, text_follows=False)
        if not cell.strip():
            raise UsageError("the %%sparql cell holds no query")
        bindings = {k: _number_or_text(v) for k, v in opts["params"].items()}
        return self._answer(opts, lambda: api.select(cell, lang=opts["lang"], iris=opts["iris"],
                                                    sources=opts["sources"], **bindings))

    @line_magic("kg")
    def kg_line(self, line: str):
        """Answer a phrase, a named query or SPARQL on one line; show and return a DataFrame. See kg.notebook.magics."""
        from kg import api

        opts, text = parse_options(line, text_follows=True)
        if not text:
            raise UsageError("%kg needs a question, e.g. %kg platforms by parent company")
        return self._answer(opts, lambda: api.query(text, params=opts["params"] or None, lang=opts["lang"],
                                                   iris=opts["iris"], sources=opts["sources"]))

    def _answer(self, opts: dict, run):
        try:
            df = run()
        except KgError as e:
            print(f"error: {e}", file=sys.stderr)
            if isinstance(e, NotFound) and e.suggestions:
                print("did you mean: " + ", ".join(e.suggestions), file=sys.stderr)
            return None
        if opts["explain"]:
            print("\n\n".join(q.strip() for q in df.attrs.get("sparql", [])))
        if opts["out"]:
            self.shell.user_ns[opts["out"]] = df
        return df

"""`kg add-source`, `kg review`, `kg accept`: from a new article to reviewed facts."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.common import Options, console, fail
from kg.errors import KgError


def _facts() -> Path:
    """The facts folder the builder writes into: a graph folder's, never the seed graph bundled with kg."""
    from kg.paths import graph_facts

    found = graph_facts(Options.facts)
    if found.origin == "bundled":
        raise KgError("no graph folder here or above to write into: make one with `kg init DIR --from-bundled` "
                      "(a copy of the seed graph) and run kg there, or give --facts DIR")
    return found.facts


def add_source(
    file: Annotated[Path, typer.Argument(help="The article as a text file (UTF-8, UTF-16, GB18030 or Big5).")],
    stem: Annotated[Optional[str], typer.Option("--id", help="Its document id (default: the file name's stem).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Its title (default: the headline the text shows).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Its publication date, YYYY[-MM[-DD]] (default: the "
                                                "date the text shows).")] = None,
    language: Annotated[Optional[str], typer.Option("--language", help="en, zh-Hans or zh-Hant (default: detected).")] = None,
    publisher: Annotated[Optional[str], typer.Option("--publisher", help="The id of the organisation publishing it.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Draft again over an existing draft.")] = False,
) -> None:
    """Copy an article into the facts folder (sources/ID.txt) and draft its facts for review (drafts/ID.yaml).

    The draft proposes mentions of known entities, new entities, figures, dates and relations, each with its
    evidence (paragraph and character span). Review it with `kg review ID` (or in an editor), then `kg accept ID`.
    Exit codes: 0 drafted, 2 bad option or file, 3 the facts folder cannot be written.
    """
    from kg.assist.addsource import add_source as run

    try:
        added = run(file, _facts(), stem=stem, title=title, date=date, language=language, publisher=publisher, force=force)
    except KgError as e:
        fail(e)
    c = added.counts
    out = console()
    out.print(f"{added.stem}: {added.paragraphs} paragraphs, {added.language}"
              f"{', ' + repr(added.title) if added.title else ''}{', ' + added.date if added.date else ''}", markup=False)
    out.print(f"drafted {c.get('mentions', 0)} mentions, {c.get('entities', 0)} new entities, {c.get('metrics', 0)} new "
              f"metrics, {c.get('statements', 0)} statements, {c.get('observations', 0)} figures", markup=False)
    out.print(f"into {added.draft.parent.parent.name}/drafts/{added.draft.name}", markup=False)
    out.print(f"next: kg review {added.stem}   (or edit the draft, then: kg accept {added.stem})", markup=False)


def _show(out, draft, item, n: int, total: int) -> None:
    from rich.text import Text

    from kg.assist.yamlout import flow

    out.print(Text(f"[{n}/{total}] {item.section[:-1] if item.section != 'entities' else 'entity'} "
                   f"(confidence {item.data.get('confidence', '?')})", style="bold"))
    for key, value in item.facts().items():
        out.print(f"  {key}: {flow(value)}", markup=False, highlight=False)
    if item.data.get("check"):
        out.print(f"  check: {item.data['check']}", markup=False, style="yellow")
    ev = item.evidence
    text = draft.paragraph(ev[0]) if ev else None
    if text is not None:
        s, e = ev[1], ev[2]
        shown = Text(f"  ¶{ev[0]}: ")
        lo, hi = max(0, s - 160), min(len(text), e + 160)
        shown.append(("…" if lo else "") + text[lo:s])
        shown.append(text[s:e], style="bold reverse")
        shown.append(text[e:hi] + ("…" if hi < len(text) else ""))
        out.print(shown)


def review(
    stem: Annotated[str, typer.Argument(help="The document id given to kg add-source.")],
) -> None:
    """Walk the proposed items of a draft one by one, like `git add -p`.

    For each: a = accept, e = edit (KEY=VALUE lines, an empty line ends; the item is then accepted),
    r = reject (asks for the reason), s = skip, q = quit. Answers are saved as you go; `kg accept ID` then
    moves the accepted items into the facts. Exit codes: 0 done, 2 no such draft or a bad draft.
    """
    from kg.assist.drafts import Draft

    try:
        draft = Draft(_facts(), stem)
    except KgError as e:
        fail(e)
    out = console()
    pending = draft.pending()
    if not pending:
        out.print(f"nothing to review in {draft.shown} ({draft.counts()['accepted']} accepted, "
                  f"{draft.counts()['rejected']} rejected): kg accept {stem}", markup=False)
        return
    for n, item in enumerate(pending, 1):
        _show(out, draft, item, n, len(pending))
        while True:
            answer = typer.prompt("accept, edit, reject, skip, quit [a,e,r,s,q,?]", default="s", show_default=False)
            answer = answer.strip().lower()[:1]
            try:
                if answer == "a":
                    draft.accept(item)
                elif answer == "e":
                    while True:
                        line = typer.prompt("  KEY=VALUE (empty line: done)", default="", show_default=False).strip()
                        if not line:
                            break
                        key, eq, value = line.partition("=")
                        if not eq:
                            out.print("  expected KEY=VALUE, e.g. value=381000000", markup=False)
                            continue
                        try:
                            draft.edit(item, key.strip(), value.strip())
                        except KgError as e:
                            out.print(f"  {e}", markup=False)
                    draft.accept(item)
                elif answer == "r":
                    draft.reject(item, typer.prompt("  reason"))
                elif answer == "q":
                    draft.save()
                    out.print(f"saved {draft.shown}", markup=False)
                    return
                elif answer == "?":
                    out.print("a accept  e edit  r reject (with a reason)  s skip  q save and quit", markup=False)
                    continue
                elif answer != "s":
                    continue
            except KgError as e:
                out.print(f"  {e}", markup=False)
                continue
            break
        draft.save()
    c = draft.counts()
    out.print(f"saved {draft.shown}: {c['accepted']} accepted, {c['rejected']} rejected, {c['proposed']} still proposed; "
              f"next: kg accept {stem}", markup=False)


def accept(
    stem: Annotated[str, typer.Argument(help="The document id given to kg add-source.")],
) -> None:
    """Move the accepted items of drafts/ID.yaml into documents/ID.yaml (mentions into entities/), then load and
    validate the facts; on any error nothing is changed. Exit codes: 0 merged, 2 bad draft or the facts would
    not check (the messages name file and line)."""
    from kg.assist.accept import accept as run

    try:
        done = run(_facts(), stem)
    except KgError as e:
        fail(e)
    out = console()
    moved = ", ".join(f"{n} {k}" for k, n in done.moved.items() if n)
    doc = Path(done.document)
    out.print(f"accepted into {doc.parent.parent.name}/{doc.parent.name}/{doc.name}:", markup=False)
    out.print(f"  {moved}", markup=False)
    if done.mentions_not_recorded:
        out.print("mentions kept in the draft (the entity is declared in a document file; move it to entities/ to record "
                  "mentions): " + ", ".join(done.mentions_not_recorded), markup=False)
    out.print(f"checked: {done.stats.get('entities', '?')} entities, {done.stats.get('observations', '?')} observations; "
              f"draft keeps {done.left.get('proposed', 0)} proposed, {done.left.get('rejected', 0)} rejected", markup=False)


def register(app: typer.Typer) -> None:
    """Add `kg add-source`, `kg review`, `kg accept` to the main app."""
    app.command("add-source")(add_source)
    app.command("review")(review)
    app.command("accept")(accept)

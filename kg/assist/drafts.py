"""A draft on disk (drafts/<stem>.yaml): its items with their status, read and written back; what `kg review`
walks through and `kg accept` merges.

Every scalar stays text, as the loader reads fact files. An item is `proposed`, `accepted` or `rejected`
(a rejection keeps its `reason`); `confidence`, `evidence` and `check` are notes for the reviewer that never
reach the facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.assist.addsource import draft_path, source_path
from kg.assist.draft import HEADER
from kg.assist.source import paragraphs
from kg.assist.yamlout import document
from kg.build.yamlsource import Y, read_yaml
from kg.errors import DraftError, FactError
from kg.files import write_atomic

SECTIONS = ("entities", "metrics", "mentions", "statements", "observations")
STATUSES = ("proposed", "accepted", "rejected")
NOTES = ("status", "confidence", "evidence", "check", "reason")


def plain(node: Y):
    if node.is_map:
        return {k: plain(v) for k, v in node.value.items()}
    if node.is_list:
        return [plain(v) for v in node.value]
    return node.value


@dataclass
class Item:
    section: str
    data: dict
    line: int

    @property
    def status(self) -> str:
        return self.data.get("status", "proposed")

    def facts(self) -> dict:
        """The item as a fact file states it: without the reviewer's notes."""
        return {k: v for k, v in self.data.items() if k not in NOTES}

    @property
    def evidence(self) -> tuple[int, int, int] | None:
        ev = self.data.get("evidence")
        try:
            return int(ev["para"]), int(ev["span"][0]), int(ev["span"][1])
        except (TypeError, KeyError, ValueError, IndexError):
            return None


class Draft:
    """drafts/<stem>.yaml of a facts folder."""

    def __init__(self, facts_dir: Path, stem: str):
        self.facts_dir, self.stem = Path(facts_dir), stem
        self.path = draft_path(self.facts_dir, stem)
        self.shown = f"{self.facts_dir.name}/drafts/{stem}.yaml"
        if not self.path.is_file():
            raise DraftError(f"no draft for '{stem}': {self.shown} does not exist (run `kg add-source` first)")
        try:
            tree = read_yaml(self.path, self.shown)
        except FactError as e:
            raise DraftError(str(e)) from None
        if tree is None or not tree.is_map or "document" not in tree.value:
            raise DraftError(f"{self.shown}: a draft starts with a 'document:' section")
        self.document: dict = plain(tree.value["document"])
        self.items: list[Item] = []
        for key, node in tree.value.items():
            if key == "document":
                continue
            if key not in SECTIONS:
                raise DraftError(f"{self.shown}:{node.line}: unknown section '{key}' (expected {', '.join(SECTIONS)})")
            if not node.is_list:
                raise DraftError(f"{self.shown}:{node.line}: '{key}' must be a list")
            for item in node.value:
                if not item.is_map:
                    raise DraftError(f"{self.shown}:{item.line}: each item of '{key}' is a mapping")
                data = plain(item)
                status = data.get("status", "proposed")
                if status not in STATUSES:
                    raise DraftError(f"{self.shown}:{item.line}: status {status!r} is not one of {', '.join(STATUSES)}")
                self.items.append(Item(key, data, item.line))

    def pending(self) -> list[Item]:
        return [i for i in self.items if i.status == "proposed"]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for i in self.items:
            out[i.status] += 1
        return out

    def paragraph(self, n: int) -> str | None:
        """The text of paragraph `n` of the article, when sources/<stem>.txt is there."""
        path = source_path(self.facts_dir, self.stem)
        if not path.is_file():
            return None
        paras = paragraphs(path.read_text(encoding="utf-8"))
        return paras[n - 1].text if 0 < n <= len(paras) else None

    def accept(self, item: Item) -> None:
        item.data["status"] = "accepted"
        item.data.pop("reason", None)

    def reject(self, item: Item, reason: str) -> None:
        if not reason.strip():
            raise DraftError("a rejection needs a reason")
        item.data["status"] = "rejected"
        item.data["reason"] = reason.strip()

    def edit(self, item: Item, key: str, value) -> None:
        """Set one key of an item ('value', 'subject', ...); a reviewer's edit makes the item accepted."""
        if key in NOTES:
            raise DraftError(f"'{key}' is the reviewer's note, not a fact: set the facts, then accept")
        if value in (None, ""):
            item.data.pop(key, None)
        else:
            item.data[key] = value
        item.data["status"] = "accepted"

    def sections(self) -> dict:
        out: dict = {"document": self.document}
        for section in SECTIONS:
            out[section] = [i.data for i in self.items if i.section == section]
        return out

    def save(self) -> None:
        write_atomic(self.path, document(self.sections(), HEADER.format(stem=self.stem)).encode("utf-8"))

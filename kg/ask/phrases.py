"""Plain-language questions compiled to SPARQL from the ontology's own labels and the entities' labels.

Understood shapes (English and Chinese, Simplified or Traditional):
  a named query's title or alias         "platforms by parent company", "conflicting figures"
  <class> by <property>                  "companies by location", "平台的母公司"
  <class> of <entity>                    "products of Tencent", "腾讯的产品"
  who owns <entity>                      "who owns Feishu?", "钉钉的母公司"
  <property> of <entity>                 "issuer of the digital economy plan", "潘和林的职务"
  <metric> of/in <entity>                "online office users in China", "DingTalk users", "钉钉的用户数"
  figures of <entity>                    "figures of DingTalk", "钉钉的数据"
  documents mentioning <entity>          "documents mentioning WeLink", "提到飞书的文档"
  number of <class> per <class>          "number of products per company", "每家公司的产品数量"
  how is <A> connected to <B>            "how is Kingsoft connected to Tencent Docs", "金山和腾讯文档有什么关系"
  <entity>                               "DingTalk" (its card)

A plan names a template (an .rq file) and the terms to bind; text from the user never enters a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.names import ACCEPT, Index, Match, normalize
from kg.errors import NotFound
from kg.files import cached_json

KG_NS = "https://w3id.org/kg-office/ontology#"


@dataclass
class Plan:
    """What to run for a phrase: a named query or template with bound terms, a card, or a path."""

    kind: str  # named | template | card | path
    title: str
    name: str = ""  # named query or template name
    bindings: dict = field(default_factory=dict)  # variable -> IRI string or list of IRI strings
    entities: tuple[str, ...] = ()  # for card / path


def _strip(text: str) -> str:
    text = text.strip().rstrip("?？!！。.").strip()
    return re.sub(r"\s+", " ", text)


def alias_signature(named: dict) -> str:
    """A digest of the named queries' names, titles and aliases: what `alias_keys` depends on."""
    import hashlib

    return hashlib.sha1(repr([(q.name, q.title, q.aliases) for q in named.values()]).encode()).hexdigest()


def alias_keys(named: dict) -> dict[str, str]:
    """Each named query's normalized title, name and aliases -> its name (kept in the build's index, so a
    query on English words need not load the Chinese conversion tables)."""
    keys: dict[str, str] = {}
    for q in named.values():
        for text in (q.title, q.name.replace("-", " "), *q.aliases):
            keys.setdefault(normalize(text), q.name)
    return keys


def _cached_alias_keys(named: dict, cache: Path | None) -> dict[str, str]:
    """`alias_keys`, kept in a file of the build (`cache`) so a query on English words need not load the
    Chinese conversion tables; recomputed when the named queries changed, and a cache that cannot be written
    is only a slower start."""
    return cached_json(cache, alias_signature(named), lambda: alias_keys(named))


class PhraseCompiler:
    def __init__(self, index: Index, named: dict, cache: Path | None = None):
        self.index = index
        self.named = named
        self._aliases: dict[str, str] = _cached_alias_keys(named, cache)

    # ------------------------------------------------------------------ resolution helpers

    def _one(self, text: str, kinds: tuple[str, ...]) -> Match | None:
        text = _strip(text)
        m = self.index.resolve(text, kinds)
        if m is None and kinds == ("class",):
            for cut in ("es", "s"):  # plural forms not listed as aliases
                if text.lower().endswith(cut):
                    m = self.index.resolve(text[: -len(cut)], kinds)
                    if m:
                        break
        return m

    def _entity(self, text: str) -> Match | None:
        return self._one(text, ("entity", "document"))

    def _metrics(self, text: str) -> list[str]:
        found = self.index.find(_strip(text), ("metric",), limit=6)
        best = [m for m in found if m.score >= ACCEPT]
        if not best:
            return []
        top = best[0].score
        return [m.iri for m in best if m.score >= top - 1e-9]

    def _properties(self, text: str, cls_iri: str | None = None) -> list[str]:
        found = [m for m in self.index.find(_strip(text), ("property",), limit=12) if m.score >= ACCEPT]
        if not found:
            return []
        top = found[0].score
        props = [m.iri for m in found if m.score >= top - 1e-9]
        if cls_iri:
            allowed = {cls_iri, *self.index.things[cls_iri].get("super", []), KG_NS + "Entity"}
            fitting = [p for p in props if (self.index.things[p].get("domain") or KG_NS + "Entity") in allowed]
            props = fitting
        return props

    # ------------------------------------------------------------------ compile

    def named_for(self, text: str) -> Plan | None:
        """The named query whose title, name or alias the text is, if any."""
        key = normalize(_strip(text))
        if key in self._aliases:
            q = self.named[self._aliases[key]]
            return Plan("named", q.title, q.name)
        return None

    def pattern(self, text: str, fuzzy_metrics: bool = True) -> Plan | None:
        """A named query by alias, or one of the phrase shapes listed in the module docstring; None if none fits
        (NotFound when a shape fits but a name in it does not resolve)."""
        phrase = _strip(text)
        if not phrase:
            raise NotFound("empty question")
        plan = self.named_for(phrase)
        if plan:
            return plan
        exact = {iri for iri, _ in self.index._keys.get(normalize(phrase), [])
                 if self.index.things[iri]["kind"] in ("entity", "document")}
        if len(exact) == 1:  # a bare name is its card, even when it is also a metric's alias (企业微信)
            iri = exact.pop()
            return Plan("card", self.index.label(iri) or iri, entities=(iri,))
        attempts = [self._path, self._owner, self._documents, self._count, self._figures, self._by,
                    self._chinese_of, self._of] + ([self._metric_words] if fuzzy_metrics else [])
        for attempt in attempts:
            plan = attempt(phrase)
            if plan:
                return plan
        return None

    def compile(self, text: str) -> Plan:
        plan = self.pattern(text)
        if plan:
            return plan
        phrase = _strip(text)
        key = normalize(phrase)
        m = self._entity(phrase)
        if m:
            return Plan("card", self.index.label(m.iri) or m.name, entities=(m.iri,))
        for alias, name in self._aliases.items():
            import difflib

            if difflib.SequenceMatcher(None, key, alias).ratio() >= 0.85:
                q = self.named[name]
                return Plan("named", q.title, q.name)
        suggestions = self.index.suggestions(phrase, ("entity", "metric", "class"), limit=5)
        import difflib

        suggestions += [self.named[n].title for n in
                        {self._aliases[a] for a in difflib.get_close_matches(key, list(self._aliases), n=3, cutoff=0.5)}]
        raise NotFound(f"nothing matches '{phrase}'", suggestions=list(dict.fromkeys(suggestions))[:8])

    def _path(self, p: str) -> Plan | None:
        pats = [r"^how (?:is|are) (.+?) (?:connected|related|linked) (?:to|with) (.+)$",
                r"^(?:connection|path|link|relationship) (?:between|from) (.+?) (?:and|to) (.+)$",
                r"^(.+?)(?:和|与|跟|與)(.+?)(?:有什么关系|有什麼關係|的关系|的關係|如何关联|如何關聯|怎么关联|怎麼關聯)$"]
        for pat in pats:
            m = re.match(pat, p, re.IGNORECASE)
            if m:
                a, b = self._entity(m.group(1)), self._entity(m.group(2))
                if a and b:
                    title = f"how {self.index.label(a.iri)} is connected to {self.index.label(b.iri)}"
                    return Plan("path", title, entities=(a.iri, b.iri))
                self._missing(m.group(1) if not a else m.group(2))
        return None

    def _owner(self, p: str) -> Plan | None:
        pats = [r"^(?:who|which (?:company|organi[sz]ation)) (?:owns|developed|made|runs|operates|is behind) (.+)$",
                r"^(?:who is the )?(?:owner|parent company|parent organi[sz]ation|parent|developer|maker) of (.+)$",
                r"^(.+?)(?:的)?(?:母公司|所属公司|开发商|開發商|开发者|開發者|东家|東家)(?:是谁|是誰|是哪家)?$",
                r"^(?:谁拥有|誰擁有|谁开发了|誰開發了)(.+)$",
                r"^(.+?)(?:属于哪家公司|屬於哪家公司|是谁的|是誰的)$"]
        e = self._entity_in(p, pats)
        return Plan("template", f"who owns {self.index.label(e.iri)}", "owner-of", {"entity": e.iri}) if e else None

    def _documents(self, p: str) -> Plan | None:
        pats = [r"^(?:documents?|sources?|articles?) (?:mentioning|about|that mention|citing|on) (.+)$",
                r"^where is (.+) mentioned$",
                r"^(?:提到|提及|提到了)(.+?)的(?:文档|文檔|文章|来源|來源)$"]
        e = self._entity_in(p, pats)
        if not e:
            return None
        return Plan("named", f"documents mentioning {self.index.label(e.iri)}", "documents-mentioning", {"entity": e.iri})

    def _count(self, p: str) -> Plan | None:
        pats = [(r"^(?:the )?(?:number|count|counts) of (.+?) (?:per|by|for each|of each) (.+)$", 1, 2),
                (r"^how many (.+?) (?:per|does each|for each|has each) (.+?)(?: have)?$", 1, 2),
                (r"^每(?:个|個|家|位|项|項)?(.+?)的(.+?)(?:数量|數量|数目|數目|数|數)$", 2, 1)]
        for pat, ci, gi in pats:
            m = re.match(pat, p, re.IGNORECASE)
            if m:
                item, group = self._one(m.group(ci), ("class",)), self._one(m.group(gi), ("class",))
                if item and group:
                    title = f"number of {self.index.label(item.iri)} per {self.index.label(group.iri)}"
                    return Plan("template", title, "count-per", {"class": item.iri, "group_class": group.iri})
        return None

    def _figures(self, p: str) -> Plan | None:
        pats = [r"^(?:figures|numbers|data|statistics|stats|observations|timeline) (?:of|for|about|on) (.+)$",
                r"^(.+?) (?:figures|numbers|statistics|timeline)$",
                r"^(.+?)的(?:数据|數據|数字|數字|统计|統計)$"]
        e = self._entity_in(p, pats, strict=False)  # "X figures" may also be a metric phrase: fall through
        return Plan("named", f"figures of {self.index.label(e.iri)}", "figures-of-entity", {"entity": e.iri}) if e else None

    def _by(self, p: str) -> Plan | None:
        m = re.match(r"^(.+?) (?:by|with their|with|grouped by|per) (.+)$", p, re.IGNORECASE)
        if not m:
            return None
        cls = self._one(m.group(1), ("class",))
        if not cls:
            return None
        props = self._properties(m.group(2), cls.iri)
        if not props:
            return None
        title = f"{self.index.label(cls.iri)} by {self.index.label(props[0])}"
        return Plan("template", title, "class-by-property", {"class": cls.iri, "property": props})

    def _chinese_of(self, p: str) -> Plan | None:
        """X的Y: class-by-property, class-of-entity, owner, property-of-entity or metric-of-entity."""
        m = re.match(r"^(.+?)(?:的|之)(.+)$", p)
        if not m:
            return None
        left, right = m.group(1), m.group(2)
        cls = self._one(left, ("class",))
        if cls:
            props = self._properties(right, cls.iri)
            if props:
                return Plan("template", f"{self.index.label(cls.iri)} by {self.index.label(props[0])}",
                            "class-by-property", {"class": cls.iri, "property": props})
        entity = self._entity(left)
        if entity:
            return self._about_entity(entity, right)
        return None

    def _of(self, p: str) -> Plan | None:
        m = re.match(r"^(.+?) (?:of|in|for|from|at|owned by|made by|by) (.+)$", p, re.IGNORECASE)
        if not m:
            return None
        entity = self._entity(m.group(2))
        if not entity:
            return None
        return self._about_entity(entity, m.group(1))

    def _about_entity(self, entity: Match, what: str) -> Plan | None:
        label = self.index.label(entity.iri)
        cls = self._one(what, ("class",))
        if cls:
            return Plan("template", f"{_strip(what)} of {label}", "class-of-entity",
                        {"class": cls.iri, "entity": entity.iri})
        metrics = self._metrics(what)
        if metrics:
            return Plan("template", f"{self.index.label(metrics[0])} of {label}", "metric-of-entity",
                        {"entity": entity.iri, "metric": metrics})
        props = self._properties(what)
        if props:
            return Plan("template", f"{self.index.label(props[0])} of {label}", "property-of-entity",
                        {"entity": entity.iri, "property": props})
        return None

    def _metric_words(self, p: str) -> Plan | None:
        """'DingTalk users', '钉钉用户数': an entity followed (or preceded) by a metric."""
        words = p.split(" ") if " " in p else list(p)
        joiner = " " if " " in p else ""
        for i in range(1, len(words)):
            head, tail = joiner.join(words[:i]), joiner.join(words[i:])
            for ent_text, metric_text in ((head, tail), (tail, head)):
                entity = self._entity(ent_text)
                if entity:
                    metrics = self._metrics(metric_text)
                    if metrics:
                        return Plan("template", f"{self.index.label(metrics[0])} of {self.index.label(entity.iri)}",
                                    "metric-of-entity", {"entity": entity.iri, "metric": metrics})
        return None

    def _entity_in(self, p: str, pats: list[str], strict: bool = True) -> Match | None:
        """The entity named by group 1 of the first pattern that matches `p`; with `strict`, a pattern that
        matches but names no known entity ends the search with NotFound (and suggestions)."""
        for pat in pats:
            m = re.match(pat, p, re.IGNORECASE)
            if m:
                e = self._entity(m.group(1))
                if e:
                    return e
                if strict:
                    self._missing(m.group(1))
        return None

    def _missing(self, text: str) -> None:
        raise NotFound(f"no entity named '{_strip(text)}'", suggestions=self.index.suggestions(text))

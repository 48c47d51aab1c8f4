"""Golden renderings: answers rendered into a fixed-width console look exactly like this."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rich.console import Console

from kg.build.names import Index
from kg.cli.render import answer_renderables
from kg.graph import Answer, Hop
from kg.present import answer_text
from kg.sparql.engine import Result

R = "https://w3id.org/kg-office/resource/"
K = "https://w3id.org/kg-office/ontology#"
INDEX = Index({"things": {
    R + "feishu": {"kind": "entity", "id": "feishu", "labels": {"en": "Feishu", "zh-Hans": "飞书"}, "aliases": {}},
    R + "bytedance": {"kind": "entity", "id": "bytedance", "labels": {"en": "ByteDance", "zh-Hans": "字节跳动"},
                      "aliases": {}},
    K + "ownedBy": {"kind": "property", "id": "ownedBy", "labels": {"en": "owned by"}, "aliases": {}},
}})


def render(items, width=60) -> str:
    buf = io.StringIO()
    console = Console(width=width, force_terminal=True, color_system=None, file=buf)
    for item in items:
        console.print(item)
    return buf.getvalue()


def table_answer():
    rows = [(ox.NamedNode(R + "feishu"), ox.NamedNode(R + "bytedance"),
             ox.Literal("381000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))]
    return Answer("Owners", "table", Result("SELECT", ["product", "parent_company", "value"], rows))


def test_golden_table_exact():
    text = render(answer_renderables(table_answer(), INDEX))
    assert text.splitlines() == [
        "Owners",
        "product  parent company  value      ",
        "────────────────────────────────────",
        "Feishu   ByteDance       381,000,000",
        "1 row",
    ]


def test_golden_table_in_chinese():
    text = render(answer_renderables(table_answer(), INDEX, "zh"))
    assert text.splitlines()[1:] == ["产品  母公司    数值       ", "───────────────────────────",
                                     "飞书  字节跳动  381,000,000", "1 行"]


def test_golden_path():
    answer = Answer("how Feishu is connected to ByteDance", "path",
                    path=[Hop(R + "feishu", K + "ownedBy", R + "bytedance", True)])
    assert render(answer_renderables(answer, INDEX)).splitlines() == [
        "how Feishu is connected to ByteDance",
        "Feishu  --owned by-->  ByteDance",
        "1 hop",
    ]


def test_csv_and_md_text():
    assert answer_text(table_answer(), INDEX, "csv") == "product,parent company,value\nFeishu,ByteDance,381000000\n"
    assert answer_text(table_answer(), INDEX, "md").splitlines()[2] == "| Feishu | ByteDance | 381,000,000 |"

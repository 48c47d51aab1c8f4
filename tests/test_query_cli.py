"""`kg query`, `kg queries`, `kg show`, `kg search` through the CLI: output, formats, exit codes, safety."""

from __future__ import annotations

import csv
import io
import json

import pytest


def test_platforms_by_parent_company_table(cli):
    r = cli("query", "platforms by parent company")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    for product, parent in [("DingTalk", "Alibaba Group"), ("Feishu", "ByteDance"), ("WeLink", "Huawei"),
                            ("Kingsoft Docs", "Kingsoft Office"), ("WeCom", "Tencent")]:
        assert any(product in ln and parent in ln for ln in lines), product
    assert max(len(ln) for ln in lines) <= 80


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "md"])
def test_formats(cli, fmt):
    r = cli("query", "platforms by parent company", "--format", fmt)
    assert r.exit_code == 0
    if fmt == "json":
        rows = json.loads(r.output)
        assert {"platform": "Feishu", "parent company": "ByteDance"} in rows
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(r.output), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["platform", "parent company"] and ["Feishu", "ByteDance"] in rows
    else:
        assert "| Feishu | ByteDance |" in r.output


def test_json_numbers_are_numbers(cli):
    r = cli("query", "online office users in China", "--format", "json")
    rows = json.loads(r.output)
    assert any(row["value"] == 381000000 and row["time"] == "2021-06" for row in rows)


def test_lang_zh(cli):
    r = cli("query", "who owns Feishu?", "--lang", "zh")
    assert "字节跳动" in r.output


def test_sources_column(cli):
    r = cli("query", "who owns Feishu", "--sources", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0][-1] == "sources"
    assert all("002_c60f5f8123234b95#p" in row[-1] for row in rows[1:])


def test_explain_prints_sparql(cli):
    r = cli("query", "products of Tencent", "--explain")
    assert "SELECT" in r.output and "VALUES ?entity" in r.output and "kgr/tencent" not in r.output.replace(" ", "")


def test_sparql_text_with_predeclared_prefixes(cli):
    r = cli("query", "SELECT ?p WHERE { ?p kg:ownedBy kgr:bytedance }", "--format", "csv")
    assert r.exit_code == 0 and "Feishu" in r.output


def test_ask_and_construct(cli):
    assert cli("query", "ASK { kgr:feishu kg:ownedBy kgr:bytedance }").output.strip() == "yes"
    r = cli("query", "CONSTRUCT { ?p kg:ownedBy kgr:bytedance } WHERE { ?p kg:ownedBy kgr:bytedance }", "-f", "csv")
    assert "feishu" in r.output


def test_rq_file(cli, tmp_path):
    f = tmp_path / "mine.rq"
    f.write_text("# title: Mine\nSELECT ?o WHERE { kgr:welink kg:ownedBy ?o }\n")
    r = cli("query", str(f), "-f", "csv")
    assert r.exit_code == 0 and "Huawei" in r.output


def test_named_query_with_param(cli):
    r = cli("query", "products-of-company", "--param", "company=字节跳动", "-f", "csv")
    assert r.exit_code == 0 and "Feishu" in r.output


def test_unknown_param_is_bad_input(cli):
    r = cli("query", "products-of-company", "--param", "nope=1")
    assert r.exit_code == 2 and "no parameter nope" in r.output


def test_nothing_matches_exit_1_with_suggestions(cli):
    r = cli("query", "Kingsoftt Offce Docs")
    assert r.exit_code == 1
    assert "nothing matches" in r.output and "did you mean" in r.output and "Kingsoft Docs" in r.output
    assert "Traceback" not in r.output


def test_syntax_error_exit_2_with_position(cli):
    r = cli("query", "SELECT ?x WHERE { ?x kg:ownedBy }")
    assert r.exit_code == 2
    assert "SPARQL syntax error at line 1, column" in r.output and "Traceback" not in r.output
    assert len([ln for ln in r.output.splitlines() if ln.strip()]) == 1


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_service_refused_without_allow_network(cli, query):
    r = cli("query", query)
    assert r.exit_code == 2 and "--allow-network" in r.output


def test_service_word_inside_a_literal_is_fine(cli):
    r = cli("query", 'SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }', "-f", "csv")
    assert r.exit_code == 0 and "SERVICE LOAD" in r.output


@pytest.mark.parametrize("update", ["DROP ALL", "INSERT DATA { kgr:a kg:ownedBy kgr:b }",
                                    "LOAD <http://example.org/x.ttl>", "CLEAR DEFAULT"])
def test_updates_refused(cli, update):
    r = cli("query", update)
    assert r.exit_code == 2


INJECTIONS = ['Tencent" } ; DROP ALL ; #', "Tencent'} UNION { ?s ?p ?o }", "}\nDROP ALL\n{",
              'x" . ?s ?p ?o . FILTER("1"="1', "Tencent\n} ; LOAD <http://evil.example/> ;"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_in_phrases_is_inert(cli, evil):
    r = cli("query", f"products of {evil}")
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output
    assert "Alipay" not in r.output  # an injected `?s ?p ?o` would list unrelated entities


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_in_params_is_inert(cli, evil):
    r = cli("query", "products-of-company", "--param", f"company={evil}")
    assert r.exit_code in (0, 1) and "Traceback" not in r.output


def test_injection_through_library_bindings_is_escaped(build_dir):
    import pyoxigraph as ox

    from kg.graph import open_graph
    from tests.conftest import FACTS

    g = open_graph(FACTS, build_dir)
    evil = ox.Literal('"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o "')
    result = g.sparql("SELECT ?x WHERE { BIND(?v AS ?x) }", bindings={"v": evil})
    assert result.rows == [(evil,)]


def test_queries_lists_at_least_25(cli):
    r = cli("queries", "--format", "json")
    items = json.loads(r.output)
    assert len(items) >= 25
    names = {q["name"] for q in items}
    assert {"platforms-by-parent-company", "products-of-company", "reports-by-publisher", "figures-of-entity",
            "plans-by-issuer", "what-plans-promote", "people-roles", "events-by-date", "figure-sources",
            "documents-mentioning", "conflicting-figures", "counts-per-company"} <= names
    assert all(any("\u4e00" <= c <= "\u9fff" for c in q["aliases"]) for q in items), "Chinese aliases for every query"


def test_queries_table(cli):
    r = cli("queries")
    assert r.exit_code == 0 and "platforms-by-parent-company" in r.output


def test_show_card(cli):
    r = cli("show", "釘釘")
    assert r.exit_code == 0
    for text in ("DingTalk", "zh-Hans: 钉钉", "zh-Hant: 釘釘", "owned by", "Alibaba Group", "figures"):
        assert text in r.output, text
    assert "≠" not in r.output  # organisations and people are counted apart
    assert "≠" in cli("show", "China").output  # two documents' remote workers in 2020


def test_show_unknown_entity(cli):
    r = cli("show", "Nonexistent Thing Ltd")
    assert r.exit_code == 1 and "no entity named" in r.output


def test_search(cli):
    r = cli("search", "tencent")
    assert r.exit_code == 0 and "Tencent Meeting" in r.output and "kgr:tencent" in r.output


def test_search_nothing(cli):
    assert cli("search", "zzzzzzzz").exit_code == 1


def test_path_output(cli):
    r = cli("query", "how is Kingsoft connected to Tencent Docs")
    assert r.exit_code == 0 and "Kingsoft Office" in r.output and "Tencent Docs" in r.output and "hop" in r.output


def test_a_question_no_reading_answers_gets_the_closest_sourced_facts(cli):
    r = cli("query", "钉钉为什么被打一星")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].startswith("没有完全匹配的理解")
    assert "002_c60f5f8123234b95#p18" in r.output


def test_a_question_naming_nothing_exits_1(cli):
    r = cli("query", "Xyzzy plugh")
    assert r.exit_code == 1 and "nothing matches" in r.output and "Traceback" not in r.output


def test_a_long_answer_shows_ten_rows_unless_all(cli):
    short = cli("query", "List the companies")
    assert short.exit_code == 0 and "10 of 38 rows (--all shows every row)" in short.output
    assert len(short.output.splitlines()) <= 40
    every = cli("query", "List the companies", "--all")
    assert every.exit_code == 0 and "38 rows" in every.output


@pytest.mark.parametrize("question", ["Who issued the new business forms guideline and when?",
                                      "新业态新模式意见是谁印发的，什么时候印发的"])
def test_a_coordinated_question_answers_each_part(cli, question):
    r = cli("query", question)
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert "2020-07" in first and ("13" in first)

"""The Python API (`import kg`) and the IPython magics: DataFrames with labels and typed columns."""

from __future__ import annotations

import csv
import inspect
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pandas.api import types as ptypes

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"


@pytest.fixture
def kg(seed_build, build_dir, monkeypatch):
    """The kg package, its default graph being the session's build of the shipped facts."""
    import kg

    monkeypatch.setenv("KG_FACTS", str(FACTS))
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    return kg


@pytest.fixture(scope="session")
def shell(tmp_path_factory):
    """An in-process IPython shell with `%load_ext kg` done (history kept in memory)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    mp = pytest.MonkeyPatch()
    mp.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
    sh = InteractiveShell.instance(config=config)
    sh.run_line_magic("load_ext", "kg")
    yield sh
    mp.undo()


def by(df: pd.DataFrame, column: str) -> pd.DataFrame:
    return df.set_index(column)


# ---------------------------------------------------------------------- import and entry points


def test_import_kg_stays_light():
    code = "import kg, sys; print(sorted(m for m in ('rdflib', 'pandas', 'pyoxigraph', 'IPython') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_open_is_open_graph(kg):
    from kg.graph import KnowledgeGraph, open_graph

    assert kg.open is open_graph
    assert isinstance(kg.default_graph(), KnowledgeGraph)
    assert kg.default_graph() is kg.default_graph()  # reused while the build is unchanged


def test_api_functions_do_not_shadow_submodules(kg):
    import kg.export.formats as export_module
    import kg.network.analysis as network_module

    assert kg.network.analysis is network_module and kg.export.formats is export_module
    assert "types" in str(inspect.signature(kg.project))  # what Jupyter's `kg.project?` shows


def test_dataset_has_a_graph_per_document(kg):
    from rdflib import Dataset

    ds = kg.dataset()
    assert isinstance(ds, Dataset)
    names = {str(g.identifier) for g in ds.graphs()}
    assert {f"https://w3id.org/kg-office/source/{p.stem}" for p in (FACTS / "documents").glob("*.yaml")} <= names
    assert kg.dataset() is ds


# ---------------------------------------------------------------------- kg.query


def test_named_query_as_dataframe(kg):
    df = kg.query("platforms-by-parent-company")
    assert list(df.columns) == ["platform", "parent_company"]
    assert by(df, "platform").loc["DingTalk", "parent_company"] == "Alibaba Group"
    assert by(df, "platform").loc["Feishu", "parent_company"] == "ByteDance"
    assert all(ptypes.is_string_dtype(t) for t in df.dtypes)
    assert df.attrs["title"] == "Platforms by parent company" and "SELECT" in df.attrs["sparql"][0]


def test_phrase_and_cli_give_the_same_rows(kg, cli):
    df = kg.query("platforms by parent company")
    r = cli("query", "platforms by parent company", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.output)))[1:]
    assert rows == df.astype(str).values.tolist()


def test_numbers_are_numbers(kg):
    df = kg.query("figures of DingTalk")
    assert ptypes.is_integer_dtype(df["value"]) and ptypes.is_integer_dtype(df["paragraph"])
    assert df["value"].max() >= 100_000_000
    fractions = kg.query("figures-by-metric", params={"metric": "online office users as share of netizens"})
    assert fractions["value"].dtype == "float64" and 37.7 in set(fractions["value"])


def test_dates_are_datetimes_and_periods_stay_strings(kg):
    docs = kg.query("source-documents")
    assert ptypes.is_datetime64_any_dtype(docs["date"])
    assert ptypes.is_integer_dtype(docs["statements"]) and (docs["statements"] > 0).all()
    users = kg.query("online office users in China")  # years and year-months: ISO strings
    assert ptypes.is_string_dtype(users["time"]) and "2021-06" in set(users["time"])
    starts = kg.frames.start_dates(users["time"])
    assert ptypes.is_datetime64_any_dtype(starts) and pd.Timestamp("2021-06-01") in set(starts)


def test_column_types_from_values(kg):
    df = kg.select("""SELECT ?i ?d ?day ?yes ?text ?gap WHERE {
        VALUES (?i ?d ?day ?yes ?text ?gap) {
          (1 1.5 "2020-02-05"^^xsd:date true "a" UNDEF)
          (2 2 "2021-08-31"^^xsd:date false "b" 3) } }""")
    assert str(df["i"].dtype) == "Int64"
    assert df["d"].dtype == "float64" and df["d"].tolist() == [1.5, 2.0]
    assert ptypes.is_datetime64_any_dtype(df["day"]) and df["day"][0] == pd.Timestamp("2020-02-05")
    assert str(df["yes"].dtype) == "boolean" and df["yes"].tolist() == [True, False]
    assert ptypes.is_string_dtype(df["text"])
    assert str(df["gap"].dtype) == "Int64" and df["gap"].isna().tolist() == [True, False]


def test_start_dates():
    from kg.frames import start_dates

    out = start_dates(pd.Series(["2020", "2020-02", "2021-08-31", None]))
    assert out[:3].tolist() == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-02-01"), pd.Timestamp("2021-08-31")]
    assert pd.isna(out[3])


def test_iris_sources_and_language(kg):
    df = kg.query("who owns Feishu", sources=True, iris=True, lang="zh")
    assert "字节跳动" in set(df["owner"])
    assert set(df["owner_iri"]) == {"https://w3id.org/kg-office/resource/bytedance"}
    assert df["sources"].str.contains("002_c60f5f8123234b95#p").all()


def test_named_query_parameters_take_names_in_any_language(kg):
    df = kg.query("figures-of-entity", params={"entity": "企业微信"})
    assert not df.empty and set(df["document"]) <= {p.stem for p in (FACTS / "documents").glob("*.yaml")}


def test_cards_paths_and_booleans(kg):
    card = kg.query("WeCom")
    assert card.attrs["title"] == "WeCom"
    assert list(card.columns) == ["direction", "relation", "other", "document", "paragraphs"]
    assert ((card["relation"] == "owned by") & (card["other"] == "Tencent") & (card["direction"] == "out")).any()
    path = kg.query("how is Kingsoft connected to Tencent Docs")
    assert list(path.columns) == ["source", "predicate", "target", "forward"]
    assert str(path["forward"].dtype) == "boolean" and path["target"].iloc[-1] in ("Tencent Docs", "Kingsoft")
    assert kg.query("ASK { kgr:dingtalk kg:ownedBy kgr:alibaba }")["answer"].tolist() == [True]


def test_errors_are_kg_errors(kg):
    from kg.errors import NotFound, QueryError

    with pytest.raises(QueryError, match="syntax error"):
        kg.query("SELECT ?s WHERE { ?s kg:ownedBy }")
    with pytest.raises(NotFound) as e:
        kg.query("figures-of-entity", params={"entity": "Dingtlak Zzz"})
    assert "no entity" in str(e.value)


def test_pandas_missing_is_a_clear_error(kg, monkeypatch):
    from kg.errors import EnvironmentProblem

    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(EnvironmentProblem, match=r"pip install 'kg\[notebook\]'"):
        kg.query("platforms by parent company")


# ---------------------------------------------------------------------- kg.select


def test_sparql_bindings_by_name_number_and_list(kg):
    q = "SELECT DISTINCT ?product WHERE { ?product kg:ownedBy ?owner }"
    tencent = set(kg.select(q, owner="腾讯")["product"])
    assert {"WeCom", "Tencent Meeting"} <= tencent
    both = set(kg.select(q, owner=["Tencent", "kgr:alibaba"])["product"])
    assert tencent | {"DingTalk"} <= both
    big = kg.select("SELECT ?s ?v WHERE { ?o kg:subject ?s ; kg:value ?v . FILTER(?v >= ?least) }", least=10**8)
    assert ptypes.is_integer_dtype(big["v"]) and (big["v"] >= 10**8).all() and "DingTalk" in set(big["s"])


def test_sparql_refuses_phrases_and_unknown_names(kg):
    from kg.errors import NotFound, QueryError

    with pytest.raises(QueryError, match="kg.query"):
        kg.select("platforms by parent company")
    with pytest.raises(NotFound):
        kg.select("SELECT ?p WHERE { ?p kg:ownedBy ?o }", o='Tencent" } ?x ?y ?z {')


# ---------------------------------------------------------------------- network, centrality, export


def test_network_and_centrality(kg):
    g = kg.project(types=["Company", "Product"])
    assert g.number_of_nodes() > 10
    assert g.nodes["https://w3id.org/kg-office/resource/dingtalk"]["label"] == "DingTalk"
    top = kg.centrality(g, "pagerank", top=5)
    assert len(top) == 5 and list(top.columns) == ["label", "class", "iri", "pagerank"]
    assert top["pagerank"].dtype == "float64" and top["pagerank"].is_monotonic_decreasing
    every = kg.centrality(metric="all", top=3)
    assert {"degree", "pagerank", "betweenness", "eigenvector", "closeness"} <= set(every.columns)
    assert every.attrs["sort_by"] == "pagerank"


def test_export_bytes_and_file(kg, tmp_path):
    from kg.export.formats import serialize

    data = kg.save("nt", tmp_path / "kg.nt")
    assert (tmp_path / "kg.nt").read_bytes() == data == serialize(kg.dataset(), "nt")
    assert kg.save("graphml").startswith(b"<?xml")


# ---------------------------------------------------------------------- magics


SPARQL = """SELECT ?subject ?metric ?time ?value ?paragraph WHERE {
  ?o a kg:Observation ; kg:subject ?subject ; kg:metric ?metric ; kg:value ?value ; kg:paragraph ?paragraph .
  OPTIONAL { ?o kg:time ?time }
}"""


def test_sparql_cell_magic_stores_a_typed_dataframe(kg, shell):
    df = shell.run_cell_magic("sparql", "figures", SPARQL)
    assert isinstance(df, pd.DataFrame) and shell.user_ns["figures"] is df
    assert ptypes.is_integer_dtype(df["value"]) or df["value"].dtype == "float64"
    assert ptypes.is_integer_dtype(df["paragraph"])
    assert "DingTalk" in set(df["subject"])


def test_sparql_cell_magic_dates_and_options(kg, shell, capsys):
    q = "SELECT ?document ?date WHERE { ?document a kg:SourceDocument ; kg:publicationDate ?date }"
    df = shell.run_cell_magic("sparql", "--out docs --explain", q)
    assert ptypes.is_datetime64_any_dtype(df["date"]) and shell.user_ns["docs"] is df
    assert "kg:publicationDate" in capsys.readouterr().out
    owned = shell.run_cell_magic("sparql", "--sources -p owner=ByteDance",
                                 "SELECT ?p ?owner WHERE { ?p kg:ownedBy ?owner }")
    assert "Feishu" in set(owned["p"]) and owned["sources"].str.contains("#p").all()


def test_kg_line_magic_answers_phrases(kg, shell):
    df = shell.run_line_magic("kg", "platforms by parent company")
    assert by(df, "platform").loc["DingTalk", "parent_company"] == "Alibaba Group"
    zh = shell.run_line_magic("kg", "--lang zh --out owners 平台的母公司")
    assert any("阿里巴巴" in x for x in zh["parent_company"])
    assert shell.user_ns["owners"] is zh
    wecom = shell.run_line_magic("kg", "-p entity=WeCom figures-of-entity")
    assert ptypes.is_integer_dtype(wecom["paragraph"])


def test_magic_errors_are_one_line(kg, shell, capsys):
    assert shell.run_cell_magic("sparql", "", "SELECT ?s WHERE { ?s kg:ownedBy }") is None
    err = capsys.readouterr().err
    assert err.startswith("error: SPARQL syntax error") and len(err.strip().splitlines()) == 1
    assert shell.run_line_magic("kg", "-p entity=Zzzqqq figures-of-entity") is None
    assert "error: no entity named 'Zzzqqq'" in capsys.readouterr().err
    result = shell.run_cell("%kg --bogus platforms")
    assert not result.success and "Traceback" not in capsys.readouterr().out


def test_magic_option_parsing():
    from IPython.core.error import UsageError

    from kg.notebook.magics import parse_options

    opts, text = parse_options("--out=df -p a=1 --param b=x --sources who owns  Feishu --iris?", text_follows=True)
    assert opts["out"] == "df" and opts["params"] == {"a": "1", "b": "x"} and opts["sources"] and not opts["iris"]
    assert text == "who owns  Feishu --iris?"  # the question is kept as written
    opts, _ = parse_options("df --iris --lang zh-Hant", text_follows=False)
    assert opts["out"] == "df" and opts["iris"] and opts["lang"] == "zh-Hant"
    for bad in ("--out", "--out 1x", "-p novalue", "a b", "--nope"):
        with pytest.raises(UsageError):
            parse_options(bad, text_follows=False)


def test_readme_notebook_example_is_real(kg):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a notebook", 1)[1]
    shown = section.split('>>> users[["subject", "time", "qualifier", "value", "unit", "paragraph"]]\n', 1)[1]
    shown = shown.split("\n>>>", 1)[0]
    users = kg.query("figures-by-metric", params={"metric": "users"})
    assert users[["subject", "time", "qualifier", "value", "unit", "paragraph"]].to_string() == shown
    owned = kg.select("SELECT ?product WHERE { ?product kg:ownedBy ?owner }", owner="字节跳动")
    assert owned.to_string() in section


def test_a_question_mark_ending_a_kg_line_is_not_a_help_request(kg, shell):
    result = shell.run_cell("%kg --out answer who owns Feishu?")
    assert result.success and set(shell.user_ns["answer"]["owner"]) == {"ByteDance"}


def test_answer_gives_the_answer_set_and_the_reading(kg):
    reply = kg.answer("Which launched first, DingTalk or WeCom?")
    assert [v.rsplit("/", 1)[-1] for v in reply.values] == ["dingtalk"]
    assert reply.best.shape == "comparison" and reply.sparql
    with pytest.raises(kg.errors.QueryError):
        kg.answer(3)


def test_a_questions_frame_carries_its_answer_and_reading(kg):
    df = kg.query("钉钉的竞争对手有哪些")
    assert df.attrs["answer"] == "飞书、微信、企业微信"
    assert df.attrs["understood_as"] and set(df["answer"]) == {"Feishu", "WeChat", "WeCom"}


def test_the_kg_magic_answers_a_question(kg, shell):
    df = shell.run_line_magic("kg", "Who owns Feishu?")
    assert "ByteDance" in set(df.iloc[:, 0])

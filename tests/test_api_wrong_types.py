"""Python API calls with wrong-typed or out-of-range arguments raise kg's own errors (kg.errors.KgError, one
line) or convert sensibly; never a raw TypeError, ValueError, AttributeError or InvalidOperation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError

FACTS = Path(__file__).resolve().parent.parent / "facts"
SELECT = "SELECT ?p WHERE { ?p kg:ownedBy ?owner }"

# (id, call, expected): expected is "error" (a KgError) or "ok" (converted sensibly)
CALLS = [
    ("query_none", lambda kg: kg.query(None), "error"),
    ("query_int", lambda kg: kg.query(42), "error"),
    ("query_bytes", lambda kg: kg.query(b"platforms by parent company"), "error"),
    ("query_list", lambda kg: kg.query(["platforms by parent company"]), "error"),
    ("query_empty", lambda kg: kg.query(""), "error"),
    ("query_params_list", lambda kg: kg.query("figure-sources", params=["value"]), "error"),
    ("query_params_str", lambda kg: kg.query("figure-sources", params="value=1"), "error"),
    ("query_params_int_value", lambda kg: kg.query("figure-sources", params={"value": 381000000}), "ok"),
    ("query_params_float_value", lambda kg: kg.query("figure-sources", params={"value": 3.81e8}), "ok"),
    ("query_params_nan", lambda kg: kg.query("figure-sources", params={"value": float("nan")}), "error"),
    ("query_params_inf", lambda kg: kg.query("figure-sources", params={"value": float("inf")}), "error"),
    ("query_params_bool", lambda kg: kg.query("figure-sources", params={"value": True}), "error"),
    ("query_params_none_value", lambda kg: kg.query("figure-sources", params={"value": None}), "error"),
    ("query_params_list_value", lambda kg: kg.query("products-of-company", params={"company": ["tencent"]}), "error"),
    ("query_params_int_key", lambda kg: kg.query("figure-sources", params={1: "2"}), "error"),
    ("query_params_unknown", lambda kg: kg.query("figure-sources", params={"nope": "1"}), "error"),
    ("query_params_empty_text", lambda kg: kg.query("products-of-company", params={"company": ""}), "error"),
    ("query_params_snan", lambda kg: kg.query("figure-sources", params={"value": "sNaN"}), "error"),
    ("query_params_huge", lambda kg: kg.query("figure-sources", params={"value": "1e99999999"}), "error"),
    ("query_timeout_negative", lambda kg: kg.query(SELECT, timeout=-1), "error"),
    ("query_timeout_nan", lambda kg: kg.query(SELECT, timeout=float("nan")), "error"),
    ("query_timeout_inf", lambda kg: kg.query(SELECT, timeout=float("inf")), "error"),
    ("query_timeout_huge", lambda kg: kg.query(SELECT, timeout=1e12), "error"),
    ("query_timeout_text", lambda kg: kg.query(SELECT, timeout="soon"), "error"),
    ("query_timeout_list", lambda kg: kg.query(SELECT, timeout=[1]), "error"),
    ("query_timeout_zero", lambda kg: kg.query(SELECT, timeout=0), "ok"),
    ("query_timeout_int", lambda kg: kg.query(SELECT, timeout=30), "ok"),
    ("query_lang_unknown", lambda kg: kg.query(SELECT, lang="klingon"), "error"),
    ("query_lang_none", lambda kg: kg.query(SELECT, lang=None), "error"),
    ("query_update", lambda kg: kg.query("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }"), "error"),
    ("select_none", lambda kg: kg.select(None), "error"),
    ("select_int", lambda kg: kg.select(7), "error"),
    ("select_phrase", lambda kg: kg.select("platforms by parent company"), "error"),
    ("select_binding_none", lambda kg: kg.select(SELECT, owner=None), "error"),
    ("select_binding_dict", lambda kg: kg.select(SELECT, owner={"a": 1}), "error"),
    ("select_binding_bad_iri", lambda kg: kg.select(SELECT, owner="http://exa mple.org/x y"), "error"),
    ("select_binding_iri_with_quote", lambda kg: kg.select(SELECT, owner='http://e.org/"x'), "error"),
    ("select_binding_unknown_name", lambda kg: kg.select(SELECT, owner="no such company anywhere"), "error"),
    ("select_binding_int", lambda kg: kg.select(SELECT, owner=5), "ok"),
    ("select_binding_nan", lambda kg: kg.select(SELECT, owner=float("nan")), "error"),
    ("select_binding_set", lambda kg: kg.select(SELECT, owner={"Tencent"}), "error"),
    ("select_binding_empty_list", lambda kg: kg.select(SELECT, owner=[]), "error"),
    ("select_binding_list", lambda kg: kg.select(SELECT, owner=["Tencent", "ByteDance"]), "ok"),
    ("select_timeout_negative", lambda kg: kg.select(SELECT, timeout=-5), "error"),
    ("centrality_top_negative", lambda kg: kg.centrality(top=-1), "error"),
    ("centrality_top_text", lambda kg: kg.centrality(top="5"), "error"),
    ("centrality_top_float", lambda kg: kg.centrality(top=2.5), "error"),
    ("centrality_metric_int", lambda kg: kg.centrality(metric=3), "error"),
    ("centrality_metric_unknown", lambda kg: kg.centrality(metric="fame"), "error"),
    ("centrality_metric_none", lambda kg: kg.centrality(metric=None), "error"),
    ("centrality_graph_text", lambda kg: kg.centrality("not a graph"), "error"),
    ("project_types_text", lambda kg: kg.project(types="Company"), "ok"),
    ("project_types_int", lambda kg: kg.project(types=[1]), "error"),
    ("project_types_unknown", lambda kg: kg.project(types=["Spaceship"]), "error"),
    ("project_sources_int", lambda kg: kg.project(sources=5), "error"),
    ("save_format_none", lambda kg: kg.save(None), "error"),
    ("save_format_unknown", lambda kg: kg.save("docx"), "error"),
    ("save_format_int", lambda kg: kg.save(3), "error"),
    ("save_source_int", lambda kg: kg.save("nt", source=5), "error"),
    ("save_path_int", lambda kg: kg.save("nt", path=5), "error"),
]


@pytest.fixture
def kg(seed_build, build_dir, monkeypatch):
    import kg

    monkeypatch.setenv("KG_FACTS", str(FACTS))
    monkeypatch.setenv("KG_BUILD_DIR", str(build_dir))
    return kg


@pytest.mark.parametrize("call, expected", [c[1:] for c in CALLS], ids=[c[0] for c in CALLS])
def test_wrong_typed_api_call(kg, call, expected):
    if expected == "ok":
        call(kg)
        return
    with pytest.raises(KgError) as raised:
        call(kg)
    message = str(raised.value)
    assert message and "\n" not in message and len(message) < 400

"""Questions read the same rows from either engine: Oxigraph and rdflib give the same interpretation and
the same answer set, in the same order."""

from __future__ import annotations

import pytest

QUESTIONS = ["Which launched first, DingTalk or WeCom?", "钉钉的竞争对手有哪些", "釘釘的總裁是哪位",
             "How many online office users did China have in June 2021?", "2020年2月3日发生了哪些宕机",
             "Which documents mention Feishu?", "How is Alipay connected to Alibaba?",
             "Which company owns the most products?", "How many outages are recorded?"]


@pytest.fixture(scope="module")
def engines(build_dir):
    from kg.graph import open_graph
    from tests.conftest import FACTS

    return open_graph(FACTS, build_dir, engine="oxigraph"), open_graph(FACTS, build_dir, engine="rdflib")


def plain(values):
    return [str(getattr(v, "value", v)) for v in values]


@pytest.mark.parametrize("question", QUESTIONS)
def test_both_engines_answer_a_question_alike(engines, question):
    ox_graph, rdflib_graph = engines
    a, b = ox_graph.ask(question), rdflib_graph.ask(question)
    assert a.best is not None and a.best.shape == b.best.shape
    assert plain(a.values) == plain(b.values)

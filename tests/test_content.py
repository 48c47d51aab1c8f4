"""Named queries say what they mean: conflicts compare like with like, forecasts are market forecasts, views by
person are people's, and lists over time are in time order."""

from __future__ import annotations

import csv
import io


def rows(cli, query: str) -> list[dict]:
    result = cli("query", query, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_conflicts_compare_the_same_metric_and_unit_in_the_same_year(cli):
    found = rows(cli, "conflicting figures")
    assert found and {r["subject"] for r in found} == {"China"}
    assert {(r["metric"], r["unit"]) for r in found} == {("people working remotely", "persons")}
    assert len({r["document"] for r in found}) == 2 and len({r["value"] for r in found}) == 2
    assert {r["time"][:4] for r in found} == {"2020"}
    assert {r["qualifier"] for r in found} == {"more than", "nearly"}


def test_dingtalk_counts_organisations_and_people_apart(cli):
    found = rows(cli, "SELECT ?metric ?value ?unit ?document WHERE { ?o kg:subject kgr:dingtalk ; kg:metric ?metric ; "
                      "kg:value ?value ; kg:unit ?unit ; kg:reportedIn ?document } ORDER BY ?document ?value")
    users = {(r["value"], r["unit"]) for r in found if r["metric"] == "users"}
    organisations = {(r["value"], r["unit"]) for r in found if r["metric"] == "organisation users"}
    assert users == {("500000000", "persons")}
    assert organisations == {("10000000", "organisations"), ("19000000", "organisations")}


def test_market_forecasts_are_about_markets(cli):
    found = rows(cli, "market forecasts")
    assert found and {r["metric"] for r in found} <= {"market size", "market growth rate", "compound annual growth rate"}
    assert "Mobike" not in {r["subject"] for r in found}
    assert [r["time"] for r in found] == sorted(r["time"] for r in found)


def test_views_by_person_are_people(cli):
    people = {r["p"] for r in rows(cli, "SELECT ?p WHERE { ?p a kg:Person }")}
    claimants = {r["claimant"] for r in rows(cli, "views by person")}
    assert claimants and claimants <= people


def test_launch_dates_in_time_order(cli):
    found = rows(cli, "launch dates")
    when = [r["launched"] or r["market entry"] for r in found]
    assert all(when) and when == sorted(when)


def test_figures_of_an_entity_in_time_order(cli):
    found = rows(cli, "figures of China")
    assert len(found) > 10 and [r["time"] for r in found] == sorted(r["time"] for r in found)

"""Synthetic fact sets in kg's own format and ontology, of a chosen number of triples.

    facts/metrics.yaml                the metrics the figures use (users, organisation users)
    facts/documents/bench-source.yaml one curated document: 20 companies, 40 platforms, their owners,
                                      20 figures (YAML, checked by the loader and the shapes)
    facts/data/companies.nt           the bulk, as N-Triples data files: companies (with a location),
    facts/data/products.nt            platforms and products (owner, developer, technology, sector),
    facts/data/people.nt              people (affiliation, job title) and
    facts/data/observations.nt        figures (subject, metric, value, unit, year, source, paragraph)

Every term is one of the ontology's (kg:Company, kg:Platform, kg:ownedBy, kg:Observation, ...). One
"unit" of bulk data is 1 company, 4 products, 2 people and 3 figures: 63 triples and 7 entities, so a
1 M-triple set projects to a network of about 111 k entity nodes. The output depends only on the size.
"""

from __future__ import annotations

import random
from pathlib import Path

KG = "https://w3id.org/kg-office/ontology#"
RES = "https://w3id.org/kg-office/resource/"
OBS = "https://w3id.org/kg-office/observation/"
SRC = "https://w3id.org/kg-office/source/"
METRIC = "https://w3id.org/kg-office/metric/"
UNIT = "https://w3id.org/kg-office/unit/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"

CURATED_COMPANIES = 20
TRIPLES_PER_UNIT = 63
PLACES, TECHNOLOGIES, SECTORS = 30, 40, 25
DOCUMENT = "bench-source"

METRICS_YAML = """\
metrics:
  - id: users
    name: {en: users, zh-Hans: 用户数}
    unit: person
  - id: organization-users
    name: {en: organisation users, zh-Hans: 组织用户数}
    unit: organization
"""


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2500' -> 2500."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def _curated_yaml() -> str:
    lines = ["document:", f"  id: {DOCUMENT}", "  para: 1", "  title: {en: Synthetic benchmark source}", "", "entities:"]
    for i in range(CURATED_COMPANIES):
        lines += [f"  - id: bench-company-{i}", "    type: Company", f"    name: {{en: Bench Company {i}, zh-Hans: 基准公司{i}}}",
                  f"    para: {i + 2}"]
    for i in range(2 * CURATED_COMPANIES):
        lines += [f"  - id: bench-platform-{i}", "    type: Platform", f"    name: {{en: Bench Platform {i}}}",
                  f"    para: {i + 2}"]
    lines += ["", "statements:"]
    for i in range(2 * CURATED_COMPANIES):
        lines += [f"  - s: bench-platform-{i}", f"    para: {i + 2}", f"    ownedBy: bench-company-{i % CURATED_COMPANIES}",
                  f"    launchDate: {2010 + i % 12}"]
    lines += ["", "observations:"]
    for i in range(CURATED_COMPANIES):
        lines += [f"  - subject: bench-platform-{i}", "    metric: users", f"    value: {1000 * (i + 1)}", "    unit: person",
                  f"    time: {2015 + i % 8}", f"    para: {i + 2}"]
    return "\n".join(lines) + "\n"


def _iri(base: str, local: str) -> str:
    return f"<{base}{local}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


def _vocabulary(out) -> None:
    for kind, cls, n in (("place", "Place", PLACES), ("technology", "Technology", TECHNOLOGIES), ("sector", "Sector", SECTORS)):
        for i in range(n):
            s = _iri(RES, f"bench-{kind}-{i}")
            out.write(f"{s} {RDF_TYPE} <{KG}{cls}> .\n{s} {LABEL} {_lit(f'Bench {cls} {i}', 'en')} .\n")


def generate(folder: Path, triples: int, seed: int = 7) -> dict:
    """Write a facts folder of about `triples` triples (YAML + N-Triples); return what it holds."""
    rng = random.Random(seed)
    facts = folder / "facts"
    (facts / "documents").mkdir(parents=True, exist_ok=True)
    (facts / "data").mkdir(parents=True, exist_ok=True)
    (facts / "metrics.yaml").write_text(METRICS_YAML, encoding="utf-8")
    (facts / "documents" / f"{DOCUMENT}.yaml").write_text(_curated_yaml(), encoding="utf-8")
    units = max(1, triples // TRIPLES_PER_UNIT)
    companies = units + CURATED_COMPANIES
    files = {name: (facts / "data" / f"{name}.nt").open("w", encoding="utf-8")
             for name in ("companies", "products", "people", "observations")}
    try:
        _vocabulary(files["companies"])
        for u in range(units):
            c = CURATED_COMPANIES + u
            s = _iri(RES, f"bench-company-{c}")
            files["companies"].write(f"{s} {RDF_TYPE} <{KG}Company> .\n{s} {LABEL} {_lit(f'Bench Company {c}', 'en')} .\n"
                                     f"{s} {LABEL} {_lit(f'基准公司{c}', 'zh-Hans')} .\n"
                                     f"{s} <{KG}location> {_iri(RES, f'bench-place-{c % PLACES}')} .\n")
            for k in range(4):
                p = 4 * u + k
                owner = rng.randrange(companies)  # some products belong to the curated companies
                s = _iri(RES, f"bench-product-{p}")
                cls = "Platform" if k % 2 == 0 else "Product"
                files["products"].write(
                    f"{s} {RDF_TYPE} <{KG}{cls}> .\n{s} {LABEL} {_lit(f'Bench Product {p}', 'en')} .\n"
                    f"{s} <{KG}ownedBy> {_iri(RES, f'bench-company-{owner}')} .\n"
                    f"{s} <{KG}developer> {_iri(RES, f'bench-company-{rng.randrange(companies)}')} .\n"
                    f"{s} <{KG}usesTechnology> {_iri(RES, f'bench-technology-{p % TECHNOLOGIES}')} .\n"
                    f"{s} <{KG}servesSector> {_iri(RES, f'bench-sector-{p % SECTORS}')} .\n")
            for k in range(2):
                p = 2 * u + k
                s = _iri(RES, f"bench-person-{p}")
                files["people"].write(
                    f"{s} {RDF_TYPE} <{KG}Person> .\n{s} {LABEL} {_lit(f'Bench Person {p}', 'en')} .\n"
                    f"{s} <{KG}affiliation> {_iri(RES, f'bench-company-{rng.randrange(companies)}')} .\n"
                    f"{s} <{KG}jobTitle> {_lit('analyst', 'en')} .\n")
            for k in range(3):
                o = 3 * u + k
                s = _iri(OBS, f"bench-{o}")
                metric = "users" if k < 2 else "organization-users"
                unit = "person" if k < 2 else "organization"
                files["observations"].write(
                    f"{s} {RDF_TYPE} <{KG}Observation> .\n{s} {LABEL} {_lit(f'Bench Product {4 * u + k}: {metric}', 'en')} .\n"
                    f"{s} <{KG}subject> {_iri(RES, f'bench-product-{4 * u + k}')} .\n"
                    f"{s} <{KG}metric> {_iri(METRIC, metric)} .\n"
                    f"{s} <{KG}value> {_lit(str(rng.randrange(1, 10**8)), datatype='decimal')} .\n"
                    f"{s} <{KG}unit> {_iri(UNIT, unit)} .\n"
                    f"{s} <{KG}time> {_lit(str(2010 + o % 14), datatype='gYear')} .\n"
                    f"{s} <{KG}reportedIn> {_iri(SRC, DOCUMENT)} .\n"
                    f"{s} <{KG}paragraph> {_lit(str(1 + o % 50), datatype='positiveInteger')} .\n")
    finally:
        for f in files.values():
            f.close()
    return {"facts": facts, "units": units, "data_triples": units * TRIPLES_PER_UNIT + 2 * (PLACES + TECHNOLOGIES + SECTORS)}

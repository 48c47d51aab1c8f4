"""Deterministic RDF writers: the same graph gives the same bytes in every format.

The build writes graph.nq with these; kg.export.formats adds the network formats and per-graph selection.
"""

from __future__ import annotations

from rdflib import Dataset, Graph

from kg.namespaces import bind_prefixes


def rdf_bytes(ds: Dataset, name: str) -> bytes:
    """The dataset as trig, turtle, nt, nquads or jsonld bytes (`name` already normalised).

    Line-based formats are sorted; Turtle and TriG come from rdflib's serializers, which order subjects
    and predicates (TriG's graphs are put in IRI order here), and the only blank nodes (the ontology's
    OWL lists) get canonical names (kg.build.store.stabilize_blank_nodes), so equal graphs give equal bytes.
    """
    if name == "jsonld":
        return jsonld(ds)
    if name in ("nt", "turtle"):
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union.serialize(format="nt", encoding="utf-8") if name == "nt" else _turtle(union)
    elif name == "trig":
        data = _trig(ds)
    else:
        data = ds.serialize(format=name, encoding="utf-8")
    if name in ("nt", "nquads"):
        lines = sorted(set(line for line in data.decode("utf-8").splitlines() if line.strip()))
        data = ("\n".join(lines) + "\n").encode("utf-8")
    return data


def _exact_decimals(base):
    """A Turtle-family serializer that writes a decimal without a point ("381000000") quoted with its
    datatype: rdflib's short form 381000000.0 would be another RDF term than the N-Quads export's."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    class Serializer(base):
        def label(self, node, position):
            if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
                return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False))
            return super().label(node, position)

    return Serializer


def _turtle(g: Graph) -> bytes:
    import io

    from rdflib.plugins.serializers.turtle import TurtleSerializer

    buf = io.BytesIO()
    _exact_decimals(TurtleSerializer)(g).serialize(buf, encoding="utf-8")
    return buf.getvalue()


def _trig(ds: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib writes them in the order of a set)."""
    import io

    from rdflib.plugins.serializers.trig import TrigSerializer

    serializer = _exact_decimals(TrigSerializer)(ds)
    serializer.contexts.sort(key=lambda g: str(g.identifier))
    buf = io.BytesIO()
    serializer.serialize(buf, encoding="utf-8")
    return buf.getvalue()


def jsonld(ds: Dataset) -> bytes:
    """JSON-LD of every named graph, compacted with kg's prefixes and sorted so equal graphs give equal
    bytes: object keys in code-point order, node objects by @id, values by their JSON text (@list
    order is kept). Blank nodes (only the ontology has any) get canonical labels first."""
    import json

    from rdflib import BNode
    from rdflib.compare import to_canonical_graph

    from kg.namespaces import PREFIXES

    canon = Dataset()
    bind_prefixes(canon)
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(g) == 0:
            continue
        triples = to_canonical_graph(g) if any(isinstance(t, BNode) for tr in g for t in tr) else g
        target = canon.graph(g.identifier)
        for t in triples:
            target.add(t)
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data = json.loads(canon.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(_sorted_json(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_json(x, keep_order: bool = False):
    import json

    if isinstance(x, dict):
        return {k: _sorted_json(v, keep_order=k == "@list") for k, v in x.items()}
    if isinstance(x, list):
        items = [_sorted_json(v) for v in x]
        if keep_order:
            return items
        key = lambda v: (str(v.get("@id", "")) if isinstance(v, dict) else "",  # noqa: E731
                         json.dumps(v, sort_keys=True, ensure_ascii=False))
        return sorted(items, key=key)
    return x

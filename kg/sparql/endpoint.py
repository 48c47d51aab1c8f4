"""A SPARQL 1.1 endpoint as a query engine: the same `run()` and `Result` as kg/engine.py, over HTTP.

    >>> eng = EndpointEngine("http://127.0.0.1:7878/query")          # Oxigraph server
    >>> eng = EndpointEngine("http://host:8890/sparql-auth", Auth("dba", "secret", digest=True))  # Virtuoso

Only kg's graphs are read. Every query carries one `default-graph-uri` and one `named-graph-uri` per kg
graph (the source documents, the ontology and the metrics graph), so the default graph is their union,
as in a local build, and whatever else a store holds (Virtuoso's system graphs, other datasets) never
leaks in. By the SPARQL protocol these parameters replace any FROM / FROM NAMED in the query; Oxigraph
server and Virtuoso 7 both honour that (though Virtuoso still lets `GRAPH <iri>` read a graph the query
names itself). kg's graphs are found on the endpoint itself, so a store holding a newer or older push
than the local build still answers consistently.

Queries are sent as form-encoded POST: a direct POST of application/sparql-query hangs on Virtuoso 7.
Stores may rewrite literals (both lower-case language tags; Virtuoso writes "1.50"^^xsd:decimal as "1.5",
Oxigraph xsd:positiveInteger as xsd:integer); results carry what the store returns.

Entity names resolve with `endpoint_index()`: the label index rebuilt from the endpoint's own labels
and ontology (kg/names.py `build_index`), never the local build's index, which may describe other facts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kg.errors import EnvironmentProblem, QueryError, QueryTimeout, TooManyRows
from kg.iris import DATA
from kg.namespaces import BASE, METRICS_GRAPH, ONTOLOGY_GRAPH, PREFIXES, SRC
from kg.sparql.engine import Result
from kg.sparql.safety import ANY, check, code_only, might_reach_out

JSON_RESULTS = "application/sparql-results+json"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)


@dataclass(frozen=True)
class Auth:
    """Credentials for an endpoint: HTTP Basic (sent with every request) or Digest (answering a challenge)."""

    user: str
    password: str
    digest: bool = False

    @classmethod
    def parse(cls, text: str | None, digest: bool = False) -> Auth | None:
        """'user:password' (the password may contain ':'); None stays None."""
        if not text:
            return None
        user, colon, password = text.partition(":")
        if not colon or not user:
            raise QueryError("--auth needs USER:PASSWORD")
        return cls(user, password, digest)


class EndpointError(EnvironmentProblem):
    """An endpoint answered with an HTTP error status."""

    def __init__(self, message: str, status: int):
        self.status = status
        super().__init__(message)


class Http:
    """urllib with kg's credentials, time limit and one-line errors (EnvironmentProblem, QueryTimeout)."""

    def __init__(self, auth: Auth | tuple[str, str] | None = None, timeout: float | None = 60.0):
        if isinstance(auth, tuple):
            auth = Auth(*auth)
        self.auth, self.timeout = auth, timeout
        self.digest = _Digest(auth) if auth and auth.digest else None
        self.opener = urllib.request.build_opener(*([self.digest] if self.digest else []))

    def send(self, url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
             timeout: float | None = None):
        """(status, headers, body) of a request; errors become one-line kg errors."""
        headers = dict(headers or {})
        if self.auth and not self.auth.digest:
            token = base64.b64encode(f"{self.auth.user}:{self.auth.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        limit = timeout or self.timeout
        if self.digest and self.digest.challenge is None and data is not None:
            # learn the challenge (and check the password) without a body: Virtuoso closes the connection on
            # an unauthenticated request before reading its body, which would surface as a broken pipe
            try:
                self._open(urllib.request.Request(url.split("?", 1)[0], method="OPTIONS"), limit)
            except EndpointError as e:
                if e.status == 401:
                    raise
        return self._open(urllib.request.Request(url, data=data, headers=headers, method=method), limit)

    def _open(self, request, limit: float):
        url = request.full_url
        try:
            with self.opener.open(request, timeout=limit) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            raise self._status_error(url, e) from None
        except TimeoutError:
            raise QueryTimeout(f"{url} did not answer {_within(limit)}") from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise QueryTimeout(f"{url} did not answer {_within(limit)}") from None
            reason = getattr(e.reason, "strerror", None) or str(e.reason)
            raise EnvironmentProblem(f"cannot reach {url}: {reason}") from None
        except (OSError, ValueError) as e:  # connection reset, malformed URL
            raise EnvironmentProblem(f"cannot reach {url}: {e}") from None

    def _status_error(self, url: str, e: urllib.error.HTTPError) -> EndpointError:
        try:
            body = e.read().decode("utf-8", "replace")
        except OSError:
            body = ""
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        first = re.sub(r"<[^>]+>", " ", first).strip()[:200]  # an HTML error page
        if e.code == 401:
            if self.auth:
                return EndpointError(f"{url} refused the credentials of user '{self.auth.user}' (HTTP 401"
                                     f"{'' if self.auth.digest else '; for Digest authentication add --digest'})", 401)
            return EndpointError(f"{url} needs credentials (HTTP 401): pass --auth USER:PASSWORD", 401)
        status = f"HTTP {e.code} {e.reason}".strip()
        return EndpointError(f"{url} answered {status}" + (f": {first}" if first else ""), e.code)


def _within(limit: float | None) -> str:
    return f"within {limit:g} s" if limit else "(the connection timed out)"


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that answers the server's last challenge up front, so that a request body is
    sent once, with credentials. The same credentials serve every realm (Http talks to one store)."""

    def __init__(self, auth: Auth):
        super().__init__()
        self.auth, self.passwd = auth, self  # its own password manager: see find_user_password
        self.challenge: dict | None = None

    def http_request(self, req):
        if self.challenge and not req.has_header(self.auth_header):
            answer = self.get_authorization(req, self.challenge)
            if answer:
                req.add_unredirected_header(self.auth_header, f"Digest {answer}")
        return req

    https_request = http_request

    def retry_http_digest_auth(self, req, auth):
        _, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def find_user_password(self, realm, authuri):
        return self.auth.user, self.auth.password


class EndpointEngine:
    """Queries a SPARQL 1.1 endpoint over HTTP, restricted to kg's named graphs."""

    name = "endpoint"

    def __init__(self, url: str, auth: Auth | tuple[str, str] | None = None, timeout: float | None = 60.0,
                 graphs: list[str] | None = None):
        if not re.match(r"https?://", url):
            raise QueryError(f"not an http(s) URL: {url!r}")
        self.url = url
        self.http = Http(auth, timeout)
        self._graphs = graphs

    @property
    def graphs(self) -> list[str]:
        """kg's graphs on the endpoint (found once, on first use)."""
        if self._graphs is None:
            self._graphs = kg_graphs(self)
            if not self._graphs:
                raise EnvironmentProblem(f"{self.url} holds no kg graphs: load them with kg push --endpoint URL")
        return self._graphs

    def run(self, query: str, timeout: float | None = None, allow_network: bool = False,
            dataset: bool = True, max_rows: int | None = None) -> Result:
        """Run a query; `dataset=False` sends it without kg's graph restriction (to look at the whole store).

        Nothing is sent before the query passed kg's checks (kg.sparql.safety) as both Oxigraph and rdflib
        read it: a SERVICE clause or a FROM naming another graph would make the store itself fetch it."""
        checked = check(query, allow_network, (lambda: self.graphs) if dataset else (), ANY)
        form = checked.form
        fields = [("query", _prologue(query) + query)]
        if dataset and checked.shape.has_dataset:  # the query's own FROM / FROM NAMED, as the protocol says
            fields += ([("default-graph-uri", g) for g in checked.shape.default]
                       + [("named-graph-uri", g) for g in checked.shape.named])
        elif dataset:
            fields += [("default-graph-uri", g) for g in self.graphs] + [("named-graph-uri", g) for g in self.graphs]
        if timeout:  # Virtuoso's own limit (ms), 2 s shorter (at most half) so that its answer arrives in time
            fields.append(("timeout", str(int(max(timeout - 2, timeout / 2) * 1000))))
        accept = RDF_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else JSON_RESULTS
        try:
            _, headers, body = self.http.send(
                self.url, urllib.parse.urlencode(fields).encode(),
                {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout)
        except EndpointError as e:
            if e.status == 400:
                if not might_reach_out(query):  # (pyoxigraph would follow a SERVICE clause)
                    _check_syntax(query)  # the same message as the local engines for plain syntax errors
                raise QueryError(f"the endpoint rejected the query: {str(e).split(': ', 1)[-1]}") from None
            raise
        if headers.get("X-SQL-State") == "S1TAT":  # Virtuoso's "anytime" answer: partial rows, status 200
            raise QueryTimeout(f"the endpoint stopped the query at its time limit and sent incomplete results"
                               f" ({headers.get('X-Exec-Milliseconds', '?')} ms)")
        if form in ("CONSTRUCT", "DESCRIBE"):
            return Result("CONSTRUCT", triples=_parse_triples(body, headers.get("Content-Type", ""), self.url))
        result = _parse_json(body, self.url)
        if max_rows is not None and len(result.rows) > max_rows:
            raise TooManyRows(f"the answer has more than {max_rows:,} rows (--max-rows); add a LIMIT to the query, "
                              "or pass --max-rows none to lift the cap")
        if _DISTINCT.match(code_only(query)):
            # Virtuoso 7.2 keeps duplicate rows whose OPTIONAL columns are unbound despite DISTINCT
            result.rows = list(dict.fromkeys(result.rows))
        return result


def kg_graphs(engine: EndpointEngine) -> list[str]:
    """The IRIs of kg's graphs that hold triples on the endpoint (documents, data files, ontology, metrics), sorted."""
    found = engine.run(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}',
                       dataset=False)
    ours = {str(ONTOLOGY_GRAPH), str(METRICS_GRAPH)}
    return sorted(g.value for (g,) in found.rows
                  if g is not None and (g.value in ours or g.value.startswith((str(SRC), DATA))))


STORES = (("/query", "Oxigraph"), ("/sparql", "Virtuoso"))  # where the stores kg supports answer queries


def query_endpoint(url: str, http: Http) -> str:
    """The SPARQL query endpoint to use for `url`: `url` itself once it answered `ASK {}` as a SPARQL store
    does, or, for a server's root URL, the first of the supported stores' query paths that does.

    Raises EnvironmentProblem naming the URL to give instead when none answers SPARQL."""
    parts = urllib.parse.urlsplit(url)
    if parts.path not in ("", "/"):
        reason = _not_sparql(url, http)
        if reason:
            raise EnvironmentProblem(f"{url} is not a SPARQL query endpoint ({reason}); give the store's query URL, "
                                     "e.g. http://HOST:7878/query (Oxigraph) or http://HOST:8890/sparql (Virtuoso)")
        return url
    tried = []
    for path, store in STORES:
        candidate = urllib.parse.urlunsplit(parts._replace(path=path))
        try:
            if not _not_sparql(candidate, http):
                return candidate
        except EndpointError as e:
            if e.status == 401:
                raise
        except EnvironmentProblem:
            if not tried:
                raise  # the server itself cannot be reached
        tried.append(f"{candidate} ({store})")
    raise EnvironmentProblem(f"{url} is the root of a server and none of {', '.join(tried)} answers SPARQL "
                             "queries: give the store's query URL with --endpoint")


def _not_sparql(url: str, http: Http) -> str | None:
    """None if `url` answers `ASK {}` with SPARQL JSON results, else what it did instead."""
    try:
        _, headers, body = http.send(url, urllib.parse.urlencode({"query": "ASK {}"}).encode(),
                                     {"Accept": JSON_RESULTS, "Content-Type": "application/x-www-form-urlencoded"})
    except EndpointError as e:
        if e.status in (401, 403) or e.status >= 500:  # credentials, or a store in trouble: say so as it is
            raise
        return f"it answered ASK {{}} with HTTP {e.status}"
    try:
        if isinstance(json.loads(body).get("boolean"), bool):
            return None
    except (ValueError, AttributeError):
        pass
    media = headers.get("Content-Type", "").split(";")[0].strip() or "no content type"
    return f"it answered ASK {{}} with {len(body)} bytes of {media}, not SPARQL results"


def endpoint_index(engine: EndpointEngine):
    """The label index (kg/names.py) of what the endpoint holds, from its ontology graph and its labels."""
    from rdflib import Dataset, URIRef

    from kg.build.names import Index, build_index
    from kg.namespaces import METRIC, RES

    onto = engine.run(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    names = engine.run(f"""SELECT ?s ?p ?o WHERE {{
  VALUES ?p {{ rdf:type rdfs:label skos:altLabel }}
  ?s ?p ?o .
  FILTER(STRSTARTS(STR(?s), "{RES}") || STRSTARTS(STR(?s), "{SRC}") || STRSTARTS(STR(?s), "{METRIC}"))
}}""")
    ds = Dataset()
    for graph, rows in ((ds.graph(ONTOLOGY_GRAPH), onto.rows), (ds.graph(URIRef(BASE + "graph/names")), names.rows)):
        for row in sorted(rows, key=lambda r: " ".join(str(t) for t in r)):  # the order of the sorted N-Quads
            graph.add(tuple(_to_rdflib(t) for t in row))
    return Index(build_index(ds))


def lang_case(tag: str) -> str:
    """A language tag in its conventional case ('zh-hans' -> 'zh-Hans', 'en-gb' -> 'en-GB')."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    plain = True
    for part in parts[1:]:
        plain = plain and len(part) > 1  # after a singleton (x-, u-, ...) everything is lower case
        if plain and len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif plain and len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _prologue(query: str) -> str:
    """kg's PREFIX declarations the query does not make itself, on one line so error line numbers hold."""
    declared = set(_DECLARED.findall(query))
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items() if p not in declared)


def _check_syntax(query: str) -> None:
    """Raise kg's QueryError if pyoxigraph cannot parse the query (it is not run: the store is empty)."""
    import pyoxigraph as ox

    from kg.sparql.engine import _syntax_message

    try:
        ox.Store().query(query, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    except SyntaxError as e:
        raise QueryError(_syntax_message(e, query)) from None
    except (OSError, RuntimeError, ValueError):
        pass  # parsed; a store-specific refusal is reported as such


_DISTINCT = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*SELECT\s+DISTINCT\b", re.IGNORECASE)


def _parse_json(body: bytes, url: str) -> Result:
    try:
        data = json.loads(body)
        if "boolean" in data:
            return Result("ASK", boolean=bool(data["boolean"]))
        columns = list(data["head"]["vars"])
        rows = [tuple(_term(b[c]) if c in b else None for c in columns) for b in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as e:
        tail = body[-80:].decode("utf-8", "replace").strip()
        raise EnvironmentProblem(f"{url} sent an answer that is not SPARQL JSON results ({type(e).__name__}; "
                                 f"it ends with {tail!r})") from None
    return Result("SELECT", columns, rows)


def _term(b: dict):
    import pyoxigraph as ox

    kind, value = b["type"], b["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value if re.fullmatch(r"[A-Za-z0-9_]+", value) else hashlib.sha1(value.encode()).hexdigest()[:16])
    if kind in ("literal", "typed-literal"):  # typed-literal: the pre-2013 form Virtuoso still sends
        if "xml:lang" in b:
            return ox.Literal(value, language=b["xml:lang"])
        if "datatype" in b:
            return ox.Literal(value, datatype=ox.NamedNode(b["datatype"]))
        return ox.Literal(value)
    raise ValueError(f"unsupported term type {kind!r}")


def _parse_triples(body: bytes, content_type: str, url: str) -> list[tuple]:
    import pyoxigraph as ox

    media = content_type.split(";")[0].strip() or "application/n-triples"
    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        raise EnvironmentProblem(f"{url} sent RDF as {media}, which kg cannot read")
    try:
        return [(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]
    except SyntaxError as e:
        raise EnvironmentProblem(f"{url} sent unreadable {media}: {str(e).splitlines()[0]}") from None


def _to_rdflib(t):
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=lang_case(t.language))
    return Literal(t.value, datatype=URIRef(t.datatype.value))

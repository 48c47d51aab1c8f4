"""Named exceptions of kg, and the exit codes the CLI maps them to.

Exit codes (documented in the README):
  0  success
  1  nothing matched (no such entity, an empty answer where one was required)
  2  bad input: a fact file, the shapes, a SPARQL query or an option
  3  environment: a file that cannot be written, an endpoint that cannot be reached
  4  a query ran past a limit: its --timeout, or --max-rows rows
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem to report to a person in one line, without a traceback."""

    exit_code = 2


class FactError(KgError):
    """A fact file (or the ontology) says something kg cannot accept."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.message, self.file, self.line = message, file, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else f"{self.file}: " if self.file else ""
        return f"{where}{self.message}"


class FactErrors(KgError):
    """Several fact errors at once; str() shows them one per line."""

    def __init__(self, errors: list[FactError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class ShapeViolation(KgError):
    """The compiled graph does not conform to the SHACL shapes."""


class QueryError(KgError):
    """A SPARQL query (or a phrase compiled to one) could not be parsed or run."""


class NotFound(KgError):
    """A name, entity or named query that matches nothing."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)


class BadName(NotFound):
    """An option's value that names no class, document or metric (with suggestions): bad input, exit 2."""

    exit_code = 2


class QueryLimit(KgError):
    """A query ran past one of its limits (kg.sparql.limits)."""

    exit_code = 4


class QueryTimeout(QueryLimit):
    """A query ran longer than its time limit."""


class TooManyRows(QueryLimit):
    """A query's answer has more rows than its row cap."""


class DraftError(KgError):
    """A draft (drafts/<stem>.yaml) or an option of the builder that kg cannot use."""


class EnvironmentProblem(KgError):
    """Something outside kg failed: a file system, an endpoint, a missing tool."""

    exit_code = 3

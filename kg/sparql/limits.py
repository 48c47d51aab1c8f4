"""The limits a query runs within, and the checking of the values a person or a program gives for them.

From the command line a local query stops after DEFAULT_TIMEOUT seconds and DEFAULT_MAX_ROWS rows
(exit 4, saying which limit and how to lift it); `--timeout none` / `--max-rows none` (or 0, or the
variables KG_TIMEOUT / KG_MAX_ROWS) lift them. In the Python API no limit applies unless one is given.
"""

from __future__ import annotations

import math

from kg.errors import QueryError

DEFAULT_TIMEOUT = 60.0  # seconds, for a local query from the command line
DEFAULT_MAX_ROWS = 100_000  # rows (or triples) of one answer, from the command line
MAX_TIMEOUT = 7 * 24 * 3600.0  # a week: anything longer is surely a typo (and overflows socket timeouts)
UNLIMITED = ("none", "0", "off", "unlimited")


def timeout(value, option: str = "--timeout") -> float | None:
    """Seconds as a float, or None for no limit (None, 0, 'none', 'off', 'unlimited').

    Refuses (QueryError, exit 2) negative numbers, NaN, infinity, booleans, other types, and more than a
    week."""
    number = _number(value, option)
    if number is None:
        return None
    if not 0 < number <= MAX_TIMEOUT:
        raise QueryError(f"{option} must be a number of seconds between 0.001 and {MAX_TIMEOUT:g} "
                         f"(or none for no limit), got {value!r}")
    return max(number, 0.001)


def max_rows(value, option: str = "--max-rows") -> int | None:
    """A positive row count, or None for no cap (None, 0, 'none', 'off', 'unlimited')."""
    number = _number(value, option)
    if number is None:
        return None
    if number != int(number) or number < 1:
        raise QueryError(f"{option} must be a whole number of rows (or none for no cap), got {value!r}")
    return int(number)


def timeout_text(seconds: float) -> str:
    return f"{seconds:g} s"


def _number(value, option: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in UNLIMITED:
            return None
        try:
            value = float(text.replace("_", ""))
        except ValueError:
            raise QueryError(f"{option} takes a number or none, got {value!r}") from None
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise QueryError(f"{option} takes a number or None, got {type(value).__name__} {value!r}")
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise QueryError(f"{option} must be a finite number of at least 0 (0 or none: no limit), got {value!r}")
    return None if value == 0 else float(value)

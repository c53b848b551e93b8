"""Run a canned query on either store: check and coerce parameters, resolve entity names, fetch rows.

Entity parameters accept a name or an alias (compared after normalisation, so 甲乙铜业（山东） and
甲乙铜业(山东) are the same) and may carry a label prefix (``Company:…``) where the type allows
several labels. An unknown name raises ``UnknownEntityError`` with the closest names.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from econgraph.graph.model import normalise_name
from econgraph.queries.backends import Backend, backend_for
from econgraph.queries.catalog import get_query
from econgraph.queries.spec import CannedQuery, MostMentioned, Param

from econgraph.errors import QueryError, UnknownEntityError

TRUE = {"true", "1", "yes", "y", "on"}
FALSE = {"false", "0", "no", "n", "off"}


@dataclass
class QueryResult:
    query: CannedQuery
    params: dict[str, Any]  # as sent to the query: entity names resolved to uids
    shown: dict[str, Any]  # the same, with entities by name, for people
    rows: list[dict[str, Any]]
    store: str
    seconds: float = 0.0
    columns: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.columns:
            self.columns = self.query.columns


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``key=value`` strings (the CLI's ``-p``) into a dict; the value may contain '='."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"bad parameter {item!r}: expected key=value")
        if key in out and out[key] != value:
            raise QueryError(f"parameter {key} given twice ({out[key]!r} and {value!r}): give it once")
        out[key] = value
    return out


def _coerce(param: Param, value: Any) -> Any:
    if value is None:
        return None
    where = f"parameter {param.name}"
    if param.type == "int":
        if isinstance(value, bool):
            raise QueryError(f"{where}: expected an integer, got {value!r}")
        try:
            number = int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise QueryError(f"{where}: expected an integer, got {value!r}") from None
        if param.minimum is not None and number < param.minimum:
            raise QueryError(f"{where}: must be at least {param.minimum}, got {number}")
        if param.maximum is not None and number > param.maximum:
            raise QueryError(f"{where}: must be at most {param.maximum}, got {number}")
        return number
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise QueryError(f"{where}: expected true or false, got {value!r}")
    if param.type == "choice":
        text = str(value).strip()
        for choice in param.choices:
            if text.lower() == choice.lower():
                return choice
        raise QueryError(f"{where}: expected one of {', '.join(param.choices)}, got {value!r}")
    return str(value)


def suggest(backend: Backend, labels: tuple[str, ...], text: str, n: int = 5) -> list[str]:
    """Names close to ``text``: containing it, contained in it, or similar (difflib)."""
    norm = normalise_name(text)
    by_form: dict[str, str] = {}
    for label in labels:
        for entry in backend.entries(label):
            if entry.name is None:
                continue
            for form in (entry.name, *entry.aliases):
                by_form.setdefault(normalise_name(form), entry.name)
    picked: list[str] = []
    if norm:
        for form in sorted(by_form, key=lambda f: (len(f), f)):
            if norm in form or (len(form) >= 2 and form in norm):
                picked.append(by_form[form])
    for form in difflib.get_close_matches(norm, list(by_form), n=n * 2, cutoff=0.5):
        picked.append(by_form[form])
    return list(dict.fromkeys(picked))[:n]


def resolve_entity(backend: Backend, param: Param, text: str) -> tuple[str, str, str | None]:
    """(label, uid, name) of the entity ``text`` names, trying labels in the parameter's order."""
    labels = param.labels
    raw = text.strip()
    prefix, sep, rest = raw.partition(":")
    if sep and prefix in labels and rest:
        labels, raw = (prefix,), rest.strip()
    norm = normalise_name(raw)
    if not norm:
        raise QueryError(f"missing value for parameter {param.name}")
    for label in labels:
        entry = backend.lookup(label, norm)
        if entry is not None:
            return label, norm, entry.name
    for label in labels:
        found = {(e.label, e.uid): e for e in backend.named(label, raw)}
        if len(found) == 1:
            entry = next(iter(found.values()))
            return entry.label, entry.uid, entry.name
        if len(found) > 1:
            names = ", ".join(sorted(str(e.name) for e in found.values()))
            raise QueryError(f"{raw!r} is ambiguous for parameter {param.name}: it names {names}",
                             "give the full name")
    raise UnknownEntityError(raw, suggest(backend, labels, raw))


def prepare(backend: Backend, query: CannedQuery, raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Resolved parameters for the query (sent to both stores) and their human-readable form."""
    names = {p.name for p in query.params}
    for key in raw:
        if key not in names:
            listed = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"query {query.name} has no parameter {key!r}", f"its parameters: {listed}")
    params: dict[str, Any] = {}
    shown: dict[str, Any] = {}
    for p in query.params:
        value = raw.get(p.name, p.default)
        if isinstance(value, str) and not value.strip() and p.name in raw:
            if p.default is not None:
                raise QueryError(f"missing value for parameter {p.name}", f"give -p {p.name}=VALUE")
            value = None
        if not p.is_entity:
            params[p.name] = shown[p.name] = _coerce(p, value)
            continue
        label = p.labels[0] if len(p.labels) == 1 else None
        if value is None:
            params[p.name], name = None, None
        elif isinstance(value, MostMentioned):
            labels = p.labels if label is None else (label,)
            uid = None
            for candidate in labels:
                uid = backend.most_mentioned(candidate)
                if uid is not None:
                    label = candidate
                    break
            if uid is None:
                raise QueryError(f"missing parameter {p.name}: the graph has no {p.type} to default to",
                                 f"give -p {p.name}=NAME")
            params[p.name] = uid
            entry = backend.lookup(label, uid) if label else None
            name = entry.name if entry is not None else uid
        else:
            label, params[p.name], name = resolve_entity(backend, p, str(value))
        if p.type == "entity":
            params[f"{p.name}_label"] = label
        shown[p.name] = name
    if query.validate is not None:
        query.validate(params)
    return params, shown


def run_query(store: Any, name: str, raw: Mapping[str, Any] | None = None) -> QueryResult:
    """Run the canned query ``name`` on a store (embedded or Neo4j) with ``raw`` parameters."""
    query = get_query(name)
    backend = backend_for(store)
    params, shown = prepare(backend, query, raw or {})
    began = time.perf_counter()
    rows = backend.rows(query, params)
    return QueryResult(query, params, shown, rows, backend.kind, time.perf_counter() - began)

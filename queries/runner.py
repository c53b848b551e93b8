"""Run a canned query on either store: check and coerce parameters, resolve entity names, fetch rows.

Entity parameters accept a name or an alias (compared after normalisation, so 甲乙铜业（山东） and
甲乙铜业(山东) are the same) and may carry a label prefix (``Company:…``) where the type allows
several labels. An unknown name raises ``UnknownEntityError`` with the closest names.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
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


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _number(param: Param, value: Any, kind: type) -> Any:
    """An int or float parameter, within its bounds."""
    where = f"parameter {param.name}"
    noun = "an integer" if kind is int else "a number"
    if isinstance(value, bool):
        raise QueryError(f"{where}: expected {noun}, got {value!r}")
    try:
        number: Any = value if isinstance(value, kind) else kind(str(value).strip())
    except ValueError:
        raise QueryError(f"{where}: expected {noun}, got {value!r}") from None
    if number != number:  # NaN
        raise QueryError(f"{where}: expected {noun}, got {value!r}")
    if param.minimum is not None and number < param.minimum:
        raise QueryError(f"{where}: must be at least {_shown(param.minimum)}, got {_shown(number)}")
    if param.maximum is not None and number > param.maximum:
        raise QueryError(f"{where}: must be at most {_shown(param.maximum)}, got {_shown(number)}")
    return number


def _coerce(param: Param, value: Any) -> Any:
    if value is None:
        return None
    where = f"parameter {param.name}"
    if param.type in ("int", "float"):
        return _number(param, value, int if param.type == "int" else float)
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


# Words many names share: left out when names are compared for suggestions, so that 山东华夏有限公司 is
# not "close" to every 山东…有限公司.
GENERIC_PREFIXES = ("山东省", "山东", "聊城市", "聊城")
GENERIC_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "股份")


def distinctive(form: str) -> str:
    """A normalised name without the generic prefixes and suffixes (itself when nothing else is left)."""
    core = form
    for prefix in GENERIC_PREFIXES:
        if core.startswith(prefix) and len(core) > len(prefix):
            core = core[len(prefix):]
            break
    changed = True
    while changed:
        changed = False
        for suffix in GENERIC_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix):
                core, changed = core[: -len(suffix)], True
    return core


@lru_cache(maxsize=65536)
def sound(ch: str) -> str:
    """A character's pinyin without tone (the character itself when it has none)."""
    from pypinyin import lazy_pinyin

    return (lazy_pinyin(ch, errors="default") or [ch])[0]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where a character swapped for a homophone (中立 for 中力, 临青 for 临清: what
    a pinyin input method types by mistake) costs nothing."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            swap = 0 if ca == cb or sound(ca) == sound(cb) else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap))
        previous = current
    return previous[-1]


def closeness(text: str, form: str) -> tuple[int, int] | None:
    """How close a name (or alias) ``form`` is to the unknown ``text``, both normalised: None when not close.

    Close means: the distinctive part of the text is inside the name (中力汽车 → 山东中力汽车零部件…), the
    distinctive part of the name begins the text's (临清 ← 临清市烟店镇) or, from three characters on, is
    inside it (not 汽车 ← 中力汽车), or the two distinctive parts
    differ by at most one edit per three characters (homophones free) and share a character (临清县 ~
    临清市, 中立 ~ 中力; not 华夏 ~ 华创).
    The smaller the pair, the closer.
    """
    core, form_core = distinctive(text), distinctive(form)
    if core and core in form:
        return (0, len(form))
    if len(form_core) >= 2 and (core.startswith(form_core) or (len(form_core) >= 3 and form_core in core)):
        return (0, len(form))
    distance = edit_distance(core, form_core)
    if distance <= len(core) // 3 and set(core) & set(form_core):
        return (distance, len(form))
    return None


def suggest(backend: Backend, labels: tuple[str, ...], text: str, n: int = 5) -> list[str]:
    """Names close to ``text`` (see ``closeness``), closest first; none when nothing is close."""
    norm = normalise_name(text)
    if not norm:
        return []
    scored: dict[str, tuple[int, int, str]] = {}
    for label in labels:
        for entry in backend.entries(label):
            if entry.name is None:
                continue
            for form in (entry.name, *entry.aliases):
                score = closeness(norm, normalise_name(form))
                if score is not None:
                    rank = (*score, entry.name)
                    if entry.name not in scored or rank < scored[entry.name]:
                        scored[entry.name] = rank
    return sorted(scored, key=lambda name: scored[name])[:n]


def _refuse_generic_alias(backend: Backend, param: Param, raw: str, norm: str, entry: Any) -> None:
    """An alias that ends the entity's name also ending other names of the label is a kind word, not a
    name (开发区 is an alias of 经济技术开发区, and 高新技术产业开发区 is a 开发区 too): refuse to pick one."""
    if entry.name is None or not normalise_name(entry.name).endswith(norm):
        return
    others = sorted({str(e.name) for e in backend.ending_with(entry.label, norm)
                     if e.uid != entry.uid and e.name is not None and normalise_name(e.name) != norm})
    if others:
        names = ", ".join([str(entry.name), *others])
        raise QueryError(f"{raw!r} is ambiguous for parameter {param.name}: it could be {names}",
                         "give the full name")


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
            _refuse_generic_alias(backend, param, raw, norm, entry)
            return entry.label, entry.uid, entry.name
        if len(found) > 1:
            names = ", ".join(sorted(str(e.name) for e in found.values()))
            raise QueryError(f"{raw!r} is ambiguous for parameter {param.name}: it names {names}",
                             "give the full name")
    raise UnknownEntityError(raw, suggest(backend, labels, raw))


def town_list() -> dict[str, str]:
    """Town or street -> its county's name, from the region pack's town list (empty when there is none)."""
    from econgraph.loaders.region import load_region

    return dict(load_region().towns)


TOWN_SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡")


def _town_stem(name: str) -> str:
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def resolve_town(param: Param, value: Any) -> tuple[str | None, str | None]:
    """(town, uid of its county) for a town parameter; an unknown town is an error naming close ones."""
    from econgraph.graph.model import entity_uid

    if value is None:
        return None, None
    text = normalise_name(str(value))
    if not text:
        raise QueryError(f"missing value for parameter {param.name}", f"give -p {param.name}=TOWN")
    towns = town_list()
    if not towns:
        raise QueryError("the region has no town list (towns.tsv)", "query companies by county instead")
    if text in towns:
        return text, entity_uid(towns[text])
    # 烟店 for 烟店镇: a name without its 镇/乡/街道 suffix, when only one town carries it
    stems = [t for t in towns if t.startswith(text) and t[len(text):] in ("镇", "乡", "街道", "办事处")]
    if len(stems) == 1:
        return stems[0], entity_uid(towns[stems[0]])
    stem = _town_stem(text)
    scored = sorted((score, t) for t in towns if (score := closeness(stem, _town_stem(t))) is not None)
    close = [t for _, t in scored][:5]
    raise QueryError(f"no town named {text!r} in the town list",
                     ("did you mean: " + ", ".join(close)) if close else "towns are listed in towns.tsv")


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
        if p.type == "town":
            params[p.name], params[f"{p.name}_county"] = resolve_town(p, value)
            shown[p.name] = params[p.name]
            continue
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

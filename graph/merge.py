"""The node property merge rule and value clean-up, shared by both stores.

Both stores fold incoming nodes through the same Python function, in the same order, so that
they hold identical properties (Neo4j's string ordering differs from Python's, so the rule is
never computed in Cypher).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from econgraph.graph.model import ArticleFacts

from econgraph.errors import StoreError


def clean_props(props: dict[str, Any], where: str = "") -> dict[str, Any]:
    """Values as both stores can hold them: no None, lists instead of tuples, no nested maps."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
            if any(isinstance(v, (dict, list, tuple)) for v in items):
                raise StoreError(f"property {key!r} of {where or 'an element'} nests collections")
            out[key] = [v for v in items if v is not None]
        elif isinstance(value, dict):
            raise StoreError(f"property {key!r} of {where or 'an element'} is a map; stores hold flat values")
        else:
            out[key] = value
    return out


def merge_node_props(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Apply the contract's merge rule: longer name, sorted alias union without the name, newest wins."""
    if old is None:
        merged = dict(new)
        if "aliases" in merged:
            merged["aliases"] = _aliases(merged["aliases"], (), merged.get("name"))
        return merged
    merged = {**old, **new}
    name = _pick_name(old.get("name"), new.get("name"))
    if name is not None:
        merged["name"] = name
    if "aliases" in old or "aliases" in new:
        merged["aliases"] = _aliases(old.get("aliases") or (), new.get("aliases") or (), name)
    return merged


def _pick_name(a: Any, b: Any) -> Any:
    if not a:
        return b if b is not None else a
    if not b:
        return a
    sa, sb = str(a), str(b)
    if len(sa) != len(sb):
        return sa if len(sa) > len(sb) else sb
    return min(sa, sb)


def _aliases(a: Iterable[Any], b: Iterable[Any], name: Any) -> list[str]:
    return sorted({str(x) for x in (*a, *b) if x} - {name})


def last_per_article(facts: Iterable[ArticleFacts]) -> list[ArticleFacts]:
    """One facts object per article (the last given), in first-seen order: a load replaces, never adds twice."""
    by_uid: dict[str, ArticleFacts] = {}
    for item in facts:
        by_uid[item.article.uid] = item
    return list(by_uid.values())

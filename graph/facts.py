"""One relationship per fact: identity, evidence and aggregates, shared by both stores.

A *fact* is a relationship identified by ``(type, start, end)``. Articles state facts; each article's
statement of a fact is one piece of *evidence* ``{article, sentence, start, end, rule, confidence}``
(at most one per fact and article: the last given wins, as a relationship of the model did before).
A fact carries aggregates a reader needs at a glance, computed here from its evidence by both stores
(Python, so the stores cannot disagree on string order or rounding):

- ``articles``: how many articles state it;
- ``first_date`` / ``last_date``: the smallest and largest non-empty article date (ISO strings, which may
  be partial: ``2025-04``, ``--04-15``), left out when no article is dated;
- ``confidence``: the highest confidence of its evidence;
- ``rules``: the rules that produced it, sorted;
- ``evidence``: the list of evidence, sorted by article, offset, sentence, rule;
- any extra property the extractor attached (``count`` and ``first_offset`` of a MENTIONS, ``level`` and
  ``year`` of a designation): the value of the newest dated evidence (by date, then article uid) that has it.

Facts of the region data (``REGION_TYPES``: the industry taxonomy and place hierarchy, ``PART_OF``) are
not per article: whatever article brings them, they are written once, without evidence, with
``region: true``, ``articles: 0``, their rules and confidence, and stay when articles go.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from econgraph.graph.model import KEY_SEP

REGION_TYPES: frozenset[str] = frozenset({"PART_OF"})
EVIDENCE_FIELDS: tuple[str, ...] = ("article", "sentence", "start", "end", "rule", "confidence")
AGGREGATES: tuple[str, ...] = ("articles", "first_date", "last_date", "confidence", "rules", "region")


def fact_key(rtype: str, start_key: str, end_key: str) -> str:
    """What a fact's uid is a hash of: type and both ``Label:uid`` keys joined by ``KEY_SEP``."""
    return KEY_SEP.join((rtype, start_key, end_key))


def fact_uid(rtype: str, start_key: str, end_key: str) -> str:
    return hashlib.sha1(fact_key(rtype, start_key, end_key).encode("utf-8")).hexdigest()[:20]


def split_fact_key(key: str) -> tuple[str, str, str, str, str]:
    """(type, start label, start uid, end label, end uid) of a ``fact_key``."""
    rtype, start, end = key.split(KEY_SEP)
    sl, _, su = start.partition(":")
    el, _, eu = end.partition(":")
    return rtype, sl, su, el, eu


@dataclass
class EvidenceRow:
    """One article's statement of a fact, with what the aggregates need (the article's date, extras)."""

    article: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    date: str = ""
    extras: dict[str, Any] = field(default_factory=dict)
    # the sentence is its article's stored ``text[start:end]``: the Neo4j store need not keep it (``to_lists``)
    implied: bool = field(default=False, compare=False)

    def public(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end,
                "rule": self.rule, "confidence": self.confidence}

    def order(self) -> tuple[Any, ...]:
        return (self.article, self.start, self.end, self.sentence, self.rule, self.confidence)


def aggregate(evidence: Iterable[EvidenceRow]) -> dict[str, Any]:
    """The fact's properties but ``evidence`` and ``uid``: aggregates and extras (see the module doc)."""
    rows = list(evidence)
    props: dict[str, Any] = {"articles": len({e.article for e in rows})}
    dates = [e.date for e in rows if e.date]
    if dates:
        props["first_date"], props["last_date"] = min(dates), max(dates)
    if rows:
        props["confidence"] = max(e.confidence for e in rows)
        props["rules"] = sorted({e.rule for e in rows})
    extras: dict[str, Any] = {}
    for e in sorted(rows, key=lambda e: (e.date or "", e.article)):
        extras.update({k: v for k, v in e.extras.items() if v is not None})
    for key, value in extras.items():
        props.setdefault(key, value)
    return props


def region_props(rules: Iterable[str], confidence: float) -> dict[str, Any]:
    return {"articles": 0, "confidence": confidence, "region": True, "rules": sorted(set(rules))}


def public_evidence(evidence: Iterable[EvidenceRow]) -> list[dict[str, Any]]:
    return [e.public() for e in sorted(evidence, key=EvidenceRow.order)]


def fact_properties(uid: str, props: Mapping[str, Any], evidence: Iterable[EvidenceRow]) -> dict[str, Any]:
    """A fact's properties as both stores read them out (``StoredRelationship.properties``)."""
    return {**props, "uid": uid, "evidence": public_evidence(evidence)}


# -- Neo4j keeps evidence as parallel lists (a property cannot hold maps) ---------------------------

EV_LISTS: tuple[str, ...] = ("ev_article", "ev_sentence", "ev_start", "ev_end", "ev_rule", "ev_confidence",
                             "ev_date", "ev_extras")


def to_lists(evidence: Iterable[EvidenceRow], props: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The evidence as parallel lists beside the fact's aggregates ``props`` (``aggregate`` of the same evidence).

    ``ev_article``, ``ev_start`` and ``ev_end`` are always written; ``ev_sentence`` only when some sentence is not
    its article's ``text[start:end]`` (``EvidenceRow.implied``: readers take it from the Article node, by code
    points as Python slices: Cypher's ``substring`` counts them the same way). ``ev_rule``, ``ev_confidence``,
    ``ev_date`` and ``ev_extras`` are left out when every piece of evidence holds the value the aggregates give
    back (``from_lists``): one rule, the highest confidence, one date, the fact's extra properties; so a fact
    stated once (most facts) carries four lists, not eight. Every list property costs the server a record on
    each write (measured: writing 45k facts with all eight lists took 2.5x the server CPU of writing them
    without lists, about linear in the number of lists)."""
    rows = sorted(evidence, key=EvidenceRow.order)
    out: dict[str, list[Any]] = {"ev_article": [e.article for e in rows]}
    if not all(e.implied for e in rows):
        out["ev_sentence"] = [e.sentence for e in rows]
    out["ev_start"], out["ev_end"] = [e.start for e in rows], [e.end for e in rows]
    rule, confidence, date, extras = _implied(props)
    if any(e.rule != rule for e in rows):
        out["ev_rule"] = [e.rule for e in rows]
    if any(e.confidence != confidence for e in rows):
        out["ev_confidence"] = [e.confidence for e in rows]
    if any(e.date != date for e in rows):
        out["ev_date"] = [e.date for e in rows]
    if any(e.extras != extras for e in rows):
        out["ev_extras"] = [dumps(e.extras) for e in rows]
    return out


def stored_props(evidence: Iterable[EvidenceRow]) -> dict[str, Any]:
    """``aggregate`` and ``to_lists`` of the same evidence in one dict: what the Neo4j store writes on a fact.

    A fact stated once (most facts, and every fact of a first load but shared ones) takes a short path with the
    same result: its aggregates are its one piece of evidence, so only the four lists ``to_lists`` always writes
    are kept (``tests/test_fact_lists.py`` checks both paths agree)."""
    rows = evidence if isinstance(evidence, list) else list(evidence)
    if len(rows) == 1:
        e = rows[0]
        extras = e.extras
        if not extras or (_CLASHING.isdisjoint(extras) and None not in extras.values()):
            props: dict[str, Any] = {"articles": 1}
            if e.date:
                props["first_date"] = props["last_date"] = e.date
            props["confidence"] = e.confidence
            props["rules"] = [e.rule]
            props.update(extras)
            props["ev_article"] = [e.article]
            if not e.implied:
                props["ev_sentence"] = [e.sentence]
            props["ev_start"], props["ev_end"] = [e.start], [e.end]
            return props
    props = aggregate(rows)
    props.update(to_lists(rows, props))
    return props


_CLASHING = frozenset((*AGGREGATES, *EV_LISTS, "uid"))  # extras named like these take the general path


def _implied(props: Mapping[str, Any]) -> tuple[Any, Any, str, dict[str, Any]]:
    """What a list ``to_lists`` left out holds for every piece of evidence, from the fact's aggregates."""
    rules: list[Any] = list(props.get("rules") or ())
    rule = rules[0] if len(rules) == 1 else None
    first, last = props.get("first_date"), props.get("last_date")
    date = (first or "") if first == last else None
    extras = {k: v for k, v in props.items() if k not in AGGREGATES and k not in EV_LISTS and k != "uid"}
    return rule, props.get("confidence"), date if date is not None else "", extras


def from_lists(props: Mapping[str, Any], sentences: list[Any] | None = None) -> list[EvidenceRow]:
    """The evidence held as parallel lists; a list ``to_lists`` left out (or an export did not write: ``ev_date``,
    ``ev_extras``) is what the aggregates imply (``_implied``). Without ``ev_sentence`` every sentence is its
    article's ``text[start:end]``: ``sentences`` as the reader took them from the Article nodes
    (``neo4j_cypher.SENTENCES``), else "" (not read); such rows are ``implied``."""
    articles = props.get("ev_article") or []
    n = len(articles)
    if n and props.get("ev_sentence") is None:
        rows = from_lists({**props, "ev_sentence": sentences or [""] * n})
        for row in rows:
            row.implied = True
        return rows
    rule, confidence, date, extras = _implied(props)
    rules = props.get("ev_rule") or [rule] * n
    confidences = props.get("ev_confidence") or [confidence] * n
    dates = props.get("ev_date") or [date] * n
    raw = props.get("ev_extras")
    cols = [articles, props.get("ev_sentence") or [None] * n, props.get("ev_start") or [None] * n,
            props.get("ev_end") or [None] * n, rules, confidences, dates]
    if raw is None:
        return [EvidenceRow(a, s, st, en, r, c, d or "", dict(extras))
                for a, s, st, en, r, c, d in zip(*cols, strict=True)]
    return [EvidenceRow(a, s, st, en, r, c, d or "", json.loads(x) if x else {})
            for a, s, st, en, r, c, d, x in zip(*cols, raw, strict=True)]


def public_lists(evidence: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """A fact's public evidence (``StoredRelationship.properties["evidence"]``) as the lists a Neo4j property
    can hold (exports to neo4j-admin CSV and to Cypher); none for a fact without evidence."""
    rows = list(evidence)
    if not rows:
        return {}
    return {f"ev_{k}": [e.get(k) for e in rows] for k in EVIDENCE_FIELDS}


def without_lists(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in EV_LISTS}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)  # built once: dumps is hot


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# -- the evidence behind an edge of the embedded graph ---------------------------------------------

def evidence_of(graph: Any, attrs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The evidence list of an edge of a graph read from a store: held by the edge, or fetched by its uid
    through the loader the embedded store puts in ``graph.graph["evidence"]`` (evidence is read lazily)."""
    held = attrs.get("evidence")
    if held is not None:
        return list(held)
    loader = getattr(graph, "graph", {}).get("evidence")
    if loader is None or attrs.get("uid") is None:
        return []
    return list(loader(attrs["uid"]))


# -- what one article states ------------------------------------------------------------------------

@dataclass
class Statement:
    """One relationship of an article's facts, as a fact and a piece of evidence."""

    key: str  # fact_key
    rtype: str
    start: tuple[str, str]  # (label, uid)
    end: tuple[str, str]
    evidence: EvidenceRow


def statements(item: Any) -> tuple[dict[str, Statement], dict[str, Statement]]:
    """An ``ArticleFacts``' relationships as (article facts, region facts), one per fact key (the last
    given wins, as for relationships of the same uid before)."""
    date = str(item.article.props.get("date") or "")
    own: dict[str, Statement] = {}
    region: dict[str, Statement] = {}
    for rel in item.relationships:
        ev = rel.evidence
        start, end = (rel.start.label, rel.start.uid), (rel.end.label, rel.end.uid)
        key = fact_key(rel.type, f"{start[0]}:{start[1]}", f"{end[0]}:{end[1]}")
        extras = ({k: v for k, v in rel.props.items() if v is not None and k not in EVIDENCE_FIELDS and k != "uid"}
                  if rel.props else {})
        row = EvidenceRow(ev.article, ev.sentence, ev.start, ev.end, ev.rule, ev.confidence, date, extras)
        (region if rel.type in REGION_TYPES else own)[key] = Statement(key, rel.type, start, end, row)
    return own, region

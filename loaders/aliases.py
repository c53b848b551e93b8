"""Across articles: link a company's short name (its 字号 alone) to the one full name it abbreviates.

A short name joins a full name only when exactly one full name claims it as a derived short
form; two different full names are never merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from econgraph.graph.model import ArticleFacts, Node, NodeRef, Relationship
from econgraph.loaders.extract import _finder


def resolve(facts: list[ArticleFacts], known: Iterable[Node] = (), region: str = "liaocheng") -> list[ArticleFacts]:
    return alias_targets([*known, *(n for f in facts for n in f.nodes)], region).apply(facts)


@dataclass
class AliasTargets:
    """Which company uid becomes which, decided once over a whole build, so that a streaming build
    can apply it chunk by chunk (``resolve`` = ``alias_targets`` over all nodes, then ``apply``)."""

    target: dict[str, str]  # short-name uid -> full-name uid
    companies: dict[str, Node]  # first node seen per company uid
    computed: dict[str, list[str]] = field(default_factory=dict)  # short forms derived here (not given)

    def apply(self, facts: list[ArticleFacts]) -> list[ArticleFacts]:
        if not self.target:
            return facts
        return [_rewrite(f, self.target, self.companies) for f in facts]


@cache
def rules_signature(region: str = "liaocheng") -> str:
    """What the short forms of a name depend on: the name rules' code and data (a cache of derived short forms
    is valid while this is the same)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1(region.encode())
    for path in sorted([here / "companies.py", *(here / "rules").glob("*.json"), *(here / "regions").rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def alias_targets(nodes: Iterable[Node], region: str = "liaocheng",
                  derived: dict[str, list[str]] | None = None) -> AliasTargets:
    """The links for these nodes (companies among them; the first node per uid counts). ``derived``: short
    forms computed earlier by name (under ``rules_signature``); the ones computed here are in ``computed``."""
    finder = _finder(region)
    companies: dict[str, Node] = {}
    for node in nodes:
        if node.label == "Company" and node.uid not in companies:
            companies[node.uid] = node
    computed: dict[str, list[str]] = {}
    target = _direct_targets(companies, finder, derived or {}, computed)
    _follow_chains(target)
    return AliasTargets(target, companies, computed)


def alias_targets_near(seen: Iterable[Node], claimants: Callable[[set[str]], list[Node] | None],
                       derived_of: Callable[[set[str]], dict[str, list[str]]],
                       region: str = "liaocheng") -> AliasTargets | None:
    """``alias_targets`` over the stored companies and this build's (``seen``), reading only the stored ones that
    can matter: those that may claim a build company's name (``claimants``), then those that may claim theirs,
    until nothing new comes. Every build company gets the target the whole archive would give it; adding a page
    to a large archive then reads tens of companies, not all of them. None when ``claimants`` cannot tell."""
    finder = _finder(region)
    seen_nodes = [n for n in seen if n.label == "Company"]
    stored: dict[str, Node] = {}
    short: dict[str, list[str]] = {}
    computed: dict[str, list[str]] = {}
    asked: set[str] = set()
    wanted = {n.name for n in seen_nodes}
    while True:
        batch = wanted - asked
        found = claimants(batch) if batch else []
        if found is None:
            return None
        asked |= batch
        for node in found:
            stored.setdefault(node.uid, node)
        companies: dict[str, Node] = {}
        for node in (*(stored[u] for u in sorted(stored)), *seen_nodes):  # the full run's order: stored by uid
            if node.uid not in companies:
                companies[node.uid] = node
        short.update(derived_of({n.name for n in companies.values()} - short.keys() - computed.keys()))
        target = _direct_targets(companies, finder, short, computed)
        wanted |= {companies[owner].name for owner in target.values()}
        if wanted <= asked:  # every owner's name was asked for: the claims behind each target are complete
            break
    _follow_chains(target)
    return AliasTargets(target, companies, computed)


def _direct_targets(companies: dict[str, Node], finder: Any, known: dict[str, list[str]],
                    computed: dict[str, list[str]]) -> dict[str, str]:
    """Short-name uid -> the one full name claiming it (before chains are followed); short forms not in
    ``known`` are derived here and added to ``computed``."""
    claims: dict[str, set[str]] = {}  # short name -> uids of the full names claiming it
    for uid, node in companies.items():
        short = known.get(node.name)
        if short is None:
            short = computed.get(node.name)
        if short is None:
            short = computed[node.name] = sorted(finder.aliases(node.name))
        for alias in {*short, *node.props.get("aliases", ())}:
            claims.setdefault(alias, set()).add(uid)
    target: dict[str, str] = {}
    for uid, node in companies.items():
        owners = claims.get(node.name, set()) - {uid}
        if len(owners) != 1:
            continue
        owner = next(iter(owners))
        if finder.parts(node.name).form and finder.parts(companies[owner].name).form and node.name not in (
                companies[owner].props.get("aliases") or ()):
            continue  # two full names
        target[uid] = owner
    return target


def _follow_chains(target: dict[str, str]) -> None:
    """Each short name to the end of its chain; members of a cycle dropped."""
    for uid in list(target):
        seen = {uid}
        nxt = target[uid]
        while nxt in target and nxt not in seen:
            seen.add(nxt)
            nxt = target[nxt]
        if nxt in seen:
            del target[uid]
        else:
            target[uid] = nxt


def _rewrite(f: ArticleFacts, target: dict[str, str], companies: dict[str, Node]) -> ArticleFacts:
    def ref(r: NodeRef) -> NodeRef:
        return NodeRef("Company", target[r.uid]) if r.label == "Company" and r.uid in target else r

    nodes: dict[NodeRef, Node] = {}
    for n in f.nodes:
        if n.label == "Company" and n.uid in target:
            owner = companies[target[n.uid]]
            aliases = {*owner.props.get("aliases", ()), *n.props.get("aliases", ()), n.name} - {owner.name}
            n = Node("Company", owner.uid, {**owner.props, "aliases": sorted(aliases)})
        prev = nodes.get(n.ref)
        if prev is not None:
            merged = sorted({*prev.props.get("aliases", ()), *n.props.get("aliases", ())} - {prev.name})
            prev.props["aliases"] = merged
            continue
        nodes[n.ref] = n
    # keyed by what a relationship's uid is a hash of (type, ends, article): the same test without hashing
    rels: dict[tuple[str, NodeRef, NodeRef, str], Relationship] = {}
    for r in f.relationships:
        new = Relationship(r.type, ref(r.start), ref(r.end), r.evidence, dict(r.props))
        if new.start == new.end:
            continue
        key = (new.type, new.start, new.end, new.evidence.article)
        old = rels.get(key)
        if old is None:
            rels[key] = new
        elif r.type == "MENTIONS":
            old.props["count"] = old.props.get("count", 0) + new.props.get("count", 0)
            old.props["first_offset"] = min(old.props.get("first_offset", 0), new.props.get("first_offset", 0))
    return ArticleFacts(f.article, list(nodes.values()), list(rels.values()))

"""Across articles: link a company's short name (its 字号 alone) to the one full name it abbreviates.

A short name joins a full name only when exactly one full name claims it as a derived short
form; two different full names are never merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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

    def apply(self, facts: list[ArticleFacts]) -> list[ArticleFacts]:
        if not self.target:
            return facts
        return [_rewrite(f, self.target, self.companies) for f in facts]


def alias_targets(nodes: Iterable[Node], region: str = "liaocheng") -> AliasTargets:
    """The links for these nodes (companies among them; the first node per uid counts)."""
    finder = _finder(region)
    companies: dict[str, Node] = {}
    for node in nodes:
        if node.label == "Company" and node.uid not in companies:
            companies[node.uid] = node
    claims: dict[str, set[str]] = {}  # short name -> uids of the full names claiming it
    for uid, node in companies.items():
        for alias in {*finder.aliases(node.name), *node.props.get("aliases", ())}:
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
    # follow chains, drop cycles
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
    return AliasTargets(target, companies)


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
    rels: dict[str, Relationship] = {}
    for r in f.relationships:
        new = Relationship(r.type, ref(r.start), ref(r.end), r.evidence, dict(r.props))
        if new.start == new.end:
            continue
        old = rels.get(new.uid)
        if old is None:
            rels[new.uid] = new
        elif r.type == "MENTIONS":
            old.props["count"] = old.props.get("count", 0) + new.props.get("count", 0)
            old.props["first_offset"] = min(old.props.get("first_offset", 0), new.props.get("first_offset", 0))
    return ArticleFacts(f.article, list(nodes.values()), list(rels.values()))

"""Random graphs for the query parity tests: ArticleFacts drawn by hypothesis.

Names come from a tiny alphabet so that names tie, prefix one another and share aliases; one
character lies outside the BMP and one in U+FF00.. (UTF-16 and code-point order disagree on them), so
that the string ordering of both stores is held to the same rule. Some relationships point at nodes no article describes, which the
stores create without a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from econgraph.graph.model import ArticleFacts, Evidence, Node, NodeRef, Relationship, entity_uid
from econgraph.graph.schema import REL_ENDPOINTS
from econgraph.loaders.article import Article
from hypothesis import strategies as st

ALPHABET = "甲乙丙丁𠀀！A"
DATES = ("2025-04-15", "2025-04-02", "2025-05", "2024-12-31", "2025", "", "--01-12", "--01", "x2025-04")
COUNTIES = (("临清市", "县级市", ["临清"]), ("东阿县", "县", ["东阿"]), ("冠县", "县", []), ("高新区", None, ["高新"]))
LEVELS = ("国家级", "省级", None)


@dataclass
class Pools:
    """The entities of one generated graph, by label, for choosing query parameters."""

    nodes: dict[str, list[Node]] = field(default_factory=dict)

    def names(self, label: str) -> list[str]:
        return [n.name for n in self.nodes.get(label, [])]

    def aliases(self, label: str) -> list[str]:
        return [a for n in self.nodes.get(label, []) for a in n.props.get("aliases", [])]


names = st.text(alphabet=ALPHABET, min_size=1, max_size=3)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[ArticleFacts], Pools]:
    pools = Pools()
    counties = draw(st.lists(st.sampled_from(COUNTIES), min_size=1, max_size=4, unique_by=lambda c: c[0]))
    pools.nodes["County"] = [
        Node("County", entity_uid(n), {"name": n, "kind": k, "city": "聊城市", "aliases": a} if k else
             {"name": n, "city": "聊城市", "aliases": a})
        for n, k, a in counties
    ]
    for label, suffix, low, high in (("Company", "公司", 2, 7), ("Industry", "业", 1, 4), ("Program", "计划", 1, 3),
                                     ("Institution", "大学", 0, 3)):
        stems = draw(st.lists(names, min_size=low, max_size=high, unique=True))
        nodes = []
        for stem in stems:
            props: dict[str, object] = {"name": stem + suffix}
            if label == "Company":
                props["aliases"] = draw(st.lists(st.sampled_from([stem, stem + "集团", "甲"]), max_size=2, unique=True))
            if label == "Program":
                level = draw(st.sampled_from(LEVELS))
                if level:
                    props["level"] = level
                props["kind"] = draw(st.sampled_from(["designation", "policy"]))
            if label == "Institution":
                props["kind"] = draw(st.sampled_from(["大学", "科研院所"]))
            nodes.append(Node(label, entity_uid(stem + suffix), props))
        pools.nodes[label] = nodes
    ghost = Node("Company", entity_uid("幽灵公司"), {})  # only ever referenced: stored without a name

    n_articles = draw(st.integers(1, 5))
    facts = []
    for i in range(n_articles):
        text = "".join(f"第{j}句。" for j in range(12))
        art = Article(uid=f"art{i}", source=f"seeds/g{i}.txt", title=draw(st.sampled_from(["标题", "标题乙", "𠀀"])),
                      text=text, date=draw(st.sampled_from(DATES)), sha256=f"s{i}").to_node()
        entities = [n for label in ("County", "Company", "Industry", "Program", "Institution")
                    for n in pools.nodes[label]]
        mentioned = draw(st.lists(st.sampled_from(entities), max_size=8, unique_by=lambda n: n.ref.key()))
        rels: list[Relationship] = []

        def ev(j: int, rule: str = "gen", art: Node = art, text: str = text) -> Evidence:
            start = 4 * j
            return Evidence(art.uid, text[start:start + 4], start, start + 4, rule, draw(st.sampled_from([0.5, 0.9])))

        for node in mentioned:
            rels.append(Relationship("MENTIONS", art.ref, node.ref, ev(draw(st.integers(0, 11))),
                                     {"count": draw(st.integers(1, 3)), "first_offset": 0}))
        n_rels = draw(st.integers(0, 10))
        for _ in range(n_rels):
            rtype = draw(st.sampled_from([t for t in REL_ENDPOINTS if t != "MENTIONS"]))
            starts, ends = REL_ENDPOINTS[rtype]
            a = draw(st.sampled_from([n for n in entities if n.label in starts] or [None]))
            b = draw(st.sampled_from([n for n in entities if n.label in ends] + ([ghost] if "Company" in ends else [])
                                     or [None]))
            if a is None or b is None or a.ref == b.ref:
                continue
            props = {"year": 2024} if rtype == "HAS_DESIGNATION" and draw(st.booleans()) else {}
            rels.append(Relationship(rtype, a.ref, b.ref, ev(draw(st.integers(0, 11)), draw(st.sampled_from(["r1", "r2"]))),
                                     props))
        # one relationship per (type, start, end, article), as the model defines it
        unique = {r.uid: r for r in rels}
        described = [n for n in entities if any(n.ref in (r.start, r.end) for r in unique.values())]
        facts.append(ArticleFacts(art, described, list(unique.values())))
    return facts, pools


def ref_names(pools: Pools, label: str) -> list[str]:
    """Names and aliases to try as parameters, plus a label-qualified form."""
    out = pools.names(label) + pools.aliases(label)
    return list(dict.fromkeys(out))


def ghost_ref() -> NodeRef:
    return NodeRef("Company", entity_uid("幽灵公司"))

"""Hand-made ArticleFacts for store, build and export tests (fixtures may name real companies)."""

from __future__ import annotations

from econgraph.graph.model import ArticleFacts, Evidence, Node, Relationship, entity_uid
from econgraph.loaders.article import Article


def article(uid: str, text: str, source: str = "seeds/test.txt", title: str = "标题", index: int = 0) -> Node:
    return Article(uid=uid, source=source, title=title, text=text, date="2025-04-15", sha256="x" + uid,
                   index=index).to_node()


def entity(label: str, name: str, **props: object) -> Node:
    return Node(label, entity_uid(name), {"name": name, **props})


def rel(rtype: str, a: Node, b: Node, art: Node, sentence: str, **props: object) -> Relationship:
    text = str(art.props["text"])
    start = text.find(sentence)
    assert start >= 0, sentence
    ev = Evidence(art.uid, sentence, start, start + len(sentence), "test-rule", 0.9)
    return Relationship(rtype, a.ref, b.ref, ev, dict(props))


def mentions(art: Node, node: Node, sentence: str, count: int = 1) -> Relationship:
    text = str(art.props["text"])
    return rel("MENTIONS", art, node, art, sentence, count=count, first_offset=text.find(node.name))


TEXT_A = "山东中力汽车零部件制造有限公司位于临清市。中力与山东大学合作。"
TEXT_B = "临清市推行链长制。中力获评国家级专精特新“小巨人”企业。"


def facts_a(uid: str = "art-a", text: str = TEXT_A, source: str = "seeds/a.txt") -> ArticleFacts:
    art = article(uid, text, source)
    zl = entity("Company", "山东中力汽车零部件制造有限公司", aliases=["中力", "山东中力"])
    lq = entity("County", "临清市", aliases=["临清"], kind="县级市", city="聊城市")
    sd = entity("Institution", "山东大学", kind="大学")
    s1, s2 = "山东中力汽车零部件制造有限公司位于临清市。", "中力与山东大学合作。"
    rels = [
        mentions(art, zl, s1, count=2),
        mentions(art, lq, s1),
        mentions(art, sd, s2),
        rel("LOCATED_IN", zl, lq, art, s1),
        rel("PARTNERS_WITH", zl, sd, art, s2),
    ]
    return ArticleFacts(art, [zl, lq, sd], rels)


def facts_b(uid: str = "art-b", source: str = "seeds/b.txt") -> ArticleFacts:
    art = article(uid, TEXT_B, source)
    zl = entity("Company", "山东中力汽车零部件制造有限公司", aliases=["中力公司"], founded=2008)
    lq = entity("County", "临清市", aliases=["临清"], kind="县级市", city="聊城市")
    chain = entity("Program", "链长制", kind="policy")
    giant = entity("Program", "国家级专精特新“小巨人”", level="国家级", kind="designation")
    s1, s2 = "临清市推行链长制。", "中力获评国家级专精特新“小巨人”企业。"
    rels = [
        mentions(art, lq, s1),
        mentions(art, chain, s1),
        mentions(art, zl, s2),
        mentions(art, giant, s2),
        rel("RUNS", lq, chain, art, s1),
        rel("HAS_DESIGNATION", zl, giant, art, s2, level="国家级", year=2024),
    ]
    return ArticleFacts(art, [zl, lq, chain, giant], rels)

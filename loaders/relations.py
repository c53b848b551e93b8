"""Sentence-level relation rules and the assembly of an article's facts.

Each rule names itself in the evidence (``rule``) with a confidence; the sentence is always
``article.text[start:end]``. One relationship per (type, start, end, article): the first,
most confident piece of evidence wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from econgraph.graph.model import ArticleFacts, Evidence, Node, NodeRef, Relationship, entity_uid
from econgraph.loaders.article import Article
from econgraph.loaders.extract import Group, Mention, make_evidence
from econgraph.loaders.region import Region
from econgraph.loaders.sentences import Sentence

_CLAUSE = re.compile(r"[,;:。!?]")
_LEVEL = re.compile(r"(国家级|省级|市级|县级|国家|全国|省|市)[^,;:。!?]{0,4}$")
_YEAR = re.compile(r"(20\d\d)年")
_PARTNER_CUE = re.compile(r"与|联合|合作|共建|携手|签约|对接|产学研|参与|达成")
_INVEST_CUE = re.compile(r"投资|增资|入股|控股|收购|参股")
_SUPPLY_CUE = re.compile(r"供货商|供应商|配套商|供货|配套")
_LEVELS = {"国家": "国家级", "全国": "国家级", "省": "省级", "市": "市级"}


@dataclass
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    region: Region
    groups: list[Group]
    companies: list[Mention]
    institutions: list[Mention]
    inst_kinds: dict[str, tuple[str, str]]
    closed: list[list[Mention]]
    title: str = ""
    anaphora: list[Mention] = field(default_factory=list)  # 该公司 …: used by relation rules, not counted
    rels: dict[str, Relationship] = field(default_factory=dict)

    def add(self, rel: Relationship) -> None:
        old = self.rels.get(rel.uid)
        if old is None or rel.evidence.confidence > old.evidence.confidence:
            self.rels[rel.uid] = rel

    def evidence(self, sent: int, rule: str, confidence: float) -> Evidence:
        return make_evidence(self.article, self.sentences[sent], rule, confidence)


def build_facts(ctx: ArticleContext) -> ArticleFacts:
    region = ctx.region
    nodes: dict[NodeRef, Node] = {}
    for g in ctx.groups:
        ref = NodeRef("Company", g.uid)
        nodes[ref] = Node("Company", g.uid, {"uid": g.uid, "name": g.name, "aliases": sorted(g.aliases)})
    for uid, (name, kind) in ctx.inst_kinds.items():
        nodes[NodeRef("Institution", uid)] = Node("Institution", uid, {"uid": uid, "name": name, "kind": kind})
    closed = [m for sent in ctx.closed for m in sent if m.ref.label != "City"]
    for m in closed:
        if m.ref not in nodes:
            nodes[m.ref] = _closed_node(region, m.ref)

    all_mentions = ctx.companies + ctx.institutions + closed
    _mentions(ctx, all_mentions)
    ctx.companies = sorted(ctx.companies + ctx.anaphora, key=lambda m: (m.sent, m.start))
    home = _article_county(ctx, closed)
    _located_in(ctx, home)
    for i in range(len(ctx.sentences)):
        _sentence_rules(ctx, i, home)
    # taxonomy: the mentioned industries and their ancestors
    for m in closed:
        if m.ref.label != "Industry":
            continue
        chain = region.industry_chain(region.by_uid[("Industry", m.ref.uid)].name)
        for child, parent in zip(chain, chain[1:], strict=False):
            pref = NodeRef("Industry", entity_uid(parent))
            nodes.setdefault(pref, Node("Industry", pref.uid, {"uid": pref.uid, "name": parent}))
            ctx.add(Relationship("PART_OF", NodeRef("Industry", entity_uid(child)), pref,
                                 ctx.evidence(m.sent, "taxonomy", 1.0)))
    # a county read from a company's name (rule name_place) may be named nowhere else in the text
    for rel in ctx.rels.values():
        if rel.end not in nodes and (rel.end.label, rel.end.uid) in region.by_uid:
            nodes[rel.end] = _closed_node(region, rel.end)
    article_node = ctx.article.to_node()
    return ArticleFacts(article_node, list(nodes.values()), list(ctx.rels.values()))


def _closed_node(region: Region, ref: NodeRef) -> Node:
    """The node of a county, industry or program from the region pack."""
    if ref.label == "County":
        c = region.by_uid[("County", ref.uid)]
        props = {"uid": ref.uid, "name": c.name, "kind": c.kind, "city": c.city, "aliases": sorted(c.aliases)}
    elif ref.label == "Industry":
        props = {"uid": ref.uid, "name": region.by_uid[("Industry", ref.uid)].name}
    else:
        p = region.by_uid[("Program", ref.uid)]
        props = {"uid": ref.uid, "name": p.name, "level": p.level, "kind": p.kind}
    return Node(ref.label, ref.uid, props)


def _mentions(ctx: ArticleContext, mentions: list[Mention]) -> None:
    by_ref: dict[NodeRef, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.sent, m.start)):
        by_ref.setdefault(m.ref, []).append(m)
    article_ref = NodeRef("Article", ctx.article.uid)
    for ref, ms in by_ref.items():
        first = ms[0]
        offset = ctx.sentences[first.sent].offsets[first.start]
        conf = max(m.confidence for m in ms)
        ctx.add(Relationship("MENTIONS", article_ref, ref, ctx.evidence(first.sent, first.rule, conf),
                             {"count": len(ms), "first_offset": offset}))


def _article_county(ctx: ArticleContext, closed: list[Mention]) -> tuple[NodeRef, int] | None:
    """The county an article is about: clearly the most named (the title counts three times)."""
    counts: Counter[NodeRef] = Counter(m.ref for m in closed if m.ref.label == "County")
    for m in ctx.region.matches(ctx.title):
        if m.kind in ("County", "Town"):
            counts[NodeRef("County", entity_uid(m.canonical))] += 3
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n >= 2 and n >= 2 * second:
        first = min((m.sent for m in closed if m.ref == top), default=0)
        return top, first
    return None


def _foreign(ctx: ArticleContext, name: str) -> bool:
    """A name that starts with a place outside the region (美国…, 北京…, 深圳…)."""
    region = ctx.region
    for n in range(min(4, len(name)), 1, -1):
        head = name[:n]
        if head in region.places:
            return region.county_of(head) is None and head not in (region.name, *region.city_aliases,
                                                                   region.province, "山东")
    return False


def _located_in(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    region = ctx.region
    by_group: dict[str, list[Mention]] = {}
    for m in ctx.companies:
        by_group.setdefault(m.ref.uid, []).append(m)
    for g in ctx.groups:
        ref = NodeRef("Company", g.uid)
        ms = by_group.get(g.uid, [])
        if not ms:
            continue
        county = None
        # 1. the name itself: 临清X…, 阳谷X…
        for name in sorted({g.name, *g.members}, key=len, reverse=True):
            for m in region.matches(name[:8]):
                if m.kind in ("County", "Town") and m.start <= 4:
                    county = (entity_uid(m.canonical), ms[0].sent, "name_place", 0.9)
                    break
            if county:
                break
        # 2. the nearest county or town in a sentence that names the company
        if county is None:
            for m in ms:
                places = [c for c in ctx.closed[m.sent] if c.ref.label == "County"
                          and not (m.start <= c.start < m.end)]
                if places:
                    before = [c for c in places if c.end <= m.start]
                    best = before[-1] if before else places[0]
                    county = (best.ref.uid, m.sent, "same_sentence", 0.75)
                    break
        # 3. the last county or town named in the sentence before the first mention
        if county is None:
            first = ms[0].sent
            for j in range(first - 1, max(-1, first - 2), -1):
                spans = [(c.start, c.end) for c in ctx.companies if c.sent == j]
                places = [c for c in ctx.closed[j] if c.ref.label == "County"
                          and not any(a <= c.start < b for a, b in spans)]
                if places:
                    county = (places[-1].ref.uid, j, "context", 0.65)
                    break
        # 4. the county the article is about
        if county is None and home is not None and not _foreign(ctx, g.name):
            county = (home[0].uid, ms[0].sent, "article_county", 0.55)
        if county:
            uid, sent, rule, conf = county
            ctx.add(Relationship("LOCATED_IN", ref, NodeRef("County", uid), ctx.evidence(sent, rule, conf)))


def _enumeration_ending(text: str, before: list[Mention]) -> list[NodeRef]:
    """The last company before a designation and the ones listed with it (X、Y等“链主”企业)."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if text[m.end:out[-1].start] != "、":
            break
        out.append(m)
    return list(dict.fromkeys(m.ref for m in out))


def _listed_with(text: str, a: Mention, b: Mention) -> bool:
    """b is a sibling of a in one enumeration (X轴承、Y科技等), not its partner."""
    return set(text[a.end:b.start]) <= {"、"}


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, pos)), default=0)
    nxt = _CLAUSE.search(text, pos)
    return start, nxt.start() if nxt else len(text)


def _sentence_rules(ctx: ArticleContext, i: int, home: tuple[NodeRef, int] | None) -> None:
    text = ctx.sentences[i].clean
    comps = [m for m in ctx.companies if m.sent == i]
    insts = [m for m in ctx.institutions if m.sent == i]
    closed = ctx.closed[i]
    spans = [(m.start, m.end) for m in comps + insts]
    outside = [c for c in closed if not any(a <= c.start and c.end <= b for a, b in spans)]
    counties = [c for c in outside if c.ref.label == "County"]
    industries = [c for c in outside if c.ref.label == "Industry"]
    programs = [c for c in outside if c.ref.label == "Program"]
    programs_by_uid = ctx.region.by_uid
    company_refs = list(dict.fromkeys(m.ref for m in comps))

    # IN_INDUSTRY: industry words in the company's name, or one company with industries in its sentence
    for m in comps:
        for c in closed:
            if c.ref.label == "Industry" and m.start <= c.start and c.end <= m.end:
                ctx.add(Relationship("IN_INDUSTRY", m.ref, c.ref, ctx.evidence(i, "name_industry", 0.85)))
    if len(company_refs) == 1:
        for c in industries:
            ctx.add(Relationship("IN_INDUSTRY", company_refs[0], c.ref, ctx.evidence(i, "same_sentence", 0.6)))

    # HAS_DESIGNATION: a designation and the company before it in its clause (or the sentence's only one)
    for p in programs:
        program = programs_by_uid[("Program", p.ref.uid)]
        if program.kind != "designation":
            continue
        a, _ = _clause_of(text, p.start)
        before = [m for m in comps if a <= m.start < p.start]
        # 作为…链主企业,X集团…: the clause's subject comes after it
        as_role = text.startswith("作为", a) and len(company_refs) == 1
        holders = _enumeration_ending(text, before) if before else []
        if not holders and as_role:
            holders = [company_refs[0]]
        lvl = _LEVEL.search(text[max(0, p.start - 8):p.start])
        level = _LEVELS.get(lvl.group(1), lvl.group(1)) if lvl else program.level
        year = _YEAR.search(text)
        props = {k: v for k, v in (("level", level), ("year", int(year.group(1)) if year else None)) if v is not None}
        for company in holders:
            ctx.add(Relationship("HAS_DESIGNATION", company, p.ref, ctx.evidence(i, "designation", 0.7), dict(props)))

    if not comps:
        county_refs = list(dict.fromkeys(c.ref for c in counties))
        rule, conf = "same_sentence", 0.7
        if not county_refs and home is not None:
            county_refs, rule, conf = [home[0]], "article_county", 0.5
        for county in county_refs:
            for p in programs:
                if programs_by_uid[("Program", p.ref.uid)].kind != "designation":
                    ctx.add(Relationship("RUNS", county, p.ref, ctx.evidence(i, rule, conf)))
            if rule == "same_sentence":
                for c in industries:
                    ctx.add(Relationship("HAS_INDUSTRY", county, c.ref, ctx.evidence(i, rule, conf)))

    if not comps:
        return
    subject = comps[0]
    # PARTNERS_WITH: a cooperation cue between the subject company and institutions or companies after it
    if _PARTNER_CUE.search(text, subject.end):
        for other in insts + comps:
            if other.ref != subject.ref and other.start > subject.start and not _listed_with(text, subject, other):
                ctx.add(Relationship("PARTNERS_WITH", subject.ref, other.ref, ctx.evidence(i, "cooperation", 0.65)))
    invest = _INVEST_CUE.search(text, subject.end)
    if invest:
        for other in comps:
            if other.ref != subject.ref and other.start > invest.start():
                ctx.add(Relationship("INVESTS_IN", subject.ref, other.ref, ctx.evidence(i, "investment", 0.6)))
    supply = _SUPPLY_CUE.search(text, subject.end)
    if supply:
        for other in comps:
            if other.ref != subject.ref and subject.end <= other.start < supply.start():
                ctx.add(Relationship("SUPPLIES", subject.ref, other.ref, ctx.evidence(i, "supplier", 0.6)))

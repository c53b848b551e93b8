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
_SUPPLY_NOUN = re.compile(r"供货商|供应商|配套商|供应链")  # X成为Y等企业的供货商 / 进入Y的供应链
_SUPPLY_VERB = re.compile(r"供应|供货|配套")  # X的产品供应Y
# a company only named as the customer of another (供应X、Y等龙头企业) is not located by context
_COUNTERPART_CUE = re.compile(r"供货商|供应商|配套商|供应链|供应|供货|客户|原料|合作关系")
_SETTLE_CUE = re.compile(r"落户|扎根|建厂|落地|入驻|设立")
_SUBJECT_WORD = re.compile(r"公司|企业|产品|我们")
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
                if m.kind in ("County", "Town") and m.start <= 4 and _only_places(region, name[:m.start]):
                    county = (entity_uid(m.canonical), ms[0].sent, "name_place", 0.9)
                    break
            if county:
                break
        local = [m for m in ms if not _counterpart(ctx, m)]
        foreign = _foreign(ctx, g.name)
        if foreign:  # 北京X公司…在阳谷扎根: located by context only where the sentence says it settles
            local = [m for m in local if _SETTLE_CUE.search(ctx.sentences[m.sent].clean)]
        if county is None and not local:
            continue
        ms = local or ms
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
        if county is None and home is not None and not foreign:
            county = (home[0].uid, ms[0].sent, "article_county", 0.55)
        if county:
            uid, sent, rule, conf = county
            ctx.add(Relationship("LOCATED_IN", ref, NodeRef("County", uid), ctx.evidence(sent, rule, conf)))


def _only_places(region: Region, prefix: str) -> bool:
    """The characters before a place in a name are places too (山东|临清…), not a 字号 (山东阿华 holds no 东阿)."""
    while prefix:
        n = next((n for n in range(len(prefix), 1, -1) if prefix[:n] in region.places), 0)
        if not n:
            return False
        prefix = prefix[n:]
    return True


def _counterpart(ctx: ArticleContext, m: Mention) -> bool:
    """The mention names another company's customer or supplier (主要供应X、Y等企业; 成为X的供货商)."""
    text = ctx.sentences[m.sent].clean
    a, b = _clause_of(text, m.start)
    others = [x for x in ctx.companies if x.sent == m.sent and x.ref != m.ref and x.start < m.start]
    cue = _COUNTERPART_CUE.search(text, a, b)
    if cue is None:
        return False
    if cue.start() < m.start:
        return True  # 供应X: X comes after the cue
    # <subject>已成为X等企业的供货商; 该公司产品已进入X的供应链
    return bool(others) or bool(_SUBJECT_WORD.search(text, 0, m.start))


def _enumeration_ending(text: str, before: list[Mention]) -> list[NodeRef]:
    """The last company before a designation and the ones listed with it (X、Y等“链主”企业)."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if text[m.end:out[-1].start] != "、":
            break
        out.append(m)
    return list(dict.fromkeys(m.ref for m in out))


def _listed_with(text: str, a: Mention, b: Mention, comps: list[Mention] | None = None) -> bool:
    """b is a sibling of a in one enumeration (X轴承、Y科技、Z保持架等), not its partner."""
    between = list(text[a.end:b.start])
    for m in comps or ():
        if a.end <= m.start and m.end <= b.start:
            between[m.start - a.end:m.end - a.end] = [""] * (m.end - m.start)
    return set("".join(between)) <= {"、"}


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
    # PARTNERS_WITH: a cooperation cue after the subject company; partners up to the end of the cue's clause,
    # not its siblings in a list and not the customers named after a supply cue
    partner = _PARTNER_CUE.search(text, subject.end)
    if partner:
        _, limit = _clause_of(text, partner.start())
        supply_at = _COUNTERPART_CUE.search(text, subject.end)
        if supply_at is not None:
            limit = min(limit, supply_at.start())
        for other in insts + comps:
            if (other.ref != subject.ref and subject.start < other.start < limit
                    and not _listed_with(text, subject, other, comps)):
                ctx.add(Relationship("PARTNERS_WITH", subject.ref, other.ref, ctx.evidence(i, "cooperation", 0.65)))
    # INVESTS_IN: X投资/控股/收购Y in one clause
    invest = _INVEST_CUE.search(text, subject.end)
    if invest:
        _, limit = _clause_of(text, invest.start())
        for other in comps:
            if other.ref != subject.ref and invest.start() < other.start < limit:
                ctx.add(Relationship("INVESTS_IN", subject.ref, other.ref, ctx.evidence(i, "investment", 0.6)))
    # SUPPLIES: X…供应Y (the verb before Y) or X成为Y等企业的供货商 (the noun after Y)
    verb = _SUPPLY_VERB.search(text, subject.end)
    noun = _SUPPLY_NOUN.search(text, subject.end)
    for other in comps:
        if other.ref == subject.ref or other.start < subject.end or _listed_with(text, subject, other, comps):
            continue
        after_verb = verb is not None and verb.end() <= other.start and _clause_of(text, verb.start())[1] >= other.end
        before_noun = noun is not None and other.end <= noun.start() and _clause_of(text, other.start)[1] >= noun.end()
        if after_verb and text[verb.end():verb.end() + 1] != "商" or before_noun:
            ctx.add(Relationship("SUPPLIES", subject.ref, other.ref, ctx.evidence(i, "supplier", 0.6)))

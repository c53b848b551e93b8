"""Sentence-level relation rules and the assembly of an article's facts.

Each rule names itself in the evidence (``rule``) with a confidence; the sentence is always
``article.text[start:end]``. One relationship per (type, start, end, article): the first,
most confident piece of evidence wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from econgraph.graph.model import ArticleFacts, Evidence, Node, NodeRef, Relationship, entity_uid
from econgraph.loaders.article import Article
from econgraph.loaders.extract import Group, Mention, make_evidence
from econgraph.loaders.places import Context as PlaceContext
from econgraph.loaders.places import load_gazetteer, place_words
from econgraph.loaders.places import resolver as place_resolver
from econgraph.loaders.region import Region
from econgraph.loaders.rules import alternation, rules
from econgraph.loaders.sentences import Sentence

R = rules("relations")  # described in loaders/rules/relations.json
CONF = R["confidence"]
_CLAUSE = re.compile("[" + re.escape(R["clause_breaks"]) + "]")
_LEVEL = re.compile("(" + alternation(R["level_words"]) + ")[^" + re.escape(R["clause_breaks"]) + "]{0,"
                    + str(R["level_gap"]) + "}$")
_YEAR = re.compile(R["year_pattern"])
_PARTNER_CUE = re.compile(alternation(R["partner_cues"]))
_INVEST_CUE = re.compile(alternation(R["invest_cues"]))
_SUPPLY_NOUN = re.compile(alternation(R["supply_nouns"]))  # X成为Y等企业的供货商 / 进入Y的供应链
_SUPPLY_VERB = re.compile(alternation(R["supply_verbs"]))  # X的产品供应Y
# a company only named as the customer of another (供应X、Y等龙头企业) is not located by context
_COUNTERPART_CUE = re.compile(alternation(R["counterpart_cues"]))
_SETTLE_CUE = re.compile(alternation(R["settle_cues"]))
_SUBJECT_WORD = re.compile(alternation(R["subject_words"]))
_LEVELS = R["level_names"]


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
    place_ctx: PlaceContext | None = None  # the article's prefecture and province (stage places)
    title_places: list[NodeRef] = field(default_factory=list)  # counties the title names
    rules: tuple = ()  # the sentence rules to run (default: SENTENCE_RULES)
    rels: dict[str, Relationship] = field(default_factory=dict)

    def add(self, rel: Relationship) -> None:
        old = self.rels.get(rel.uid)
        if old is None or rel.evidence.confidence > old.evidence.confidence:
            self.rels[rel.uid] = rel

    def evidence(self, sent: int, rule: str, confidence: float) -> Evidence:
        return make_evidence(self.article, self.sentences[sent], rule, confidence)


def build_facts(ctx: ArticleContext) -> ArticleFacts:
    region = ctx.region
    if not ctx.rules:
        ctx.rules = SENTENCE_RULES
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
        view = sentence_view(ctx, i)
        for rule in ctx.rules:
            rule(ctx, view, home)
    # taxonomy: the mentioned industries and their ancestors
    for m in closed:
        if m.ref.label != "Industry":
            continue
        chain = region.industry_chain(region.by_uid[("Industry", m.ref.uid)].name)
        for child, parent in zip(chain, chain[1:], strict=False):
            pref = NodeRef("Industry", entity_uid(parent))
            nodes.setdefault(pref, Node("Industry", pref.uid, {"uid": pref.uid, "name": parent}))
            ctx.add(Relationship("PART_OF", NodeRef("Industry", entity_uid(child)), pref,
                                 ctx.evidence(m.sent, "taxonomy", CONF["PART_OF"]["taxonomy"])))
    # a county read from a company's name (rule name_place) may be named nowhere else in the text
    counties = load_gazetteer().by_uid
    for rel in ctx.rels.values():
        if rel.end not in nodes and ((rel.end.label, rel.end.uid) in region.by_uid
                                     or (rel.end.label == "County" and rel.end.uid in counties)):
            nodes[rel.end] = _closed_node(region, rel.end)
    article_node = ctx.article.to_node()
    return ArticleFacts(article_node, list(nodes.values()), list(ctx.rels.values()))


def _closed_node(region: Region, ref: NodeRef) -> Node:
    """The node of a county (national data, with a pack's additions), industry or program (region pack)."""
    if ref.label == "County":
        gaz = load_gazetteer()
        props = gaz.node_props(gaz.by_uid[ref.uid])
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
    for ref in ctx.title_places:
        counts[ref] += R["article_county_title_weight"]
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n >= R["article_county_min_count"] and n >= R["article_county_dominance"] * second:
        first = min((m.sent for m in closed if m.ref == top), default=0)
        return top, first
    return None


def _foreign(ctx: ArticleContext, name: str) -> bool:
    """A name that starts with a place outside the article's prefecture and province (美国…, 北京…,
    深圳… in a Liaocheng article); without a decided prefecture, outside the region pack."""
    region = ctx.region
    pc = ctx.place_ctx
    words = place_words()
    for n in range(min(4, len(name)), 1, -1):
        head = name[:n]
        if pc is not None and (pc.city or pc.province) and head in words:
            home = {pc.city, pc.province} - {None}
            for r in place_resolver().resolve_text(head, pc):
                if r.place is not None and _far_short(r, [], pc):
                    return False  # 新源纺织: a 字号, not a place
                where = {r.place.city, r.place.province} if r.place is not None else {r.city}
                return not (where & home)
        if head in region.places:
            return region.county_of(head) is None and head not in (region.name, *region.city_aliases,
                                                                   region.province, *R["home_region_names"])
    return False


def _located_in(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    """LOCATED_IN, per company: a place in its name, else the nearest county in a sentence naming it,
    else the county named in the sentence before, else the article's county."""
    region = ctx.region
    lconf = CONF["LOCATED_IN"]
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
            found = place_resolver().resolve_text(name[:R["name_place_prefix"]], ctx.place_ctx or PlaceContext(),
                                                  words=False)
            for k, r in enumerate(found):
                if (r.place is not None and r.start <= R["name_place_window"]
                        and _only_places(region, name[:r.start]) and _consistent(r, found[:k])
                        and not _far_short(r, found[:k], ctx.place_ctx)):
                    uid = place_resolver().gaz.uid(r.place)
                    county = (uid, ms[0].sent, "name_place", lconf["name_place"])
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
                    county = (best.ref.uid, m.sent, "same_sentence", lconf["same_sentence"])
                    break
        # 3. the last county or town named in the sentence before the first mention
        if county is None:
            first = ms[0].sent
            for j in range(first - 1, max(-1, first - 1 - R["context_lookback"]), -1):
                spans = [(c.start, c.end) for c in ctx.companies if c.sent == j]
                places = [c for c in ctx.closed[j] if c.ref.label == "County"
                          and not any(a <= c.start < b for a, b in spans)]
                if places:
                    county = (places[-1].ref.uid, j, "context", lconf["context"])
                    break
        # 4. the county the article is about
        if county is None and home is not None and not foreign:
            county = (home[0].uid, ms[0].sent, "article_county", lconf["article_county"])
        if county:
            uid, sent, rule, conf = county
            ctx.add(Relationship("LOCATED_IN", ref, NodeRef("County", uid), ctx.evidence(sent, rule, conf)))


def _consistent(r: Any, before: list[Any]) -> bool:
    """A county read from a name lies in the province and city named before it (浙江海伦… is no 海伦市,
    which is in 黑龙江: 海伦 is the 字号)."""
    for b in before:
        if b.level == "Province" and b.city != r.place.province:
            return False
        if b.level == "City" and b.city != r.place.city:
            return False
    return True


def _far_short(r: Any, before: list[Any], pc: PlaceContext | None) -> bool:
    """A county's short name opening a name, with no place before it, outside the article's province
    (新源纺织 in a Liaocheng article): more likely a 字号 than the company's county."""
    return bool(pc is not None and pc.province and not before and r.how in ("short", "weak")
                and r.place.province != pc.province)


def _only_places(region: Region, prefix: str) -> bool:
    """The characters before a place in a name are places too (山东|临清…), not a 字号 (山东阿华 holds no 东阿)."""
    while prefix:
        n = next((n for n in range(len(prefix), 1, -1)
                  if prefix[:n] in region.places or prefix[:n] in place_words()), 0)
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


@dataclass
class SentenceView:
    """What the relation rules of one sentence share: its mentions, split by kind."""

    i: int
    text: str
    comps: list[Mention]  # companies (and anaphors), in order
    insts: list[Mention]
    closed: list[Mention]  # every closed-class mention, names' insides included
    counties: list[Mention]  # closed-class mentions outside organisation names
    industries: list[Mention]
    programs: list[Mention]
    company_refs: list[NodeRef]


def sentence_view(ctx: ArticleContext, i: int) -> SentenceView:
    text = ctx.sentences[i].clean
    comps = [m for m in ctx.companies if m.sent == i]
    insts = [m for m in ctx.institutions if m.sent == i]
    closed = ctx.closed[i]
    spans = [(m.start, m.end) for m in comps + insts]
    outside = [c for c in closed if not any(a <= c.start and c.end <= b for a, b in spans)]
    return SentenceView(
        i, text, comps, insts, closed,
        counties=[c for c in outside if c.ref.label == "County"],
        industries=[c for c in outside if c.ref.label == "Industry"],
        programs=[c for c in outside if c.ref.label == "Program"],
        company_refs=list(dict.fromkeys(m.ref for m in comps)),
    )


def _is_designation(ctx: ArticleContext, p: Mention) -> bool:
    return ctx.region.by_uid[("Program", p.ref.uid)].kind == "designation"


def rule_in_industry(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """IN_INDUSTRY: industry words in the company's name, or the sentence's one company and its industries."""
    conf = CONF["IN_INDUSTRY"]
    for m in v.comps:
        for c in v.closed:
            if c.ref.label == "Industry" and m.start <= c.start and c.end <= m.end:
                ctx.add(Relationship("IN_INDUSTRY", m.ref, c.ref,
                                     ctx.evidence(v.i, "name_industry", conf["name_industry"])))
    if len(v.company_refs) == 1:
        for c in v.industries:
            ctx.add(Relationship("IN_INDUSTRY", v.company_refs[0], c.ref,
                                 ctx.evidence(v.i, "same_sentence", conf["same_sentence"])))


def rule_has_designation(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_DESIGNATION: a designation and the company before it in its clause (or the sentence's only one)."""
    text = v.text
    for p in v.programs:
        program = ctx.region.by_uid[("Program", p.ref.uid)]
        if program.kind != "designation":
            continue
        a, _ = _clause_of(text, p.start)
        before = [m for m in v.comps if a <= m.start < p.start]
        # 作为…链主企业,X集团…: the clause's subject comes after it
        as_role = text.startswith(R["role_opening"], a) and len(v.company_refs) == 1
        holders = _enumeration_ending(text, before) if before else []
        if not holders and as_role:
            holders = [v.company_refs[0]]
        lvl = _LEVEL.search(text[max(0, p.start - R["level_window"]):p.start])
        level = _LEVELS.get(lvl.group(1), lvl.group(1)) if lvl else program.level
        year = _YEAR.search(text)
        props = {k: val for k, val in (("level", level), ("year", int(year.group(1)) if year else None))
                 if val is not None}
        for company in holders:
            ctx.add(Relationship("HAS_DESIGNATION", company, p.ref,
                                 ctx.evidence(v.i, "designation", CONF["HAS_DESIGNATION"]["designation"]),
                                 dict(props)))


def _county_refs(v: SentenceView, home: tuple[NodeRef, int] | None) -> tuple[list[NodeRef], str]:
    """The counties a sentence naming no company speaks of: its own, else the article's."""
    refs = list(dict.fromkeys(c.ref for c in v.counties))
    if not refs and home is not None:
        return [home[0]], "article_county"
    return refs, "same_sentence"


def rule_runs(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """RUNS: a sentence naming no company — its counties (or the article's) run its non-designation programs."""
    if v.comps:
        return
    refs, rule = _county_refs(v, home)
    for county in refs:
        for p in v.programs:
            if not _is_designation(ctx, p):
                ctx.add(Relationship("RUNS", county, p.ref, ctx.evidence(v.i, rule, CONF["RUNS"][rule])))


def rule_has_industry(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_INDUSTRY: a sentence naming counties and industries but no company."""
    if v.comps:
        return
    refs, rule = _county_refs(v, home)
    if rule != "same_sentence":
        return
    for county in refs:
        for c in v.industries:
            ctx.add(Relationship("HAS_INDUSTRY", county, c.ref,
                                 ctx.evidence(v.i, rule, CONF["HAS_INDUSTRY"][rule])))


def rule_partners_with(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """PARTNERS_WITH: a cooperation cue after the subject company; partners up to the end of the cue's clause,
    not its siblings in a list and not the customers named after a supply cue."""
    if not v.comps:
        return
    text, subject = v.text, v.comps[0]
    partner = _PARTNER_CUE.search(text, subject.end)
    if not partner:
        return
    _, limit = _clause_of(text, partner.start())
    supply_at = _COUNTERPART_CUE.search(text, subject.end)
    if supply_at is not None:
        limit = min(limit, supply_at.start())
    for other in v.insts + v.comps:
        if (other.ref != subject.ref and subject.start < other.start < limit
                and not _listed_with(text, subject, other, v.comps)):
            ctx.add(Relationship("PARTNERS_WITH", subject.ref, other.ref,
                                 ctx.evidence(v.i, "cooperation", CONF["PARTNERS_WITH"]["cooperation"])))


def rule_invests_in(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN: X投资/控股/收购Y in one clause (X the sentence's first company)."""
    if not v.comps:
        return
    text, subject = v.text, v.comps[0]
    invest = _INVEST_CUE.search(text, subject.end)
    if not invest:
        return
    _, limit = _clause_of(text, invest.start())
    for other in v.comps:
        if other.ref != subject.ref and invest.start() < other.start < limit:
            ctx.add(Relationship("INVESTS_IN", subject.ref, other.ref,
                                 ctx.evidence(v.i, "investment", CONF["INVESTS_IN"]["investment"])))


def rule_supplies(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """SUPPLIES: X…供应Y (the verb before Y) or X成为Y等企业的供货商 (the noun after Y)."""
    if not v.comps:
        return
    text, subject = v.text, v.comps[0]
    verb = _SUPPLY_VERB.search(text, subject.end)
    noun = _SUPPLY_NOUN.search(text, subject.end)
    for other in v.comps:
        if other.ref == subject.ref or other.start < subject.end or _listed_with(text, subject, other, v.comps):
            continue
        after_verb = verb is not None and verb.end() <= other.start and _clause_of(text, verb.start())[1] >= other.end
        before_noun = noun is not None and other.end <= noun.start() and _clause_of(text, other.start)[1] >= noun.end()
        if after_verb and text[verb.end():verb.end() + 1] != R["supply_verb_not_followed_by"] or before_noun:
            ctx.add(Relationship("SUPPLIES", subject.ref, other.ref,
                                 ctx.evidence(v.i, "supplier", CONF["SUPPLIES"]["supplier"])))


# One rule function per relationship type, run in this order on every sentence (LOCATED_IN is read per
# company over the whole article: ``_located_in``). Replace or extend the tuple to change the rules.
SENTENCE_RULES = (rule_in_industry, rule_has_designation, rule_runs, rule_has_industry,
                  rule_partners_with, rule_invests_in, rule_supplies)

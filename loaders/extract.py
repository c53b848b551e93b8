"""One article in, its entities and relationships with evidence out (``Extractor.extract``).

Extraction is a short pipeline of named stages over one ``Doc`` (the article and what the stages
found so far); each stage is a plain function ``stage(doc) -> None`` and can be replaced
(``Extractor(stages=...)`` or ``replace_stage``):

1. ``sentences``      — split the body into sentences with a cleaned view (``loaders.sentences``);
2. ``places``         — place mentions with county uids (``find_places``: the boundary a national
                        place gazetteer plugs into);
3. ``organisations``  — company and institution names by their structure (``loaders.companies``),
                        grouped into the article's companies (short and declared names, anaphors);
4. ``classes``        — industries and programs/designations (``find_classes``);
5. ``relations``      — one rule function per relationship type (``loaders.relations``);
6. ``script``         — on an article converted from traditional script, each company's and institution's traditional
                        form as an alias (``loaders.script``);
then, across articles, ``aliases`` (``loaders.aliases.resolve``) links short names to full ones.
Cue words and thresholds live in described data files (``loaders/rules/*.json``, region packs).
The extractor is pure and picklable: worker processes rebuild the region from its name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from econgraph.graph.model import ArticleFacts, Evidence, Node, NodeRef, entity_uid
from econgraph.loaders.article import Article
from econgraph.loaders.classes import (
    ELIDED_PRODUCT,
    STAGE_WORDS,
    capacity_products,
    capacity_spans,
    enumeration_trades,
    facility_products,
    famed_products,
    honours_open,
    industry_list,
    industry_word,
    list_siblings,
    main_industries,
    market_shares,
    name_industries,
    open_designations,
    open_industries,
    open_policies,
    open_products,
    park_trades,
    possessed_products,
    project_products,
    quantified_projects,
    region_industry,
    role_conferred,
    role_trades,
    sentence_honours,
    structure_items,
)
from econgraph.loaders.companies import OrgFinder, OrgMention, tokenize
from econgraph.loaders.places import Context as PlaceContext
from econgraph.loaders.places import Hit
from econgraph.loaders.places import resolver as place_resolver
from econgraph.loaders.region import Match, Region, load_region
from econgraph.loaders.rules import alternation, rules
from econgraph.loaders.script import TRADITIONAL, glossed_forms, traditional_form
from econgraph.loaders.sentences import Sentence, clean_text, split_sentences
from econgraph.loaders.sieve import sieve_globals
from econgraph.loaders.text import NO_QUOTES as _NO_QUOTES
from econgraph.loaders.text import QUOTE_CHARS, is_ideograph

_WHITE = re.compile(r"\s+")
CO = rules("coreference")  # described in loaders/rules/coreference.json
_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")  # one quote mark
_CAPACITY_CLAUSE = ",;:。!?、"  # a capacity's owner stands in its own clause and list item (not across 、: another item's)
_CAP_PLANNED = re.compile(alternation(rules("relations")["industry_planned_cues"]))  # 拟/计划…: no owner yet
# 年产N吨Y加工的X项目: what may stand between a capacity's product and the company naming the project after it
_CAP_OWNER_AFTER = re.compile("(?:" + alternation(list(STAGE_WORDS), longest_first=True) + ")?的?")


@lru_cache(maxsize=8)
def _finder_of(region: str) -> OrgFinder:
    return OrgFinder(load_region(region))


def _finder(region: str) -> OrgFinder:
    """The name finder of a region pack, built over the pack ``load_region`` gives now: when the pack was read
    again (its cache cleared), the finder is rebuilt rather than kept over the old reading."""
    finder = _finder_of(region)
    if finder.region is not load_region(region):
        _finder_of.cache_clear()
        finder = _finder_of(region)
    return finder


@dataclass
class Mention:
    sent: int  # sentence index
    start: int  # offsets in the sentence's cleaned text
    end: int
    ref: NodeRef
    rule: str = "mention"
    confidence: float = 1.0
    surface: str = ""
    owner: NodeRef | None = None  # an industry said of one company (X<products>项目): that company


@dataclass
class Group:
    """One company of the article: its fullest name, the names it was seen under, its aliases."""

    name: str
    members: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    rule: str = "suffix"
    confidence: float = 0.9
    declared: set[str] = field(default_factory=set)  # short names the article declares (以下简称X)

    @property
    def uid(self) -> str:
        return entity_uid(self.name)


@dataclass
class Doc:
    """One article going through the stages; each stage fills its fields."""

    article: Article
    region: Region
    finder: OrgFinder
    sentences: list[Sentence] = field(default_factory=list)
    places: list[list[Mention]] = field(default_factory=list)  # per sentence: County (towns → county), City
    orgs: list[list[OrgMention]] = field(default_factory=list)  # per sentence: raw organisation names
    groups: list[Group] = field(default_factory=list)  # the article's companies
    companies: list[Mention] = field(default_factory=list)  # every company mention, in order
    anaphora: list[Mention] = field(default_factory=list)
    institutions: list[Mention] = field(default_factory=list)
    inst_kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    classes: list[list[Mention]] = field(default_factory=list)  # per sentence: Industry, Program
    class_nodes: dict[NodeRef, Node] = field(default_factory=dict)  # open-class nodes (not in the region pack)
    class_parents: dict[NodeRef, str] = field(default_factory=dict)  # industry node -> taxonomy word it maps to
    facts: ArticleFacts | None = None
    prefecture: str | None = None  # given by the user (build --region); else decided from the text
    region_name: str = ""  # the region pack: its prefecture when the text decides none
    place_ctx: PlaceContext | None = None  # the article's prefecture and province (stage places)
    title_places: list[NodeRef] = field(default_factory=list)  # counties the title names
    _lexicon: dict[int, tuple[list[int], list[Match]]] = field(default_factory=dict, repr=False)
    _unquoted: dict[int, tuple[list[int], str]] = field(default_factory=dict, repr=False)  # by _quote_free

    def lexicon(self, i: int) -> tuple[list[int], list[Match]]:
        """Region-pack matches of sentence ``i`` on its quote-free text (专精特新“小巨人” → 专精特新小巨人)
        and the map back to the cleaned text; computed once, shared by the places and classes stages."""
        got = self._lexicon.get(i)
        if got is None:
            keep, text = _quote_free(self, i)
            got = self._lexicon[i] = (keep, self.region.matches(text))
        return got

    def closed(self, i: int) -> list[Mention]:
        """Places and classes of sentence ``i`` in text order."""
        return sorted(self.places[i] + self.classes[i], key=lambda m: m.start)


Stage = Callable[[Doc], None]


# -- stage 1: sentences ---------------------------------------------------------------------------
def stage_sentences(doc: Doc) -> None:
    doc.sentences = split_sentences(doc.article.text)


# -- stage 2: places ------------------------------------------------------------------------------
def _quote_free(doc: Doc, i: int) -> tuple[list[int], str]:
    """Sentence ``i`` without its quote marks and the offset of each of its characters in the cleaned text
    (computed once: the places stage and ``Doc.lexicon`` ask for it; neither changes the list)."""
    got = doc._unquoted.get(i)
    if got is None:
        s = doc.sentences[i].clean
        text = _QUOTE_MARK.sub("", s)  # the marks of QUOTE_CHARS, as s.translate(NO_QUOTES) drops them, in C
        if len(text) == len(s):  # no quote mark: every offset kept
            got = list(range(len(s))), s
        else:
            keep: list[int] = []  # the runs between quote marks (a few), not a test per character
            prev = 0
            for m in _QUOTE_MARK.finditer(s):
                keep.extend(range(prev, m.start()))
                prev = m.end()
            keep.extend(range(prev, len(s)))
            got = keep, text
        doc._unquoted[i] = got
    return got


def find_places(doc: Doc, i: int, hits: list[Hit] | None = None) -> list[Mention]:
    """Place mentions of sentence ``i``: counties anywhere in China (ref County uid), towns (ref their
    county's uid, rule ``Town``) and prefectures (ref City), resolved in the article's context by the
    national gazetteer (``loaders.places``; region packs laid over it). Offsets index
    ``doc.sentences[i].clean``; ``hits``: the sentence's quote-free text scanned already."""
    keep, text = _quote_free(doc, i)
    res = place_resolver()
    out: list[Mention] = []
    for r in res.resolve_text(text, doc.place_ctx or PlaceContext(), hits=hits):
        start, end = keep[r.start], keep[r.end - 1] + 1
        if r.place is not None:
            ref = NodeRef("County", res.gaz.uid(r.place))
            out.append(Mention(i, start, end, ref, "Town" if r.how == "town" else "County", 1.0, r.surface))
        elif r.level == "City":
            out.append(Mention(i, start, end, NodeRef("City", entity_uid(r.city)), "City", 1.0, r.surface))
    return out


def stage_places(doc: Doc) -> None:
    res = place_resolver()
    a = doc.article
    title = clean_text(" ".join((a.title, a.subtitle, a.section)))
    hits = [res.gaz.scan(_quote_free(doc, i)[1]) for i in range(len(doc.sentences))]
    texts: list[tuple[str | list[Hit], int]] = [(title, rules("places")["title_weight"]), *((h, 1) for h in hits)]
    doc.place_ctx = res.article_context(texts, doc.prefecture, fallback=doc.region_name)
    doc.title_places = [NodeRef("County", res.gaz.uid(r.place)) for r in res.resolve_text(title, doc.place_ctx)
                        if r.place is not None]
    doc.places = [find_places(doc, i, hits[i]) for i in range(len(doc.sentences))]


# -- stage 3: organisations -----------------------------------------------------------------------
def _line_breaks(text: str, sent: Sentence) -> list[int]:
    """Offsets in the sentence's cleaned text before which the article had a line break, or a space between two
    ideographs (cleaning drops white space): after the layout repair a break stands between paragraphs and a space
    between the parts of a headline or a caption and its credit (促进…发展|⏎|X有限公司, 货物包装 |某某/摄), so no name
    runs across one; a space beside a Latin word (SK 海力士) is no such break."""
    off = sent.offsets
    if off[-1] - off[0] + 1 == len(off):
        return []  # most sentences: no white space
    clean = sent.clean
    out: list[int] = []
    for m in _WHITE.finditer(text, off[0], off[-1]):  # the few runs of white space, not every character
        i = bisect_left(off, m.end())
        if 0 < i < len(off) and off[i - 1] < m.start() and ("\n" in m.group() or (
                is_ideograph(clean[i - 1]) and is_ideograph(clean[i]))):
            out.append(i)
    return out


def stage_organisations(doc: Doc) -> None:
    finder = doc.finder
    orgs: list[list[OrgMention]] = []
    for sent in doc.sentences:
        s = sent.clean
        needs_tokens = finder.suffix_re.search(s) or finder.enum_re.search(s)
        orgs.append(finder.find(s, tokenize(s) if needs_tokens else [], _line_breaks(doc.article.text, sent)))
    doc.orgs = orgs
    declared = _declared_short_names(doc.sentences, orgs, finder)
    doc.groups = _group_companies(orgs, finder, declared)
    doc.companies = _company_mentions(doc.sentences, orgs, doc.groups, finder)
    doc.anaphora = _anaphora(doc.sentences, doc.companies, tuple(finder.legal_forms))
    doc.institutions = [
        Mention(i, o.start, o.end, NodeRef("Institution", entity_uid(o.name)), o.rule, o.confidence, o.name)
        for i, found in enumerate(orgs) for o in found if o.label == "Institution"
    ]
    doc.inst_kinds = {entity_uid(o.name): (o.name, o.kind) for found in orgs for o in found
                      if o.label == "Institution"}


# -- stage 4: closed and open classes (industries, programs and designations) ---------------------
def _honours_continue(doc: Doc, i: int) -> bool:
    """The sentences before ``i`` end with ; after a holding verb's list of honours, those between being wholly
    honours themselves (荣获A;省级B;“C”称号。): sentence ``i`` may go on with the list (desig15)."""
    j = i - 1
    while j >= 0 and doc.sentences[j].clean.endswith(";"):
        prev = doc.sentences[j].clean
        if honours_open(prev):
            return True
        if not sentence_honours(prev):
            return False
        j -= 1
    return False


def find_classes(doc: Doc, i: int) -> list[Mention]:
    """Industry and program mentions of sentence ``i`` (never overlapping a place mention).

    Industries are named as the text names them (``loaders.classes``): a taxonomy word's surface
    (阿胶, 轴承产业 → 轴承), the industry words of a company's name, and open industry words before
    产业/行业/企业 heads; programs are the region's, plus open designations after a holding verb.
    New nodes go to ``doc.class_nodes``, their taxonomy parent to ``doc.class_parents``."""
    keep, matches = doc.lexicon(i)
    places = doc.places[i] if doc.places else []
    text = doc.sentences[i].clean
    finder = doc.finder
    comps = [m for m in doc.companies if m.sent == i]
    subjects = comps + [m for m in doc.anaphora if m.sent == i]  # 该公司主要生产Y: products said of a company
    out: list[Mention] = []
    taken: list[tuple[int, int]] = [(p.start, p.end) for p in places]

    def add_industry(start: int, end: int, word: str, canonical: str, rule: str) -> None:
        if canonical and entity_uid(word) == entity_uid(canonical):
            word = canonical  # the taxonomy's own name (三大新兴产业, 房地产业) stays whole
        else:
            word = industry_word(word)
        canonical = canonical or region_industry(doc.region, word)
        if canonical and entity_uid(word) == entity_uid(canonical):
            ref = NodeRef("Industry", entity_uid(canonical))
        else:
            ref = NodeRef("Industry", entity_uid(word))
            doc.class_nodes.setdefault(ref, Node("Industry", ref.uid, {"uid": ref.uid, "name": word}))
            if canonical:
                doc.class_parents[ref] = canonical
        out.append(Mention(i, start, end, ref, rule, 1.0, word))

    # the industry words of each company name (inside its span)
    in_names: list[tuple[int, int]] = []
    for c in comps:
        surface = text[c.start:c.end]
        for word in name_industries(surface, finder):
            k = surface.rfind(word)
            if k >= 0:
                add_industry(c.start + k, c.start + k + len(word), word, "", "Industry")
                in_names.append((c.start, c.end))
    spans = [(c.start, c.end) for c in comps]
    lexicon = [(keep[m.start], keep[m.end - 1] + 1, m) for m in matches if m.kind in ("Industry", "Program")]
    lexicon = [(a, b, m) for a, b, m in lexicon if not any(p.start < b and a < p.end for p in places)]
    # the trade a list's role frame bounds (以A、B为重点的挂面业): before the open words, whose heads it lacks
    for ind in role_trades(text, finder, taken + spans + [(a, b) for a, b, m in lexicon if m.kind == "Program"]):
        inner = [m for a, b, m in lexicon if m.kind == "Industry" and (a, b) == (ind.start, ind.end)]
        add_industry(ind.start, ind.end, ind.name, inner[0].canonical if inner else "", ind.rule)
        taken.append((ind.start, ind.end))
    # open industry words first (钢板加工产业集群 → 钢板加工, not the taxonomy word inside it)
    opened = open_industries(text, finder, taken + spans + [(a, b) for a, b, m in lexicon if m.kind == "Program"])
    for ind in opened:
        inner = [m for a, b, m in lexicon if m.kind == "Industry" and ind.start <= a and b == ind.end]
        add_industry(ind.start, ind.end, ind.name, inner[0].canonical if inner else "", ind.rule)
    taken += [(ind.start, ind.end) for ind in opened]
    lexicon_spans = [(a, b) for a, b, m in lexicon]
    for ind in industry_list(text, finder, taken + spans + lexicon_spans):  # X、Y、Z等主导产业
        add_industry(ind.start, ind.end, ind.name, "", "Industry")
        taken.append((ind.start, ind.end))
    vocabulary = set(lexicon_spans)
    held = taken + spans
    known = len(held)
    for ind in structure_items(text, finder, held):  # 已形成A、B等主导产业: whole items, vocabulary inside
        # an item the vocabulary reads whole stays an industry word every rule reads; one read only here is the
        # structure rule's (relations._structure_lists)
        add_industry(ind.start, ind.end, ind.name, "", "Industry" if (ind.start, ind.end) in vocabulary else "structure")
    taken += held[known:]  # each item's whole span (临港物流业 read as 临港物流 keeps 物流业 from being read apart)
    for ind in market_shares(text, finder, taken + spans + lexicon_spans) + famed_products(
            text, finder, taken + spans + lexicon_spans):  # X占全国市场份额10%、Y占15%; 盛产X的Y县
        add_industry(ind.start, ind.end, ind.name, "", "Industry")
        taken.append((ind.start, ind.end))
    for ind in main_industries(text, finder, taken + spans + lexicon_spans):  # 形成了以X为主,…的产业体系
        add_industry(ind.start, ind.end, ind.name, "", ind.rule)
        taken.append((ind.start, ind.end))
    if comps:  # X、Y两大整车厂, X、Y等国际知名的航空公司: the trade of the list's company head
        for ind in enumeration_trades(text, finder, [c.end for c in comps], taken + spans + lexicon_spans):
            add_industry(ind.start, ind.end, ind.name, "", ind.rule)
            taken.append((ind.start, ind.end))
        for ind in park_trades(text, finder, [(c.start, c.end) for c in comps], taken + spans + lexicon_spans):
            add_industry(ind.start, ind.end, ind.name, "", ind.rule)  # 石材工业园区的X、Y: the park's trade
            taken.append((ind.start, ind.end))
    whole_items: list[tuple[int, int]] = []  # the elements of a product list: no vocabulary word cut out of one
    if subjects or ELIDED_PRODUCT.match(text):  # X主要生产Y、Z (or 公司/其…, or …。主要从事Y: a subject elided)
        for ind in open_products(text, finder, taken + [(a, b) for a, b, m in lexicon if m.kind == "Program"] + spans,
                                 whole_items):
            inner = [m for a, b, m in lexicon if m.kind == "Industry" and ind.start <= a and b == ind.end]
            add_industry(ind.start, ind.end, ind.name, inner[0].canonical if inner else "", "product")
            taken.append((ind.start, ind.end))
    for c in subjects:  # X<products>项目: the products of the company's project; X的Y已经投产; X建成N条Y生产线
        stop = min((m.start for m in subjects if m.start >= c.end), default=len(text))
        for ind in project_products(text, finder, c.end, taken + spans) + possessed_products(
                text, finder, c.end, taken + spans) + facility_products(text, finder, c.end, stop, taken + spans):
            inner = [m for a, b, m in lexicon if m.kind == "Industry" and ind.start <= a and b == ind.end]
            add_industry(ind.start, ind.end, ind.name, inner[0].canonical if inner else "", "Industry")
            out[-1].owner = c.ref
            taken.append((ind.start, ind.end))
    # 10亿元的Y项目, 新上了Y生产线: a project named by its amount, a production line, names its product
    for ind in quantified_projects(text, finder, taken + spans + lexicon_spans):
        inner = [m for a, b, m in lexicon if m.kind == "Industry" and ind.start <= a and b == ind.end]
        add_industry(ind.start, ind.end, ind.name, inner[0].canonical if inner else "", "Industry")
        taken.append((ind.start, ind.end))
    if subjects:  # A、B和C with B read: its siblings (a company's product list)
        read = [(m.start, m.end) for m in out if m.ref.label == "Industry" and not any(
            a <= m.start and m.end <= b for a, b in in_names)] + [
            (a, b) for a, b, m in lexicon if m.kind == "Industry" and not any(x <= a and b <= y for x, y in in_names)]
        for ind in list_siblings(text, finder, read, taken + spans + lexicon_spans, spans):
            add_industry(ind.start, ind.end, ind.name, "", "Industry")
            taken.append((ind.start, ind.end))
    # open designations (获评…示范企业) before the region's programs: a program word inside a longer
    # designation (专精特新 in 专精特新示范企业) is part of it, unless it covers all but its last two characters
    # an industry word inside a designation (农业 in 作为…农业龙头企业) does not block it; one across its edge does
    industry_spans = taken[len(places):]
    designations = [d for d in open_designations(text, taken[:len(places)] + spans, _honours_continue(doc, i)) if not any(
        a < d.end and d.start < b and not (d.start <= a and b <= d.end) for a, b in industry_spans)]
    if any(d.rule == "role" for d in designations):  # 以A、B为龙头: a designation only where the article confers it
        article = "".join(s.clean for s in doc.sentences)
        designations = [d for d in designations if d.rule != "role" or role_conferred(article, d.name)]
    programs = [(a, b, m) for a, b, m in lexicon if m.kind == "Program"]
    designations = [d for d in designations
                    if not any(d.start <= a and b <= d.end and (b - a) >= (d.end - d.start) - 2 for a, b, m in programs)]
    for start, end, m in lexicon:
        if any(a <= start and end <= b for a, b in in_names) or any(
                a <= start and end <= b for a, b in taken[len(places):]):
            continue  # the name's own industry words, or an open industry word, stand for it
        if any(d.start <= start and end <= d.end for d in designations):
            continue
        if m.kind == "Industry" and any(
                a <= start and end <= b and b - a > end - start for a, b in whole_items):
            continue  # 主要生产A、光学B: a vocabulary word inside a list element the product reader did not take
        if m.kind == "Industry":
            add_industry(start, end, text[start:end], m.canonical, m.kind)
        else:
            out.append(Mention(i, start, end, NodeRef(m.kind, entity_uid(m.canonical)), m.kind, 1.0, m.surface))
        taken.append((start, end))
    if comps:  # 年产热轧带钢300万吨: a capacity's product no reader took (its words tagged as verbs)
        for ind in capacity_products(text, finder, taken + spans + lexicon_spans):
            add_industry(ind.start, ind.end, ind.name, "", "Industry")
            taken.append((ind.start, ind.end))
    # 年产10万吨Y: a product after a capacity, whichever reader took it, belongs to the company of its clause
    for a, b in capacity_spans(text):
        owners = [c for c in subjects if c.end <= a and not any(ch in _CAPACITY_CLAUSE for ch in text[c.end:a])
                  and not _CAP_PLANNED.search(text, c.end, a)]
        # 年产4.5万吨Y加工的X项目: the project the capacity qualifies is named by its company after it
        owners = owners or [c for c in subjects if c.start >= b and _CAP_OWNER_AFTER.fullmatch(text, b, c.start)
                            and text.startswith("项目", c.end)]
        for got in out:
            if owners and got.ref.label == "Industry" and got.owner is None and a <= got.start and got.end <= b:
                got.owner = max(owners, key=lambda c: c.end).ref
    for d in designations:
        if any(a < d.end and d.start < b and not (
                d.start <= a and b <= d.end and (d.nested_ok or (a, b) in industry_spans)) for a, b in taken):
            continue
        ref = NodeRef("Program", d.uid)
        doc.class_nodes.setdefault(ref, Node("Program", ref.uid, {"uid": ref.uid, "name": d.name, "level": d.level,
                                                                  "kind": "designation"}))
        # 被评为突出贡献企业: an open X企业 word the region's vocabulary does not know, ending at the designation's
        # head, qualifies the honour and names no trade (中华老字号中药企业 keeps 中药)
        out = [m for m in out if not (m.rule == "company_head" and d.start <= m.start and m.end <= d.end
                                      and text.startswith(_TRADE_HEAD, m.end) and m.end + len(_TRADE_HEAD) == d.end
                                      and not region_industry(doc.region, m.surface))]
        out.append(Mention(i, d.start, d.end, ref, "Program", 1.0, d.name))
    # a program a county runs (in a sentence naming companies, only one naming a county: RUNS keeps those of a
    # county's own clauses)
    if not comps or any(p.ref.label == "County" for p in places):
        for d in open_policies(text, taken + [(m.start, m.end) for m in out], labels=not comps):
            ref = NodeRef("Program", d.uid)
            doc.class_nodes.setdefault(ref, Node("Program", ref.uid, {"uid": ref.uid, "name": d.name, "level": None,
                                                                      "kind": "policy"}))
            out.append(Mention(i, d.start, d.end, ref, d.rule if d.rule in _POLICY_RULES else "Program", 1.0, d.name))
    out.sort(key=lambda m: m.start)
    return out


def stage_classes(doc: Doc) -> None:
    doc.classes = [find_classes(doc, i) for i in range(len(doc.sentences))]


# -- stage 5: relations ---------------------------------------------------------------------------
def _places_outside_names(doc: Doc) -> None:
    """A place word inside an organisation's name, after its start, is part of its 字号 (浙江鹭峰园艺,
    东平鹭峰 at the start stays: name_place reads it with more care): not a place mention."""
    for i, found in enumerate(doc.orgs):
        spans = [(o.start, o.end) for o in found] + [(m.start, m.end) for m in doc.companies if m.sent == i]
        if spans and doc.places[i]:
            doc.places[i] = [p for p in doc.places[i] if not any(a < p.start < b for a, b in spans)
                             and not (any(a == p.start for a, _ in spans) and _far_short(doc, p))]


def _far_short(doc: Doc, m: Mention) -> bool:
    """A county's short name outside the article's province (新源<industry> in a Liaocheng article): a 字号."""
    ctx = doc.place_ctx
    place = place_resolver().gaz.by_uid.get(m.ref.uid) if m.ref.label == "County" else None
    return bool(place is not None and ctx is not None and ctx.province and m.rule != "Town"
                and m.surface != place.name and place.province != ctx.province)


def stage_relations(doc: Doc) -> None:
    from econgraph.loaders.relations import ArticleContext, build_facts

    _places_outside_names(doc)
    article = doc.article
    ctx = ArticleContext(article, doc.sentences, doc.region, doc.groups, doc.companies, doc.institutions,
                         doc.inst_kinds, [doc.closed(i) for i in range(len(doc.sentences))],
                         title=clean_text(" ".join((article.title, article.subtitle, article.section))),
                         anaphora=doc.anaphora, class_nodes=doc.class_nodes, class_parents=doc.class_parents,
                         place_ctx=doc.place_ctx, title_places=doc.title_places)
    doc.facts = build_facts(ctx)


# -- stage 6: script -------------------------------------------------------------------------------
def stage_script(doc: Doc) -> None:
    """The forms the page wrote names in, kept as aliases so a search by them finds the node: a converted article's
    (``Article.script``) companies and institutions keep the page's script (臨清市某某機械有限公司 for
    临清市某某机械有限公司, 某某產業技術研究院); industries and designations keep theirs, and a pack's designation the
    text's word on any page (``_class_forms``)."""
    if doc.facts is None:
        return
    if doc.article.script == TRADITIONAL or doc.article.glossed:
        forms: dict[tuple[str, str], set[str]] = {}
        printed: dict[str, set[str]] = {}  # a name's glossed forms: one scan of the page per name, not per mention
        for m in doc.companies + doc.institutions:
            a, b = doc.sentences[m.sent].span(m.start, m.end)
            written, simple = clean_text(traditional_form(doc.article, a, b)), clean_text(doc.article.text[a:b])
            found = {written} if written and written != simple else set()
            page_form = written or simple
            if page_form not in printed:
                printed[page_form] = {clean_text(f) for f in glossed_forms(doc.article, page_form)}
            found |= printed[page_form]
            if found:
                forms.setdefault((m.ref.label, m.ref.uid), set()).update(found)
        for node in doc.facts.nodes:
            if (node.label, node.uid) in forms:
                _add_aliases(node, forms[(node.label, node.uid)])
    _class_forms(doc)


def _add_aliases(node: Node, words: set[str]) -> None:
    """``words`` join the node's aliases (its own name never one)."""
    node.props["aliases"] = sorted((set(node.props.get("aliases") or ()) | words) - {node.name})


def _class_forms(doc: Doc) -> None:
    """Industries and designations keep the text's words for them as aliases. A region pack's designation named
    otherwise than the text's word keeps the word, on any page (“专精特新”企业, the pack's alias, for
    专精特新中小企业 — the designation as a reader writes it). A converted article's industries and designations
    keep the page's form of their name (軸承 for 轴承): the name where the text wrote it, in the page's script; a pack
    node named otherwise than the text's word keeps the word as the page wrote it (專精特新 for 专精特新中小企业)."""
    assert doc.facts is not None
    nodes = {(n.label, n.uid): n for n in doc.facts.nodes if n.label in ("Industry", "Program")}
    converted = doc.article.script == TRADITIONAL
    forms: dict[tuple[str, str], set[str]] = {}
    for i, found in enumerate(doc.classes):
        text = doc.sentences[i].clean
        for m in found:
            key = (m.ref.label, m.ref.uid)
            node = nodes.get(key)
            if node is None:
                continue
            name = node.name
            if m.ref.label == "Program" and node.props.get("kind") == "designation" and key not in doc.class_nodes:
                word = text[m.start:m.end].translate(_NO_QUOTES)
                if len(word) >= 4 and name not in word:
                    forms.setdefault(key, set()).add(word)
            if not converted:
                continue
            a, b = doc.sentences[i].span(m.start, m.end)
            written, simple = clean_text(traditional_form(doc.article, a, b)), clean_text(doc.article.text[a:b])
            k = simple.find(name)
            if len(written) != len(simple) or written == simple:
                continue
            # the name where the text wrote it, else (a pack's name for the text's word: 专精特新 → 专精特新中小企业)
            # the word as the page wrote it
            forms.setdefault(key, set()).add(written[k:k + len(name)] if k >= 0 else written)
    for key, words in forms.items():
        _add_aliases(nodes[key], words)


STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", stage_sentences),
    ("places", stage_places),
    ("organisations", stage_organisations),
    ("classes", stage_classes),
    ("relations", stage_relations),
    ("script", stage_script),
)


def replace_stage(stages: Sequence[tuple[str, Stage]], name: str, fn: Stage) -> tuple[tuple[str, Stage], ...]:
    """The stages with ``name``'s function replaced (a KeyError for an unknown name)."""
    if name not in dict(stages):
        raise KeyError(name)
    return tuple((n, fn if n == name else f) for n, f in stages)


class Extractor:
    """Entities and relations of one article; ``region`` names a pack under loaders/regions/.

    ``stages`` (default ``STAGES``) are (name, function) pairs run in order; module-level functions
    keep the extractor picklable."""

    def __init__(self, region: str = "liaocheng", stages: Sequence[tuple[str, Stage]] | None = None,
                 prefecture: str | None = None) -> None:
        self.region_name = region
        self.prefecture = prefecture
        self.stages = tuple(stages) if stages is not None else STAGES
        load_region(region)  # fail early on an unknown region

    def __getstate__(self) -> dict[str, Any]:
        return {"region_name": self.region_name, "stages": None if self.stages == STAGES else self.stages,
                "prefecture": self.prefecture}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.region_name = state["region_name"]
        self.prefecture = state.get("prefecture")
        self.stages = state.get("stages") or STAGES

    @property
    def region(self) -> Region:
        return load_region(self.region_name)

    @property
    def finder(self) -> OrgFinder:
        return _finder(self.region_name)

    def run(self, article: Article) -> Doc:
        """All stages on one article: the finished ``Doc`` (its ``facts`` and what each stage found)."""
        doc = Doc(article, self.region, self.finder, prefecture=self.prefecture, region_name=self.region_name)
        for _, stage in self.stages:
            stage(doc)
        return doc

    def extract(self, article: Article) -> ArticleFacts:
        doc = self.run(article)
        assert doc.facts is not None, "the last stage must set doc.facts"
        return doc.facts


_POLICY_RULES = ("policy_listed", "issued_document")  # open programs whose reading relations look at
_ANAPHORA = re.compile(alternation(CO["anaphora"]))
_DESCRIPTOR_ANAPHORA = re.compile(CO["descriptor_anaphora"])
_OPENING_ANAPHORA = re.compile(CO["opening_anaphora"])
_GROUP_ANAPHORA = frozenset(CO["group_anaphora"])
_FIRST_PERSON = frozenset(CO["first_person_anaphora"])
_SENTENCE_INITIAL = frozenset(CO["sentence_initial_anaphora"])
_SUBJECT_ANAPHOR = re.compile(CO["subject_anaphora"])
_PROJECT_NAMED = re.compile("(?:" + alternation(rules("classes")["project_heads"], longest_first=True) + ")")
_COUNTERPART = re.compile(alternation(rules("relations")["counterpart_cues"]))
_CLAUSE_BREAKS = rules("relations")["clause_breaks"]
_TRADE_HEAD = rules("classes")["designation_trade_head"]  # 突出贡献|企业: a designation's head, no trade's
_SPEECH_AFTER = re.compile("[^,;:。!?" + "".join(QUOTE_CHARS) + "]{0,8}?(?:" + alternation(rules("relations")["speech_verbs"]) + ")")


def _declared_short_names(sentences: list[Sentence], orgs: list[list[OrgMention]],
                          finder: OrgFinder) -> dict[str, str]:
    """“……有限公司(以下简称“X”)”: X names that company in this article."""
    declared: dict[str, str] = {}
    for i, sent in enumerate(sentences):
        for m in finder.short_re.finditer(sent.clean):
            owner = [o for o in orgs[i] if o.label == "Company" and 0 <= m.start() - o.end <= CO["declared_gap"]]
            if owner:
                declared[m.group(1)] = owner[-1].name
    return declared


def _anaphora(sentences: list[Sentence], mentions: list[Mention], forms: tuple[str, ...] = ()) -> list[Mention]:
    """该公司/该企业 in a sentence naming no company: the company named last in the three before; 公司/其/我们公司
    opening a clause: the subject of the sentence before (a quote's 我们公司: the speaker after it)."""
    out: list[Mention] = []
    first_named: dict[int, int] = {}
    for m in mentions:
        first_named[m.sent] = min(m.start, first_named.get(m.sent, m.start))
    for i, sent in enumerate(sentences):
        if i in first_named:
            out += _subject_anaphor(sentences, mentions, i, first_named[i], forms)
            continue
        found = [(m.start(), m.end()) for m in _ANAPHORA.finditer(sent.clean)]
        found += [m.span(1) for m in _DESCRIPTOR_ANAPHORA.finditer(sent.clean)  # 这家致力于Y生产的企业: the head
                  if not any(a < m.end() and m.start() < b for a, b in found)]
        opening = [m.span(1) for m in _OPENING_ANAPHORA.finditer(sent.clean)
                   if not any(a < m.end(1) and m.start(1) < b for a, b in found)
                   and (m.group(1) not in _SENTENCE_INITIAL or not sent.clean[:m.start()].strip("".join(QUOTE_CHARS)))]
        found += opening
        if not found:
            continue
        prior = _prior_mentions(mentions, i)
        speaker = _quote_speaker(sentences, mentions, i)
        for a, b in sorted(found):
            word = sent.clean[a:b]
            if speaker is not None and word in _FIRST_PERSON:
                ref: NodeRef | None = speaker
            elif (a, b) in opening:
                ref = _subject_before(sentences, prior, forms)
                if word in _GROUP_ANAPHORA and not any(x.ref == ref and word in x.surface for x in prior):
                    ref = None  # 集团 opening a clause: only a company named as a group
            else:
                ref = prior[-1].ref if prior else None
            if ref is not None:
                out.append(Mention(i, a, b, ref, "anaphora", CO["anaphora_confidence"], word))
    return out


def _subject_anaphor(sentences: list[Sentence], mentions: list[Mention], i: int, first: int,
                     forms: tuple[str, ...] = ()) -> list[Mention]:
    """A sentence that names companies but opens with 该公司/公司/其 as its subject (2020年,该公司收购了Y;
    公司产品为Y配套): the anaphor, before every company of the sentence, continues the subject before."""
    text = sentences[i].clean
    m = _SUBJECT_ANAPHOR.match(text)
    if m is None or m.end(1) > first or m.group(1) in _FIRST_PERSON:
        return []
    prior = _prior_mentions(mentions, i)
    ref = _subject_before(sentences, prior, forms)
    return [] if ref is None else [Mention(i, m.start(1), m.end(1), ref, "anaphora", CO["anaphora_confidence"],
                                           m.group(1))]


def _prior_mentions(mentions: list[Mention], i: int) -> list[Mention]:
    """The companies an anaphor in sentence ``i`` can point back to: those of the few sentences before it."""
    return [x for x in mentions if i - CO["anaphora_lookback"] <= x.sent < i]


def _subject_before(sentences: list[Sentence], prior: list[Mention], forms: tuple[str, ...] = ()) -> NodeRef | None:
    """What a clause-opening 公司/其 continues: the first company of the latest sentence before that names one
    not as a counterpart (供应X、Y等企业: X is a customer, not the subject; then the sentence before that), nor
    a formless name right before a project head (X生产基地项目,由Y投资建设: X names the project; scope18)."""
    for sent in sorted({m.sent for m in prior}, reverse=True):
        text = sentences[sent].clean
        for m in (x for x in prior if x.sent == sent):
            a = max(text.rfind(ch, 0, m.start) for ch in _CLAUSE_BREAKS) + 1
            if _PROJECT_NAMED.match(text, m.end) and not text[m.start:m.end].endswith(forms or ("公司",)):
                continue  # X生产基地项目,由Y投资建设: X names the project, Y is the subject
            if not _COUNTERPART.search(text, a, m.start):
                return m.ref
    return None


def _quote_speaker(sentences: list[Sentence], mentions: list[Mention], i: int) -> NodeRef | None:
    """A quote ending sentence ``i`` whose speaker opens the next sentence (“我们公司…。”X董事长Y说): X."""
    if i + 1 >= len(sentences) or sentences[i].clean.rstrip()[-1:] not in QUOTE_CHARS:
        return None
    nxt = sentences[i + 1].clean
    first = next((m for m in mentions if m.sent == i + 1), None)
    if first is None or first.start > 0 and nxt[:first.start].strip(" " + "".join(QUOTE_CHARS)):
        return None
    return first.ref if _SPEECH_AFTER.match(nxt, first.end) else None


def _group_companies(orgs: list[list[OrgMention]], finder: OrgFinder,
                     declared: dict[str, str] | None = None) -> list[Group]:
    """Merge the article's company names: a short form joins the one full name it belongs to."""
    declared = declared or {}
    names: dict[str, OrgMention] = {}
    for found in orgs:
        for o in found:
            if o.label == "Company" and (o.name not in names or o.confidence > names[o.name].confidence):
                names[o.name] = o
    # longest first: full names found groups, shorter names join them when unambiguous
    groups: list[Group] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        o = names[name]
        owners = [g for g in groups if _belongs(name, g, finder)]
        if len(owners) == 1:
            owners[0].members.add(name)
            owners[0].aliases |= finder.aliases(name) | {name}
            continue
        own = {k for k, v in declared.items() if v == name}
        g = Group(name, {name}, finder.aliases(name) | own, o.rule, o.confidence, own)
        groups.append(g)
    groups = _join_unit_names(groups, finder)
    # an alias two groups share names neither
    seen: dict[str, int] = {}
    for g in groups:
        for a in g.aliases:
            seen[a] = seen.get(a, 0) + 1
    for g in groups:
        g.aliases = {a for a in g.aliases if seen[a] == 1 and a != g.name}
    return groups


def _join_unit_names(groups: list[Group], finder: OrgFinder) -> list[Group]:
    """X<industry words> without form (X冷链物流, from a list of projects: X冷链物流与食品商贸城) in an article naming
    one full name with a form and the same 字号 (X控股集团) is that company under a project's or a unit's words."""
    formed: dict[str, list[Group]] = {}
    for g in groups:
        p = finder.parts(g.name)
        if p.form and len(p.brand) >= 2:
            formed.setdefault(p.brand, []).append(g)
    out: list[Group] = []
    for g in groups:
        p = finder.parts(g.name)
        owners = formed.get(p.brand, [])
        if p.form or p.places or not p.industry or len(owners) != 1:
            out.append(g)
            continue
        owners[0].members |= g.members
        owners[0].aliases |= g.aliases | g.members
        owners[0].declared |= g.declared
    return out


def _belongs(name: str, group: Group, finder: OrgFinder) -> bool:
    if name in group.aliases:
        return True
    if len(name) >= CO["min_contained_member"] and any(name in m for m in group.members):
        return True
    a, b = finder.parts(name), finder.parts(group.name)
    # X集团 in an article about 山东X铝电集团有限公司: its 字号 and a form the full name contains
    if len(a.brand) >= 2 and a.form and a.form in b.form and b.brand.startswith(a.brand) and not a.industry:
        return True
    # the 字号 with one of the full name's industry words (X机床 in an article about 临清X数控机床有限公司)
    if len(a.brand) >= 2 and a.brand == b.brand and a.industry and b.industry.endswith(a.industry) and not a.places:
        return True
    # X集团 for <place>X(集团)有限公司
    if len(a.brand) >= 2 and a.form == CO["group_form"] and not a.industry and f"{a.brand}({a.form})" in group.name:
        return True
    # 甲乙集团 for 甲丙乙丁集团有限公司: a short form of characters taken in order from the full name
    if _abbreviates(name, group.name, a.form, b.form):
        return True
    # same name up to the form of its place (东阿县X… = 东阿X…)
    return bool(a.brand) and a.brand == b.brand and a.industry == b.industry and a.form == b.form and (
        [finder.region.county_of(p) or p for p in a.places] == [finder.region.county_of(p) or p for p in b.places])


def _abbreviates(short: str, full: str, short_form: str, full_form: str) -> bool:
    """甲乙集团 abbreviates 甲丙乙丁集团有限公司: both have a form, the short one's form is in the full one's,
    and its other characters (two or three) open the full name and stand in it in order, not as one run."""
    lo, hi = CO["abbreviation_len"]
    core = short[: len(short) - len(short_form)] if short_form else ""
    if not core or not lo <= len(core) <= hi or short_form not in full_form or core[0] != full[0] or core in full:
        return False
    pos = 0
    for ch in core:
        pos = full.find(ch, pos) + 1
        if not pos or pos > len(full) - len(full_form):
            return False
    return True


def _company_mentions(sentences: list[Sentence], orgs: list[list[OrgMention]], groups: list[Group],
                      finder: OrgFinder) -> list[Mention]:
    """Every occurrence of a company's name or an unambiguous alias (3+ characters)."""
    surfaces: list[tuple[str, Group]] = []
    declared = {a for g in groups for a in g.aliases if len(a) == 2 and (a in g.declared or finder.short_brand(g.name) == a)}
    for g in groups:
        for s in {g.name, *g.members, *(a for a in g.aliases if len(a) >= CO["min_mention_alias"] or a in declared)}:
            surfaces.append((s, g))
    surfaces.sort(key=lambda sg: -len(sg[0]))
    out: list[Mention] = []
    for i, sent in enumerate(sentences):
        taken: list[tuple[int, int]] = [(o.start, o.end) for o in orgs[i] if o.label == "Institution"]
        text = sent.clean
        for surface, g in surfaces:
            pos = text.find(surface)
            while pos >= 0:
                end = pos + len(surface)
                if not any(a < end and pos < b for a, b in taken):
                    taken.append((pos, end))
                    out.append(Mention(i, pos, end, NodeRef("Company", g.uid), g.rule, g.confidence, surface))
                pos = text.find(surface, end)
    out.sort(key=lambda m: (m.sent, m.start))
    return out


def make_evidence(article: Article, sent: Sentence, rule: str, confidence: float) -> Evidence:
    return Evidence(article.uid, article.text[sent.start:sent.end], sent.start, sent.end, rule, round(confidence, 3))


__all__ = ["Extractor", "Group", "Mention", "make_evidence"]

# scanned in (nearly) every sentence and absent from most: each answers with nothing, without scanning, a text lacking
# what every match needs (loaders.sieve; the gains measured by perf21)
sieve_globals(globals(), ("_DESCRIPTOR_ANAPHORA",))

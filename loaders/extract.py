"""One article in, its entities and relationships with evidence out (``Extractor.extract``).

Closed classes (counties, towns, industries, programs) come from the region pack through an
Aho-Corasick automaton; companies and institutions from the generic rules in
``loaders.companies``; relationships from sentence-level rules in ``loaders.relations``.
The extractor is pure and picklable: worker processes rebuild the region from its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from econgraph.graph.model import ArticleFacts, Evidence, NodeRef, entity_uid
from econgraph.loaders.article import Article
from econgraph.loaders.companies import OrgFinder, OrgMention, tokenize
from econgraph.loaders.region import Match, Region, load_region
from econgraph.loaders.sentences import QUOTE_CHARS, Sentence, clean_text, split_sentences


@lru_cache(maxsize=8)
def _finder(region: str) -> OrgFinder:
    return OrgFinder(load_region(region))


@dataclass
class Mention:
    sent: int  # sentence index
    start: int  # offsets in the sentence's cleaned text
    end: int
    ref: NodeRef
    rule: str = "mention"
    confidence: float = 1.0
    surface: str = ""


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


class Extractor:
    """Entities and relations of one article; ``region`` names a pack under loaders/regions/."""

    def __init__(self, region: str = "liaocheng") -> None:
        self.region_name = region
        load_region(region)  # fail early on an unknown region

    def __getstate__(self) -> dict[str, Any]:
        return {"region_name": self.region_name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.region_name = state["region_name"]

    @property
    def region(self) -> Region:
        return load_region(self.region_name)

    @property
    def finder(self) -> OrgFinder:
        return _finder(self.region_name)

    def extract(self, article: Article) -> ArticleFacts:
        from econgraph.loaders.relations import ArticleContext, build_facts

        region, finder = self.region, self.finder
        sentences = split_sentences(article.text)
        closed: list[list[Mention]] = []
        orgs: list[list[OrgMention]] = []
        for i, sent in enumerate(sentences):
            closed.append(self._closed_mentions(i, sent, region))
            s = sent.clean
            needs_tokens = finder.suffix_re.search(s) or finder.enum_re.search(s)
            orgs.append(finder.find(s, tokenize(s) if needs_tokens else []))
        declared = _declared_short_names(sentences, orgs, finder)
        groups = _group_companies(orgs, finder, declared)
        mentions = _company_mentions(sentences, orgs, groups, finder)
        anaphora = _anaphora(sentences, mentions)
        inst = [
            Mention(i, o.start, o.end, NodeRef("Institution", entity_uid(o.name)), o.rule, o.confidence, o.name)
            for i, found in enumerate(orgs) for o in found if o.label == "Institution"
        ]
        inst_kinds = {entity_uid(o.name): (o.name, o.kind) for found in orgs for o in found if o.label == "Institution"}
        ctx = ArticleContext(article, sentences, region, groups, mentions, inst, inst_kinds, closed,
                             title=clean_text(" ".join((article.title, article.subtitle, article.section))),
                             anaphora=anaphora)
        return build_facts(ctx)

    @staticmethod
    def _closed_mentions(i: int, sent: Sentence, region: Region) -> list[Mention]:
        """Region matches on the quote-free text (专精特新“小巨人” → 专精特新小巨人), mapped back."""
        s = sent.clean
        keep = [k for k, ch in enumerate(s) if ch not in QUOTE_CHARS]
        text = "".join(s[k] for k in keep)
        out: list[Mention] = []
        matches = region.matches(text)
        for k, m in enumerate(matches):
            if k and _own_zone(text, matches[k - 1], m, region):
                continue
            label = {"Town": "County", "City": "City"}.get(m.kind, m.kind)
            ref = NodeRef(label, entity_uid(m.canonical))
            out.append(Mention(i, keep[m.start], keep[m.end - 1] + 1, ref, m.kind, 1.0, m.surface))
        return out


_ANAPHORA = re.compile(r"该公司|该企业|这家企业|这家公司|该集团")


def _own_zone(text: str, prev: Match, m: Match, region: Region) -> bool:
    """冠县经济开发区: a zone word right after a county is that county's zone, not the city's."""
    county = region.counties.get(m.canonical)
    return bool(m.kind == "County" and county is not None and county.kind == "功能区" and m.surface != county.name
                and prev.kind == "County" and 0 <= m.start - prev.end <= 4
                and not any(ch in ",;:。!?、" for ch in text[prev.end:m.start]))


def _declared_short_names(sentences: list[Sentence], orgs: list[list[OrgMention]],
                          finder: OrgFinder) -> dict[str, str]:
    """“……有限公司(以下简称“X”)”: X names that company in this article."""
    declared: dict[str, str] = {}
    for i, sent in enumerate(sentences):
        for m in finder.short_re.finditer(sent.clean):
            owner = [o for o in orgs[i] if o.label == "Company" and 0 <= m.start() - o.end <= 1]
            if owner:
                declared[m.group(1)] = owner[-1].name
    return declared


def _anaphora(sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """该公司/该企业 in a sentence naming no company: the company named last in the three before."""
    out: list[Mention] = []
    named = {m.sent for m in mentions}
    for i, sent in enumerate(sentences):
        if i in named:
            continue
        for m in _ANAPHORA.finditer(sent.clean):
            prior = [x for x in mentions if i - 3 <= x.sent < i]
            if prior:
                last = prior[-1]
                out.append(Mention(i, m.start(), m.end(), last.ref, "anaphora", 0.6, m.group()))
    return out


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
    # an alias two groups share names neither
    seen: dict[str, int] = {}
    for g in groups:
        for a in g.aliases:
            seen[a] = seen.get(a, 0) + 1
    for g in groups:
        g.aliases = {a for a in g.aliases if seen[a] == 1 and a != g.name}
    return groups


def _belongs(name: str, group: Group, finder: OrgFinder) -> bool:
    if name in group.aliases:
        return True
    if len(name) >= 3 and any(name in m for m in group.members):
        return True
    a, b = finder.parts(name), finder.parts(group.name)
    # X集团 in an article about 山东X铝电集团有限公司: its 字号 and a form the full name contains
    if len(a.brand) >= 2 and a.form and a.form in b.form and b.brand.startswith(a.brand) and not a.industry:
        return True
    # the 字号 with one of the full name's industry words (X机床 in an article about 临清X数控机床有限公司)
    if len(a.brand) >= 2 and a.brand == b.brand and a.industry and b.industry.endswith(a.industry) and not a.places:
        return True
    # X集团 for <place>X(集团)有限公司
    if len(a.brand) >= 2 and a.form == "集团" and not a.industry and f"{a.brand}(集团)" in group.name:
        return True
    # same name up to the form of its place (东阿县X… = 东阿X…)
    return bool(a.brand) and a.brand == b.brand and a.industry == b.industry and a.form == b.form and (
        [finder.region.county_of(p) or p for p in a.places] == [finder.region.county_of(p) or p for p in b.places])


def _company_mentions(sentences: list[Sentence], orgs: list[list[OrgMention]], groups: list[Group],
                      finder: OrgFinder) -> list[Mention]:
    """Every occurrence of a company's name or an unambiguous alias (3+ characters)."""
    surfaces: list[tuple[str, Group]] = []
    declared = {a for g in groups for a in g.aliases if len(a) == 2 and a in g.declared}
    for g in groups:
        for s in {g.name, *g.members, *(a for a in g.aliases if len(a) >= 3 or a in declared)}:
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

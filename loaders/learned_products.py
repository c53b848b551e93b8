"""IN_INDUSTRY recall by a learned scorer: products and industries around a company's own mentions.

Why: the missed IN_INDUSTRY facts of unseen news are mostly heads cut out of compounds around the company's
mentions (<product>生产, <product>项目, <modifier><product>, list items after a description), a third in another
sentence than the company's; every hand frame written for them ran at .20–.35 precision (EXTRACTION.md, ind13,
ind14, ind15). Here a generous generator lists candidates — the dictionary nouns (``industry_token_tags``) and runs
of two or three of them in the clauses after a company's mention, in a sentence continuing it as subject, and the
industry mentions no rule tied to it — each paired with the nearest company before it, and a logistic model
(``loaders.linear``, ``loaders/rules/learned_products.model.json``, made by ``scripts/train_learned_products.py``)
scores each pair from structural and cue features. A pair it accepts becomes an IN_INDUSTRY fact with rule
``learned_product`` and the probability as its confidence. Candidates whose fact the other rules already give (an
industry of the company containing it or contained in it) are not listed.

Features are structure (distance, clause, direction, list position, how many companies), shape (length, tokens,
tags, character classes, taxonomy word, inside a company name, repeats) and cue words of the rule lists or jieba
words of frequency ≥ 1000 — never a string cut from a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from econgraph.graph.model import Node, NodeRef, Relationship, entity_uid
from econgraph.loaders.companies import tokenize
from econgraph.loaders.dictionary import freq_table, tag_table
from econgraph.loaders.linear import LinearModel, load_model
from econgraph.loaders.rules import alternation, rules
from econgraph.loaders.wordcut import lcut

if TYPE_CHECKING:
    from econgraph.loaders.extract import Mention
    from econgraph.loaders.relations import ArticleContext, SentenceView

NAME = "learned_products"
RULE = "learned_product"
MIN_FREQ = 1000  # a jieba word this frequent may be a feature by itself
MAX_COMPOUND = 3  # tokens
MAX_LEN = 8  # characters of a candidate
UNTIED_ONLY = True  # only for companies the other rules gave no industry (ind14: extras of a company are wrong)
PER_COMPANY = 1  # learned facts per company and article: the annotation names few products of a company (ind14)

# Set to a list by the training script: every candidate pair is appended as
# (article source, company names, candidate, features), whatever the model decides.
RECORDER: list[tuple[str, frozenset[str], str, frozenset[str]]] | None = None

_CLAUSE = ",;:。!?，；：！？"
_HAN = re.compile("[\u4e00-\u9fff]")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9]")


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    c, r = rules("classes"), rules("relations")
    out = {
        "product_verb": frozenset(c["product_verbs"]),
        "trailer": frozenset(c["product_trailers"]),
        "project_head": frozenset(c["project_heads"]),
        "industry_head": frozenset(c["industry_heads"]) | frozenset(c["industry_suffixes"]),
        "company_head": frozenset(c["company_industry_heads"]) | frozenset(r["apposed_company_heads"]),
        "stop": frozenset(c["product_stop"]),
        "generic": frozenset(c["generic_industry_words"]),
        "name_generic": frozenset(c["name_generic_words"]),
        "list_verb": frozenset(c["industry_list_verbs"]),
        "designation": frozenset(c["designation_heads"]) | frozenset(c["designation_weak_heads"]),
        "use_cue": frozenset(r["industry_use_cues"]),
        "planned": frozenset(r["industry_planned_cues"]),
        "organisation": frozenset(c["organisation_heads"]),
        "process": frozenset(c["project_process_tails"]),
        "listing": frozenset(c["listing_heads"]),
        "policy": frozenset(c["policy_heads"]),
        "copula": frozenset(r["industry_copulas"]),
    }
    return out


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    return frozenset(w for ws in _lists().values() for w in ws)


@lru_cache(maxsize=1)
def _noun_tags() -> frozenset[str]:
    return frozenset(rules("organisations")["compound_product_tags"])


@lru_cache(maxsize=1)
def model() -> LinearModel | None:
    try:
        return load_model(NAME)
    except FileNotFoundError:
        return None


_PROPER = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})  # names and abbreviations: never a feature


@lru_cache(maxsize=8192)
def _lexical(tok: str) -> bool:
    """A word that may be a feature by itself: a cue word of the rule lists, or a frequent common jieba word."""
    return tok in _cue_words() or ((freq_table().get(tok) or 0) >= MIN_FREQ
                                   and tag_table().get(tok, "x") not in _PROPER)


@lru_cache(maxsize=8192)
def _word_class(tok: str) -> str:
    """A neighbour token as a feature value: a cue word, a frequent jieba word, a mark, or its tag."""
    if not tok:
        return "^"
    if _lexical(tok) or not _HAN.search(tok) and len(tok) == 1:
        return tok
    return "t:" + tag_table().get(tok, "x")


@lru_cache(maxsize=8192)
def _classes_of(word: str) -> tuple[str, ...]:
    return tuple(k for k, ws in _lists().items() if word in ws)


_WORD_SETS: dict[int, tuple[object, frozenset[str]]] = {}  # id of a word list -> (the list, its words as a set)


def _word_set(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """A region's word list as a set, made once per list (a list's ``in`` reads every word; held with the list,
    so a new list under a reused id gets its own set)."""
    got = _WORD_SETS.get(id(words))
    if got is None or got[0] is not words:
        got = _WORD_SETS[id(words)] = (words, frozenset(words))
    return got[1]


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


@dataclass
class _Cand:
    sent: int
    start: int
    end: int
    text: str
    kind: str  # word / compound<n> / node
    ref: NodeRef | None  # an existing industry mention's node
    toks: list[str]
    prev: str
    prev2: str
    nxt: str
    nxt2: str


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(a, b, w) for w, a, b in tokenize(text)]  # cached: the names stage cut the same sentence


def _candidates(v: SentenceView, lo: int, masks: list[tuple[int, int]]) -> list[_Cand]:
    """Noun tokens and runs of up to three of them after ``lo``, and the industry mentions there."""
    text = v.text
    toks = _tokens(text)
    tags = tag_table()
    nouns = _noun_tags()
    ind_spans = [(c.start, c.end) for c in v.industries]

    taken = masks + ind_spans

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    def tok_at(k: int) -> str:
        return toks[k][2] if 0 <= k < len(toks) else ""

    def nounish(w: str) -> bool:
        return tags.get(w, "") in nouns or bool(_LATIN.search(w)) and len(w) >= 2

    out: list[_Cand] = []
    count = len(toks)
    first = next((k for k, (a, _b, _w) in enumerate(toks) if a >= lo), count)  # offsets ascend: the tokens after lo
    noun = [False] * first + [nounish(w) for _a, _b, w in toks[first:]]  # each token tested once, not per run
    for k in range(first, count):
        for n in range(1, MAX_COMPOUND + 1):
            if k + n > count:
                break
            # the run's tokens before its last passed at n - 1 (a run's first token needs two characters)
            if not noun[k + n - 1] or n == 1 and len(toks[k][2]) < 2:
                break
            part = toks[k:k + n]
            words = [w for _, _, w in part]
            s, e = part[0][0], part[-1][1]
            if e - s > MAX_LEN or not free(s, e) or e - s < 2:
                continue
            out.append(_Cand(v.i, s, e, text[s:e], "word" if n == 1 else f"compound{n}", None, words,
                             tok_at(k - 1), tok_at(k - 2), tok_at(k + n), tok_at(k + n + 1)))
    starts = [a for a, _b, _w in toks]  # the cut's tokens abut in order: starts and ends ascend
    ends = [b for _a, b, _w in toks]
    for c in v.industries:
        if c.start < lo:
            continue
        before = [w for _a, _b, w in toks[max(bisect_right(ends, c.start) - 2, 0):bisect_right(ends, c.start)]]
        after = [w for _a, _b, w in toks[bisect_left(starts, c.end):bisect_left(starts, c.end) + 2]]
        out.append(_Cand(v.i, c.start, c.end, text[c.start:c.end], "node", c.ref, lcut(text[c.start:c.end]),
                         before[-1] if before else "", before[-2] if len(before) > 1 else "",
                         after[0] if after else "", after[1] if len(after) > 1 else ""))
    return out


def _clause_index(text: str, pos: int) -> int:
    return sum(1 for ch in text[:pos] if ch in _CLAUSE)


def _shape(ctx: ArticleContext, c: _Cand) -> set[str]:
    """The candidate itself: kind, length, tags, cue classes and frequent words at its ends, characters, taxonomy."""
    tags = tag_table()
    head, first = c.toks[-1], c.toks[0]
    f = {f"kind={c.kind}", f"len={_bucket(len(c.text), (2, 3, 4, 6))}", f"ntok={len(c.toks)}",
         f"htag={tags.get(head, 'x')}", f"ftag={tags.get(first, 'x')}"}
    if _lexical(head):
        f.add(f"head={head}")
    if len(c.toks) > 1 and _lexical(first):
        f.add(f"first={first}")
    if _lexical(c.text[-1]):
        f.add(f"last={c.text[-1]}")
    f.update(f"headcls={k}" for k in _classes_of(head))
    f.update(f"firstcls={k}" for k in _classes_of(first))
    if _LATIN.search(c.text):
        f.add("latin")
    if _DIGIT.search(c.text):
        f.add("digit")
    from econgraph.loaders.classes import region_industry

    canonical = region_industry(ctx.region, c.text)
    if canonical:
        f.add("taxonomy_whole" if entity_uid(canonical) == entity_uid(c.text) else "taxonomy_head")
    if c.text in _word_set(ctx.region.vocab.get("industry_words", ())):
        f.add("industry_word")
    if c.ref is not None and c.ref in ctx.class_parents:
        f.add("node_parent")
    return f


def _neighbours(c: _Cand) -> set[str]:
    """The two tokens either side, as cue words, frequent words, marks or tags."""
    tags = tag_table()
    f = {f"prev={_word_class(c.prev)}", f"next={_word_class(c.nxt)}", f"prev2={_word_class(c.prev2)}",
         f"next2={_word_class(c.nxt2)}", f"prevtag={tags.get(c.prev, 'x') if c.prev else '^'}",
         f"nexttag={tags.get(c.nxt, 'x') if c.nxt else '$'}"}
    f.update(f"prevcls={k}" for k in _classes_of(c.prev))
    f.update(f"nextcls={k}" for k in _classes_of(c.nxt))
    if c.prev == "、" or c.nxt == "、" or c.nxt == "等":
        f.add("list_item")
    return f


@lru_cache(maxsize=1)
def _between_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The cue lists looked for between company and candidate, each as one alternation (any word of it inside)."""
    lists = _lists()
    return tuple((k, re.compile(alternation(sorted(lists[name]))))
                 for k, name in (("verb", "product_verb"), ("trailer", "trailer"), ("project", "project_head"),
                                 ("use", "use_cue"), ("planned", "planned"), ("copula", "copula")))


def _between(v: SentenceView, m: Mention, c: _Cand) -> set[str]:
    """Where the company stands, in the candidate's own sentence: distance, clauses, cues and names between."""
    text = v.text
    between = text[m.end:c.start]
    f = {f"dist={_bucket(max(c.start - m.end, 0), (0, 2, 5, 10, 20, 40))}",
         f"clauses={min(sum(1 for ch in between if ch in _CLAUSE), 3)}", f"joiners={min(between.count('、'), 3)}"}
    if "的" in between:
        f.add("de_between")
    for k, pattern in _between_cues():
        if pattern.search(between):
            f.add(f"between_{k}")
    if any(o.ref != m.ref and m.end <= o.start < c.start for o in v.comps):
        f.add("other_company_between")
    if any(o.ref != m.ref and o.start >= c.end for o in v.comps):
        f.add("company_after")
    cs = max((text.rfind(ch, 0, m.start) for ch in _CLAUSE), default=-1) + 1
    f.add(f"company_lead={_bucket(m.start - cs, (0, 2, 4, 8))}")
    if cs == 0:
        f.add("company_opens_sentence")
    return f


def _features(ctx: ArticleContext, v: SentenceView, m: Mention, source: str, c: _Cand, names: dict[NodeRef, str],
              counts: Counter[str], tied: set[NodeRef]) -> frozenset[str]:
    f = {f"src={source}", f"mrule={'anaphora' if m.rule == 'anaphora' else 'name'}",
         f"ncomp={min(len(v.company_refs), 3)}", f"repeats={min(counts[c.text], 3)}"}
    f |= _shape(ctx, c) | _neighbours(c)
    if m.sent == c.sent:
        f |= _between(v, m, c)
    else:
        f.add(f"sentgap={min(c.sent - m.sent, 3)}")
        f.add(f"cand_clause={min(_clause_index(v.text, c.start), 3)}")
    if c.text in names.get(m.ref, ""):
        f.add("in_own_name")
    if any(c.text in n for r, n in names.items() if r != m.ref):
        f.add("in_other_name")
    if m.ref in tied:
        f.add("company_has_industry")
    if c.sent == 0:
        f.add("first_sentence")
    if c.start > 0 and v.text[c.start - 1] in "“《\"":
        f.add("quoted")
    return frozenset(f)


def _close(a: str, b: str) -> bool:
    return (a in b or b in a) and min(len(a), len(b)) >= 2


def _pairs(ctx: ArticleContext, views: list[SentenceView], skip: set[NodeRef]) -> list[tuple[Mention, _Cand, str]]:
    """(company, candidate, source) pairs: candidates after a company's mention with the nearest company before
    them (same), or a company-less sentence's candidates with the subject it continues (topic) or the owner of
    the project it opens with (owner). Companies in ``skip`` can take no fact: their sentences are not cut."""
    pairs: list[tuple[Mention, _Cand, str]] = []
    for v in views:
        masks = [(m.start, m.end) for m in v.comps + v.insts] + [(c.start, c.end) for c in v.counties + v.programs]
        comps = [m for m in v.comps if m.ref.label == "Company"]
        if comps:
            if all(m.ref in skip for m in comps):
                continue
            for c in _candidates(v, comps[0].end, masks):
                before = [m for m in comps if m.end <= c.start]
                if before and before[-1].ref not in skip:
                    pairs.append((before[-1], c, "same"))
            continue
        subject = v.topic or v.project_owner
        if subject is not None and subject.ref.label == "Company" and subject.ref not in skip:
            source = "topic" if subject is v.topic else "owner"
            pairs.extend((subject, c, source) for c in _candidates(v, 0, masks))
    return pairs


@lru_cache(maxsize=1)
def _place_qualifier() -> re.Pattern[str]:
    return re.compile(rules("relations")["industry_place_qualifiers"])


@lru_cache(maxsize=1)
def _counted() -> re.Pattern[str]:
    return re.compile(rules("relations")["learned_product_counted"])


def _quoted(text: str, pos: int) -> bool:
    """``pos`` lies inside a quotation (“…”) of its sentence: reported speech."""
    head = text[:pos]
    return head.count("“") > head.count("”")


@lru_cache(maxsize=1)
def _not_heads() -> tuple[str, ...]:
    return tuple(rules("relations")["learned_product_not_heads"]) + tuple(rules("classes")["organisation_heads"])


@lru_cache(maxsize=1)
def _group_heads() -> tuple[str, ...]:
    return tuple(rules("relations")["learned_product_group_heads"])


def _fragment(c: _Cand) -> bool:
    """A candidate that is no whole product word: it ends in the head of a quantity, a group of people or an
    organisation's unit (订单量, 代表团, 考察组, …车间), or an edge between two single characters the cut left of a word it
    did not know (特种装备科|创: 科创 is one word; not 铝合金绞线, whose 绞|线 the candidate holds whole)."""
    if c.ref is not None:
        return False
    if c.text.endswith(_not_heads()):
        return True
    if c.text.endswith(_group_heads()) and tag_table().get(c.text[-3:-1]) in ("v", "vn"):
        return True  # 考察组, 调研组: a group named by what it does (not 发电机组)

    def single(tok: str) -> bool:
        return len(tok) == 1 and bool(_HAN.match(tok))

    return single(c.toks[-1]) and single(c.nxt) or single(c.toks[0]) and single(c.prev)


def _held_back(v: SentenceView, m: Mention, c: _Cand) -> bool:
    """Pairs the hand rules decide against, whatever the score: an industry right after a place word (我县种植产业:
    the place's); a candidate in the clause of a company joined to what follows it (X与Y项目: the next item); one
    describing a counted set of firms (27家小型Y企业: other companies' field); one in a quotation the company is
    not inside (the speaker's words, not the topic company's); a fragment of a word (``_fragment``)."""
    if _fragment(c):
        return True
    if _place_qualifier().search(v.text[:c.start]):
        return True
    if _counted().search(v.text[:c.start]):
        return True
    if _quoted(v.text, c.start) and not (m.sent == c.sent and _quoted(v.text, m.start)):
        return True
    if m.sent != c.sent or v.text[m.end:m.end + 1] not in ("与", "和", "同", "及", "、"):
        return False
    return not any(ch in _CLAUSE for ch in v.text[m.end:c.start])


def _tied(ctx: ArticleContext, nodes: dict[NodeRef, Node]) -> dict[NodeRef, list[str]]:
    """Company → the uids of the industries the other rules tie it to or hold back (no candidates)."""
    industries: dict[NodeRef, list[str]] = {}
    for r in ctx.rels.values():
        if r.type == "IN_INDUSTRY":
            node = nodes.get(r.end) or ctx.class_nodes.get(r.end)
            name = str(node.props.get("name", r.end.uid)) if node is not None else r.end.uid
            industries.setdefault(r.start, []).append(entity_uid(name))
    for r in ctx.name_pending:  # a name's industry the name rules held back (named once outside names): decided
        node = nodes.get(r.end) or ctx.class_nodes.get(r.end)
        held = entity_uid(str(node.props.get("name", r.end.uid)) if node is not None else r.end.uid)
        if held not in industries.get(r.start, ()):
            industries.setdefault(r.start, []).append(held)
    return industries


def add_learned_products(ctx: ArticleContext, views: list[SentenceView], nodes: dict[NodeRef, Node]) -> None:
    """The accepted (company, product) pairs as IN_INDUSTRY facts of rule ``learned_product`` (see the module)."""
    mdl = model()
    if mdl is None and RECORDER is None:
        return
    industries = _tied(ctx, nodes)
    tied = {r.start for r in ctx.rels.values() if r.type == "IN_INDUSTRY"}
    names = {NodeRef("Company", g.uid): g.name for g in ctx.groups}
    group_names = {NodeRef("Company", g.uid): frozenset({g.name, *g.aliases}) for g in ctx.groups}
    text_all = "".join(s.clean for s in ctx.sentences)
    pairs = _pairs(ctx, views, tied if UNTIED_ONLY and RECORDER is None else set())
    counts: Counter[str] = Counter({c.text: text_all.count(c.text) for _, c, _ in pairs})
    best: dict[tuple[NodeRef, str], tuple[float, int, str, NodeRef | None]] = {}
    for m, c, source in pairs:
        uid = entity_uid(c.text) if c.ref is None else c.ref.uid
        node = nodes.get(c.ref) if c.ref is not None else None
        name = str(node.props.get("name", c.text)) if node is not None else c.text
        if len(entity_uid(name)) < 2 or any(_close(entity_uid(name), x) for x in industries.get(m.ref, ())):
            continue
        if RECORDER is None and _held_back(views[c.sent], m, c):
            continue
        feats = _features(ctx, views[c.sent], m, source, c, names, counts, tied)
        if RECORDER is not None:
            RECORDER.append((ctx.article.source, group_names.get(m.ref, frozenset()), name, feats))
            if _held_back(views[c.sent], m, c):
                continue
        p = mdl.probability(feats) if mdl is not None else 0.0
        if mdl is not None and p >= mdl.threshold and ((m.ref, uid) not in best or p > best[(m.ref, uid)][0]):
            best[(m.ref, uid)] = (p, c.sent, name, c.ref)
    _add(ctx, nodes, best, tied)


def _add(ctx: ArticleContext, nodes: dict[NodeRef, Node],
         best: dict[tuple[NodeRef, str], tuple[float, int, str, NodeRef | None]], tied: set[NodeRef]) -> None:
    """The accepted pairs as facts: a company's likeliest (``PER_COMPANY``); ind14 found that most wrong products of
    a verb frame were further products of a company the gold gives fewer or other products."""
    taken: dict[NodeRef, list[str]] = {}
    for (company, uid), (p, sent, name, ref) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0][0].uid,
                                                                                     kv[0][1])):
        if len(taken.get(company, ())) >= PER_COMPANY or UNTIED_ONLY and company in tied:
            continue
        taken.setdefault(company, []).append(uid)
        end = ref or NodeRef("Industry", uid)
        if end not in nodes:
            nodes[end] = ctx.class_nodes.get(end) or Node("Industry", uid, {"uid": uid, "name": name})
        rel = Relationship("IN_INDUSTRY", company, end, ctx.evidence(sent, RULE, round(p, 2)))
        if rel.uid not in ctx.rels:
            ctx.rels[rel.uid] = rel


__all__ = ["NAME", "RECORDER", "RULE", "add_learned_products", "model"]

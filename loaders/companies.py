"""Open classes: companies and institutions found by generic rules, never by a list of names.

Rules, strongest first:
- ``suffix``: a legal form or organisation suffix (有限公司, 集团, 大学, 研究院 …) with the name's
  left edge found by walking jieba tokens back to a function word, verb or punctuation;
- ``enumeration``: items of ``X、Y等(N家)(“链主”|龙头|头部…)企业``;
- ``subject``: a clause-initial name before a cooperation or designation verb (X联合…大学,
  X争创…), or after 支持/推动/带领 (支持X创建…);
- ``shape``: 字号 + industry word at a clause start followed by a predicate (X轴承项目…).
Every candidate is checked against the region's places, industry and program words, generic
modifiers and government-body words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from econgraph.loaders.dictionary import freq_table, tag_table
from econgraph.loaders.places import ZONE_WORDS, load_gazetteer, place_words
from econgraph.loaders.region import Region
from econgraph.loaders.rules import rules
from econgraph.loaders.sieve import sieve_globals, sieved
from econgraph.loaders.text import CLAUSE_BREAK, NO_QUOTES, QUOTE_CHARS
from econgraph.loaders.wordcut import lcut

R = rules("organisations")  # described in loaders/rules/organisations.json
CONF = R["confidence"]
STOP_POS = frozenset(R["stop_pos"])
PUNCT = frozenset(",.;:!?、。“”\"'‘’《》<>[]{}|/\\-—–~·…*#■□●◆★+")
LIST_ENDS = tuple("、,;。!?等和及")  # what may follow the last characters of a list item
_YEAR_AFTER = re.compile(R["strong_brand_year_after"])
_CLAUSE_BREAK = re.compile("[" + re.escape(R["clause_brand_breaks"]) + "]")
_COUNT_BEFORE = re.compile(R["strong_brand_count_before"] + "$")
_SUPPLY_HEAD = re.compile(R["enumeration_supply_head"])
NAME_DOT = "·"  # 甲乙·丙丁食品有限公司: a group brand joined to its company's 字号
OPEN_BR, CLOSE_BR = "(", ")"
_NUMERAL = re.compile(R["numeral_brand"])
FREQ_COMMON = R["common_brand_freq"]
FREQ_WORD = R["common_word_freq"]
FREQ_NOUNISH = R["nounish_word_freq"]
FREQ_RARE_HEAD = R["rare_head_freq"]
PARTS_CACHE_SIZE = 50_000  # engineering, not a rule
VERB_FREQ = R["verb_brand_freq"]
STOP_CHARS = frozenset(R["stop_chars"])
OPENING_CHARS = frozenset(R["opening_chars"])
EDGE_CHARS = frozenset(R["edge_chars"])
NOUNISH = frozenset(R["nounish_pos"])
CONJ = R["conjunctions"]
AND = R["joining_conjunction"]
ATTR = R["attributive"]
LIST_MARK = R["list_marker"]
FIRM_COUNTER = "家"  # the classifier of firms (X、Y等70余家…)
SEP = R["enumeration_separator"]
REGISTERED = R["registered_marker"]
LEADING_TAGS = frozenset(R["leading_token_tags"])
NON_BRAND = tuple(R["non_brand_words"])
_GLUED = re.compile(R["glued_prefix"])
_PLACE_TRADE = re.compile(R["place_trade_followers"])
_TRADE_COUNT = re.compile(R["trade_list_count"])
_STOCK_CODE = re.compile(R["stock_code"])
_SERVED = re.compile(R["enumeration_customer_head"])
_OWNER_OUTPUT = re.compile(R["project_owner_output"])
PROPER_TAGS = frozenset(R["proper_noun_tags"])
BRAND_TAGS = frozenset(R["strong_brand_tags"])
FOLLOW_TAGS = frozenset(R["strong_brand_follow_tags"])
PRODUCT_TAGS = frozenset(R["project_product_tags"])
PRODUCT_HEAD_TAGS = frozenset(R["project_product_head_tags"])
_PRODUCT_VERB = re.compile(R["project_product_verbs"])
_NOT_OWNER_BEFORE = tuple(R["project_owner_not_before"])
_JOINT_VERB = re.compile(R["joint_subject_verbs"])
_GARBLED = re.compile(R["garbled_name"])
_COUNT = R["counted_brand"]
_PRODUCT_LINE = re.compile(R["product_line_followers"])
_QUANTIFIED = re.compile(R["quantified_before"])
_PHASE = re.compile(R["phase_tail"])
_TOPIC_VERB = re.compile(R["topic_verbs_before"])
_INDEFINITE = re.compile(R["indefinite_before"])


@dataclass
class OrgMention:
    start: int  # offsets in the cleaned sentence
    end: int
    name: str
    label: str  # Company or Institution
    rule: str
    confidence: float
    kind: str = ""


@dataclass
class NameParts:
    places: list[str]
    brand: str  # 字号
    industry: str
    form: str
    industry_words: list[str]


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return list(_tokens(text))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """A sentence's words with offsets: cut once for the names stage and again by learned_products, so cached."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for tok in lcut(text):
        out.append((tok, pos, pos + len(tok)))
        pos += len(tok)
    return tuple(out)


def _tag_table() -> dict[str, str]:
    """jieba's word → part-of-speech table, as ``jieba.posseg`` reads it from the dictionary (``loaders.dictionary``)."""
    return tag_table()


@lru_cache(maxsize=PARTS_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    """jieba's words of a short text (a name, a 字号, a phrase): asked often for the same texts, so cached."""
    return tuple(lcut(text))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class OrgFinder:
    """Finds company and institution mentions in one cleaned sentence."""

    def __init__(self, region: Region) -> None:
        v = region.vocab
        self.region = region
        self.legal_forms = sorted(v["legal_forms"], key=len, reverse=True)
        self._forms = frozenset(self.legal_forms)
        self._form_tuple = tuple(self.legal_forms)
        self._long_forms = tuple(f for f in self.legal_forms if len(f) >= 2)
        self.weak_forms = frozenset(v.get("company_weak_forms", ()))
        self.factory_stops = frozenset(v.get("factory_not_followed_by", ()))
        self.group_stops = tuple(v.get("group_not_followed_by", ()))
        self.credit_words = tuple(v.get("person_credit_words", ()))
        self._org_endings = tuple(v["institution_suffixes"]) + tuple(v["legal_forms"])
        self.strong_cues_before = frozenset(R["strong_brand_cue_before"])
        self.strong_cues_after = tuple(R["strong_brand_cue_after"])
        self._clause_brand_forms = tuple(R["clause_brand_form_after"])
        self._clause_brand_fields = tuple(R["clause_brand_field_heads"])
        self.inst_kinds: dict[str, str] = v["institution_suffixes"]
        self.inst_abbr: dict[str, str] = v.get("institution_abbreviations", {})
        self.admin_prefixes: dict[str, str] = v.get("admin_abbreviation_prefixes", {})
        self.generic_inst_prefixes = frozenset(R["generic_institution_prefixes"])
        self.non_company_endings = tuple(v.get("non_company_endings", ()))
        self.count_list_re = sieved(re.compile(v["count_list_pattern"]))
        self.role_re = re.compile(v["role_pattern"])
        self.project_re = re.compile(v["project_owner_pattern"])
        self.project_head_re = re.compile(R["project_heads"])
        self.project_start_re = re.compile(R["project_phrase_start"])
        self.project_rest_re = re.compile(R["project_owner_rest"])
        self.industry_words = frozenset(v["industry_words"]) | frozenset(region.industries)
        self.modifiers = frozenset(v["generic_modifiers"])
        self.gov_words = sorted(v["government_words"], key=len, reverse=True)
        self.left_stop = frozenset(v["left_stop_words"]) | frozenset(v["person_titles"])
        self.places = region.places | _national_places()
        self.closed = frozenset(
            {s for c in region.counties.values() for s in (c.name, *c.aliases)} | set(region.towns)
            | {s for i in region.industries.values() for s in (i.name, *i.aliases)}
            | {s for p in region.programs.values() for s in (p.name, *p.aliases)}
        )
        self.surnames = frozenset(v.get("surnames", ()))
        self.person_followers = tuple(v.get("person_followers", ()))
        self.heads = sorted(v["enumeration_heads"], key=len, reverse=True)
        self.non_heads = sorted(v["enumeration_non_company_heads"], key=len, reverse=True)
        # the same words as tuples and a set: the pre-tests of _head_opening, _head_ending and _non_head_at
        self._heads_t, self._non_heads_t = tuple(self.heads), tuple(self.non_heads)
        self._non_heads_s = frozenset(self.non_heads)
        suffixes = list(self.legal_forms) + list(self.inst_kinds) + list(self.inst_abbr)
        self.suffix_re = re.compile(_alternation(suffixes))
        # X、Y等(N家)企业; also X、Y两家企业 (a count right after a list)
        self.enum_re = sieved(re.compile(R["enumeration_marker"]))  # in every sentence: see loaders.sieve
        # 规模以上企业主要有X、Y; 陶瓷企业,如X、Y: a company head, then a cue, then the list it opens
        self.lead_re = sieved(re.compile("(?:" + _alternation(self.heads) + ")(?:" + R["enumeration_lead_cue"] + ")"))
        self.support_re = re.compile(r"(?:" + _alternation(v["support_cues"]) + r")([^,;:。!?]{2,30}?)(?:"
                                     + re.escape(LIST_MARK) + ")?(?:" + _alternation(v["support_verbs"]) + ")")
        self.designation_re = re.compile(
            r"(?:^|(?<=[,;:。!?]))([^,;:。!?、]{2,10}?)(?:" + _alternation(v["designation_verbs"]) + ")")
        self.partner_re = re.compile(
            r"(?:^|(?<=[,;:。!?]))([^,;:。!?、]{2,10}?)(?:" + _alternation(v["partner_verbs"]) + ")")
        self.enum_modifiers = tuple(v["enumeration_modifiers"])
        left = "|".join(f"(?<={re.escape(w)})" for w in v.get("shape_left_words", ()))
        self.shape_re = re.compile(
            r"(?:^|(?<=[,;:。!?、”])" + (f"|{left}" if left else "") + r")([^,;:。!?、“”]{2,8}?(?:"
            + _alternation(v["company_shape_words"]) + "))(?=" + _alternation(v["shape_follow_words"]) + ")")
        cue = "|".join(f"(?<={re.escape(w)})" for w in v.get("shape_cue_words", ()))
        # after a strong cue (携手X科技,…) the name may end at punctuation
        self.cue_shape_re = re.compile(
            r"(?:" + cue + r")([^,;:。!?、]{2,8}?(?:" + _alternation(v["company_shape_words"]) + r"))(?=" + R["cue_shape_followers"] + ")")
        # <place>的X精工、<place>的Y钢构: a name attributed to a place (the place is checked in code)
        attr = re.escape(ATTR)
        self.place_shape_re = re.compile(
            r"(?<=" + attr + r")([^,;:。!?、" + attr + r"]{2,8}?(?:" + _alternation(v["company_shape_words"])
            + r"))(?=" + R["place_shape_followers"] + ")")
        # each shape rule's trigger: a shape word followed as the rule's own lookahead requires (every match has one)
        shape_words = "(?:" + _alternation(v["company_shape_words"]) + ")"
        self._subject_rules = (
            (self.designation_re, "subject", re.compile(_alternation(v["designation_verbs"]))),
            (self.partner_re, "subject", re.compile(_alternation(v["partner_verbs"]))),
            (self.shape_re, "shape", re.compile(shape_words + "(?=" + _alternation(v["shape_follow_words"]) + ")")),
            (self.cue_shape_re, "shape", re.compile(shape_words + "(?=" + R["cue_shape_followers"] + ")")),
            (self.place_shape_re, "shape", re.compile(shape_words + "(?=" + R["place_shape_followers"] + ")")),
        )
        self.trailing = frozenset(v.get("trailing_adverbs", ()))
        self.deal_verbs = tuple(sorted(v.get("deal_verbs", ()), key=len, reverse=True))
        self._long_modifiers = tuple(m for m in self.modifiers if len(m) >= 2)
        self._stop_words_long = tuple(w for w in self.left_stop if len(w) >= 2)
        # the same words as tuples for one str.endswith call each (it answers as any() over them does)
        self._inst_ends = tuple(self.inst_kinds)
        self._gov_ends = tuple(self.gov_words)
        self._gov_brand_ends = tuple(g for g in self.gov_words if len(g) > 1 or g in R["government_single_chars"])
        # words after which nothing is left to join or qualify: cues and verbs, not people (工作人员|正…)
        self._cue_words = tuple(w for w in v["left_stop_words"] if len(w) >= 2 and w not in v["person_titles"])
        self._left_stop_lengths = sorted({len(w) for w in self.left_stop}, reverse=True)
        self._long_gov = tuple(g for g in self.gov_words if len(g) >= 2)
        self._head_nouns = tuple(R["apposition_heads"])
        self._industry_lengths = sorted({len(w) for w in self.industry_words}, reverse=True)
        self._parts_cache: dict[str, NameParts] = {}
        self._peer_bad_endings = self.non_company_endings + tuple(self.non_heads) + tuple(R["peer_site_endings"])
        self._name_finals = frozenset(rules("classes")["name_generic_words"])  # 科技, 实业: they end a name
        self._form_generic = frozenset(R["generic_before_form"])  # X物流|服务|有限公司: part of the name
        self._company_shapes = tuple(v["company_shape_words"]) + tuple(w for w in v["industry_words"] if len(w) >= 2)
        self._company_shape_words = tuple(v["company_shape_words"])
        self._closing_words = frozenset(R["closing_name_words"])
        self.short_re = sieved(re.compile(rules("coreference")["declared_short_name"]))
        self.bare_verb_re = re.compile(R["bare_subject_verbs"])
        self.shape_word_re = re.compile(_alternation(v["company_shape_words"]))
        self._follow_words = frozenset(v["shape_follow_words"])
        self.bare_between_re = re.compile(R["bare_subject_between"])
        nlo, nhi = R["bare_subject_len"]["name"]
        self.bare_re = re.compile(r"(?:" + R["bare_subject_left"] + r")([^\W与和同跟\d][\u4e00-\u9fff]{"
                                  + f"{nlo - 1},{nhi - 1}" + r"}?)(?=" + R["bare_subject_between"] + "(?:"
                                  + R["bare_subject_verbs"] + "))")

    # -- name structure -------------------------------------------------------------------
    def parts(self, name: str) -> NameParts:
        """Split a name into places, 字号, industry words and legal form (cached: the rules ask often)."""
        got = self._parts_cache.get(name)
        if got is None:
            if len(self._parts_cache) >= PARTS_CACHE_SIZE:
                self._parts_cache.clear()
            got = self._parts_cache[name] = self._split_parts(name)
        return got

    def _split_parts(self, name: str) -> NameParts:
        form = next((f for f in self.legal_forms if name.endswith(f) and len(name) > len(f)), "")
        rest = name[: len(name) - len(form)] if form else name
        rest = re.sub(r"\(([^()]*)\)", lambda m: "" if self._bracketed_place(m.group(1)) or (
            form and m.end() == len(rest) and m.group(1) in R["group_forms"]) else m.group(0), rest)  # X(集团)股份有限公司
        places: list[str] = []
        while True:
            p = self._place_prefix(rest)
            if not p:
                break
            places.append(p)
            rest = rest[len(p):]
        words: list[str] = []
        while rest:
            limit = len(rest) + (1 if places or words else 0)
            w = next((rest[-n:] for n in self._industry_lengths
                      if n < limit and n <= len(rest) and rest[-n:] in self.industry_words), "")
            if not w and len(rest) >= 4 and not words and _trade_word(rest[-2:]):
                w = rest[-2:]  # 字号 + 钨业
            if not w:
                break
            words.insert(0, w)
            rest = rest[: len(rest) - len(w)]
        return NameParts(places, rest, "".join(words), form, words)

    def aliases(self, name: str) -> set[str]:
        """Short forms of a full name: 山东X汽车零部件制造有限公司 → 山东X, X汽车, X …"""
        p = self.parts(name)
        out: set[str] = set()
        base = name[: len(name) - len(p.form)] if p.form else name
        out.add(base)
        place = "".join(p.places)
        if p.brand:
            for k in range(len(p.industry_words) + 1):
                core = p.brand + "".join(p.industry_words[:k])
                out.add(core)
                if p.form:
                    out.add(core + p.form)
                    if p.form not in self.weak_forms:
                        out.add(core + R["generic_company_form"])
                if p.places:
                    out.add(p.places[0] + core)
                    out.add(place + core)
                    if p.form:
                        out.add(place + core + R["generic_company_form"])
        elif p.places and p.form:
            out.add(p.places[-1] + p.industry + p.form)
        out.discard(name)
        if _ORDINAL.match(p.brand):  # 第二棉纺厂: the ordinal alone names nothing
            out = {a for a in out if p.industry in a}
        return {a for a in out if len(a) >= 2 and a not in self.closed and a not in self.places
                and a not in self.industry_words and a not in self.modifiers}

    def short_brand(self, name: str) -> str:
        """The two-character 字号 of a name when it may stand for the company alone (X for X集团): a word jieba
        does not know or a rare one, no place, class word or generic word; else ''."""
        brand = self.parts(name).brand
        if len(brand) != 2 or brand in self.places or brand in self.closed or brand in self.modifiers or _place_word(brand):
            return ""
        if brand in self.industry_words or brand in self.left_stop or _has_bad_stop(brand):
            return ""
        return brand if _unknown_run(brand) or (freq_table().get(brand) or 0) < FREQ_RARE_HEAD else ""

    def _is_place(self, text: str) -> bool:
        return text in self.places

    def _place_prefix(self, text: str) -> str:
        best = ""
        for n in range(min(R["place_prefix_max"], len(text) - 1), 1, -1):
            if text[:n] in self.places:
                best = text[:n]
                break
        if best and len(text) > len(best) and text[len(best)] in R["place_units"] and best + text[len(best)] != text:
            best += text[len(best)]
        return best

    def _brand_ok(self, brand: str, registered: bool = False) -> bool:
        """A plausible 字号; a registered name (…有限公司) may use a common word (东方, 华夏)."""
        if not brand or brand in self.modifiers or _NUMERAL.match(brand) or brand in self.closed:
            return False
        if brand in self.industry_words or brand[0].isdigit() or brand in self._forms:
            return False  # 商贸有限公司, 2024年…: no 字号
        if brand.startswith(self._long_modifiers) and len(brand) <= R["short_modifier_brand_max"] and not (
                _modifier_then_unknown(brand, self.modifiers)):
            return False
        if _tag_table().get(brand) in R["bad_brand_tags"]:
            return False  # 轻型, 大型: a distinguishing word qualifies a product, it names nothing
        last = _words(brand)[-1]
        if len(brand) - len(last) <= 1 and _tag_table().get(last) in R["bad_brand_tags"]:
            return False  # 中|特型(变压器): a distinguishing word after at most one character qualifies a product
        if brand.endswith(self._long_gov):
            return False
        if brand[0] in R["bad_brand_openers"] or (brand[0] == AND and len(brand) > R["conjunction_brand_max"]):
            return False
        freq = freq_table().get(brand, 0) or 0
        return registered or freq < FREQ_COMMON

    def company_ok(self, name: str, need_form: bool = True, common_brand: bool = False) -> bool:
        """A company's name by its structure; ``common_brand``: the context vouches for a 字号 that is a common word
        (an item of X、Y等龙头企业), as a registered form does."""
        if len(name) < 3 and not re.search(r"[A-Za-z]", name):
            return False
        if name in self.closed or name in self.places or name in self._forms:
            return False  # 有限责任公司 alone: a legal form, no name
        if any(ch in PUNCT for ch in name):
            return False
        p = self.parts(name)
        if need_form and not p.form:
            return False
        if _ABBR_BRACKET.search(p.brand):
            return False  # 控(参)股子公司
        if not p.form and not p.brand and p.places and p.places[-1].endswith(tuple(R["town_endings"])):
            return False  # <town>街道建筑机械: a town's industry
        if not p.form and p.industry and (p.places or _place_word(p.brand)) and all(
                _tag_table().get(w) in R["formless_verb_industry_tags"] for w in p.industry_words):
            return False  # <county>投资建设, 在<county short name>建设: a verb phrase after a place
        if not p.form and p.places and (p.brand.startswith(_BUILD_VERBS) or not p.brand and p.industry_words
                                        and p.industry_words[0] in _BUILD_VERBS):
            return False  # 投资5亿元在<county>建设(锂)电池项目: a place and a building verb open a verb phrase
        if not p.form and len(p.industry_words) > 1 and (p.places and not p.brand or _place_word(p.brand)) and (
                self._common_verb(p.industry_words[0])):
            return False  # 在<county>投资|建设|汽车零部件项目: a verb phrase on a product after a place
        if self._cut_registered(p):
            return False
        if p.brand:
            if p.places and p.industry and _ORDINAL.match(p.brand):
                return True  # <county>第二棉纺厂
            if REGISTERED in p.form and p.places and p.industry and p.brand in self.modifiers and len(p.brand) >= 2:
                return True  # <province>绿色能源投资有限公司: a registered, placed name may use a modifier as its 字号
            placed_group = p.form in R["group_forms"] and bool(p.places and (p.industry or (
                name.startswith(p.places[0]) and p.places[0] in _province_names() and len(p.brand) >= 2)))  # <province>海洋集团
            registered = REGISTERED in p.form or placed_group or common_brand
            return self._brand_ok(p.brand, registered=registered) and len(p.brand) <= R["brand_max"]
        # no 字号: a place + industry + form (<city>发电公司), or place + product without form (<county>+product)
        return bool(p.places and p.industry and p.industry not in self.modifiers
                    and (p.form or len(p.industry) >= 2))

    def _cut_registered(self, p: NameParts) -> bool:
        """A registered name (有限公司, 股份公司) with no place whose 字号 is one character (捷|科技股份公司) or one
        common verb (发展|有限公司): a registered 字号 has two or more characters of its own, so this is the tail of a
        name the walk cut, not a name."""
        if p.places or not (REGISTERED in p.form or p.form in R["registered_like_forms"]):
            return False
        if len(p.brand) == 1 and _cjk(p.brand):
            return True
        return _tag_table().get(p.brand) in R["cut_brand_verb_tags"] and (freq_table().get(p.brand) or 0) >= FREQ_COMMON

    # -- boundaries ------------------------------------------------------------------------
    def left_edge(self, s: str, tokens: list[tuple[str, int, int]], pos: int, limit: int = R["left_edge_limit"]) -> int:
        """Start of a name ending at ``pos`` (exclusive of its suffix), walking tokens leftwards."""
        i = pos
        depth = 0
        idx = len(tokens) - 1
        while idx >= 0 and tokens[idx][1] >= pos:
            idx -= 1
        while idx >= 0 and pos - i < limit:
            tok, ts, te = tokens[idx]
            word = s[ts:min(te, i)]
            if not word:
                idx -= 1
                continue
            if word == CLOSE_BR:
                depth += 1
            elif word == OPEN_BR:
                if not depth:
                    break
                depth -= 1
            elif word in PUNCT or word in QUOTE_CHARS or word.isspace():
                break
            elif not self._bracket_word(s, ts, te, pos, depth):
                cut = self._walk_stop(s, tokens, idx, word, pos)
                if cut is not None:
                    return max(i, cut) if cut > ts else i
            i = ts
            idx -= 1
        return i

    def _bracket_word(self, s: str, ts: int, te: int, pos: int, depth: int) -> bool:
        """A word the walk keeps whatever its class because of a bracketed place: the place inside the brackets
        (X(<place>)有限公司, whatever jieba tags it: 始兴 an adverb), or a cue word right before them
        (X企业|(<place>)有限公司: it opens the name)."""
        if depth:
            return s.startswith(CLOSE_BR, te) and self._bracketed_place(s[ts:te])
        return s.startswith(OPEN_BR, te) and te < pos and self._bracket_place(s, te, pos) and s[ts:te] in self.left_stop

    def _walk_stop(self, s: str, tokens: list[tuple[str, int, int]], idx: int, word: str, pos: int) -> int | None:
        """Where the name starts when the walk stops at token ``idx`` (``word`` its part before the edge): the
        walk's current edge (any offset up to the token's start), a later offset (我|县|X: after the unit), or None
        when the token belongs to the name."""
        tags = _tag_table()
        _, ts, te = tokens[idx]
        if (word in EDGE_CHARS if len(word) == 1 else word in self.left_stop and te <= pos and not (
                te == pos and word in self._form_generic)):
            return ts  # a word jieba joins with the suffix (加工|厂 of 加工厂) heads the name, it does not end it
        if len(word) > 2 and te < pos and word.endswith(self._head_nouns) and all(_cjk(ch) for ch in word):
            return ts  # 民营企业|X新材料有限公司: a description ending in a head noun stands before the name
        if len(word) == 1 and word in R["determiner_chars"] and s[te:te + 1] in R["admin_unit_chars"] and (
                tags.get(word) == "r"):
            k = te + 1  # 我|县|X有限公司, 该|旗|有|X…: a determiner and an administrative unit name the county
            return k + 1 if k < pos and s[k] in R["lead_verb_chars"] else k  # 该旗有|X…: the clause's verb
        if len(word) == 1 and self._glued_verb(s, tokens, idx, pos):
            return ts  # 代表团赴|甬岚科技有限公司: a verb between a word and a 字号 jieba does not know
        if _ORDINAL.match(word):
            return None  # <county>第二棉纺厂
        if word[0].isdigit() or (word in R["time_units"] and ts > 0 and s[ts - 1].isdigit()):
            return ts
        if len(word) == 1 and word in R["count_units"] and ts > 0 and (
                s[ts - 1].isdigit() or s[ts - 1] in R["number_chars"]):
            return ts  # 中国500强|X集团, 百强|X: a number's unit, never a 字号's first character
        if (tags.get(word) in STOP_POS and word not in self.industry_words and word not in self.places
                and len(word) > 1 and te <= pos and word not in self._forms and not (
                    te == pos and (freq_table().get(word) or 0) < FREQ_WORD and (tags.get(word) in R["weak_stop_pos"] or (
                        tags.get(word) in R["registered_weak_stop_pos"] and s.startswith(REGISTERED, pos))))
                and not (te == pos and word in self._form_generic)):
            return ts
        return None

    def _bracket_place(self, s: str, at: int, pos: int) -> bool:
        """The bracket opening at ``at`` holds a place and closes right before the suffix at ``pos``."""
        close = s.find(CLOSE_BR, at)
        return close == pos - 1 and self._bracketed_place(s[at + 1:close])

    def _bracketed_place(self, text: str) -> bool:
        """A place a name may hold in brackets (X(<place>)有限公司): any place word of the country."""
        return self._is_place(text) or _place_word(text)

    def _glued_verb(self, s: str, tokens: list[tuple[str, int, int]], idx: int, pos: int) -> bool:
        """The one-character token ``idx`` is a verb or preposition (赴, 有, 至) standing after a word of two or more
        characters that is no place (代表团|赴, 企业|有) and before a run of characters jieba does not join into words
        (甬|岚) that reaches the name's industry word: it ends the name on its left, as the verb of the clause."""
        tok, ts, te = tokens[idx]
        if idx == 0 or _tag_table().get(tok) not in R["glued_verb_tags"]:
            return False
        if not self._clause_word(tokens[idx - 1][0]):
            return False
        run = 0
        for t, ts2, _ in tokens[idx + 1:]:
            if ts2 >= pos or len(t) != 1 or not _cjk(t) or t in STOP_CHARS:
                break
            run += 1
        return run >= R["unknown_run_min"]

    def _clause_word(self, word: str) -> bool:
        """A word of two or more CJK characters that is no place (代表团, 企业): a one-character verb after it is the
        clause's (代表团|赴, 企业|有), not the first character of a name."""
        return len(word) >= 2 and all(_cjk(ch) for ch in word) and word not in self.places and not _place_word(word)

    def _extend_to_place(self, s: str, start: int) -> int:
        """<place>+字号 split by the token walk (聊城|跃迁 tagged a verb, 聊城万|和): take the place back in.

        A registered name usually opens with its place; when one ends 1–4 characters left of the
        edge and stands after a boundary, the characters between are the 字号, not a verb.
        """
        if self._place_prefix(s[start:start + 9]):
            return start  # the name already opens with its place
        if start > 0 and s[start - 1] in CONJ and s.endswith(self._org_endings, 0, start - 1):
            return start  # <place>大学与|X科技有限公司: an organisation's name and a conjunction stand before it
        for gap in range(1, R["place_gap_max"] + 1):
            mid = s[start - gap:start]
            if start - gap <= 0 or any(ch in PUNCT or ch in QUOTE_CHARS or ch.isdigit() for ch in mid):
                return start
            if gap == 1 and mid in EDGE_CHARS:
                listed = self._listed_place(s, start - 1)
                if listed >= 0:
                    return listed  # 甲有限公司、<county>同|丰X有限公司: an item of a list of names opens with its place
            if mid[0] in EDGE_CHARS or mid[0] in R["place_gap_units"] or mid in self.left_stop:
                continue
            if self._clause_gap(mid):
                return start  # <county>先后与|X有限公司: an adverb or time word between is the clause's, no 字号
            for n in range(min(6, start - gap), 1, -1):
                b = start - gap - n
                head = s[b:start - gap]
                if head in self.places and (b == 0 or s[b - 1] in PUNCT or s[b - 1] in EDGE_CHARS
                                            or s[b - 1] in QUOTE_CHARS or self._stop_before(s, b)):
                    return b
        return start

    def _listed_place(self, s: str, pos: int) -> int:
        """Start of a place that ends at ``pos`` and opens an item of a list of registered names (the item before the
        separator ends in a legal form): a function character after it (同, 和, 与) is the first of the 字号, not the
        clause's word, since a list item of names holds no clause. -1 when there is none."""
        for n in range(min(6, pos - 1), 1, -1):
            b = pos - n
            if (s[b:pos] in self.places or _place_word(s[b:pos])) and s[b - 1] == SEP and s.endswith(self._long_forms, 0, b - 1) and REGISTERED in (
                    s[max(0, b - 1 - R["registered_item_reach"]):b - 1]):
                return b
        return -1

    def _clause_gap(self, mid: str) -> bool:
        """The characters between a place and a cut name are the clause's: a function character before the last one
        (the last, where the walk stopped, may open the 字号: <place>同|丰…, 信|和), 的 or 了 as the last, a government
        word, or a word of two or more characters of a function class (先后, 已经, 分别: adverb, time word, pronoun,
        preposition, conjunction) and of common use (a rare word so tagged, like a place's 字号, may open a name)."""
        tags = _tag_table()
        if any(ch in STOP_CHARS for ch in mid[:-1]) or mid[-1] in (ATTR, *R["boundary_particles"]) or any(
                len(g) > 1 and g in mid for g in self.gov_words):
            return True  # <county>X工业区的|Y…, <county>人民政府还和|Y…, <county>成功引进了|Y…
        return any(len(w) >= 2 and tags.get(w) in R["place_gap_stop_tags"] and (freq_table().get(w) or 0) >= FREQ_WORD
                   for w in _words(mid))

    def _across_conjunction(self, s: str, start: int, suffix_end: int) -> int:
        """A name cut at 和/与/及 that leaves a 字号 of one character or none: the 和 belongs to it.

        <place>和X集团 (the place stands before 和), or X和<industry>有限公司 after a boundary.
        """
        if start < 1 or s[start - 1] not in CONJ or not _cjk(s[start]):
            return start
        p = self.parts(s[start:suffix_end])
        brand = "" if p.brand in self.industry_words else p.brand  # 铜业|有限公司: parts() keeps one word as 字号
        inner = self._inner_and(s, start)
        if inner < start:
            return inner
        if p.places or len(brand) > 1:
            return start
        if len(brand) == 1 and s[start - 1] == AND and self._boundary_before(s, start - 1):
            return start - 1  # 。|和X机械集团有限公司
        for n in range(min(6, start - 1), 1, -1):
            if s[start - 1 - n:start - 1] in self.places:
                return start - 1 - n
        if brand or start < 2 or not _cjk(s[start - 2]) or s[start - 2] in STOP_CHARS:
            return start
        b = start - 2  # 在|甲和|智能科技有限公司: a two-character 字号 ending in 和
        for n in range(min(6, b), 1, -1):
            if s[b - n:b] in self.places:
                return b - n  # 聊城市|乙和|医疗器械有限公司
        return b if s[b - 1:b] in EDGE_CHARS or self._boundary_before(s, b) else start

    def _inner_and(self, s: str, start: int) -> int:
        """<place>三和|X公司: a name cut at 和 whose one character before it stands after a place word that stands after
        a boundary (or right after the boundary itself): 和 is inside the 字号 (三和, 六和), since one character is no
        name to join; the name starts at the place (or that character). ``start`` when there is none."""
        if s[start - 1] != AND or start < 2 or not _cjk(s[start - 2]) or s[start - 2] in STOP_CHARS:
            return start
        b = start - 2
        if b > 0 and (s[b - 1] in PUNCT or s[b - 1] in QUOTE_CHARS):
            return b
        for n in range(min(6, b), 1, -1):
            head = s[b - n:b]
            if (head in self.places or _place_word(head)) and (b - n == 0 or s[b - n - 1] in PUNCT or s[
                    b - n - 1] in QUOTE_CHARS or self._stop_before(s, b - n)):
                return b - n
        return start

    def _extend_registered(self, s: str, start: int, end: int) -> int:
        """A registered name cut at a verb inside its 字号 (…|导航技术股份有限公司 has no 字号): take it back to the
        place it opens with (山东X导航技术股份有限公司), when one stands within ``place_gap_max`` * 2 characters."""
        p = self.parts(s[start:end])
        trade_only = self._trade_only(p.brand)
        if p.brand and p.brand not in self.industry_words and (freq_table().get(p.brand) or 0) < FREQ_WORD and not (
                self._common_words(p.brand)) and not trade_only:
            return start  # a rare 字号 of its own: the name is whole (技术|服务 is two common words, no 字号)
        k = start
        while k > 0 and start - k < 2 * R["place_gap_max"] + 2 and _cjk(s[k - 1]) and s[k - 1] not in EDGE_CHARS:
            k -= 1
        for b in range(k, start):  # farthest first: the name opens with its place
            name = s[b:end]
            if self._place_prefix(name) and self.company_ok(name):
                return b
        if not p.brand or p.brand in self.industry_words or trade_only:  # 甲乙|未来科技发展有限公司: a time word cut a 字号 jieba does not know
            for b in range(max(k, start - R["cut_brand_max"]), start - 1):
                name = s[b:end]
                brand = self.parts(name).brand
                if s[b - 1:b] in PUNCT or s[b - 1:b] in EDGE_CHARS or b == 0 or self._stop_before(s, b):
                    if (_unknown_run(brand[:start - b]) or trade_only and self._plain_run(s[b:start])) and self.company_ok(
                            name) and not _has_bad_stop(brand) and not any(w in brand for w in self._stop_words_long):
                        return b
        return start

    def _trade_only(self, brand: str) -> bool:
        """A 字号 made only of industry words and forms (工程|集团 of 工程集团有限责任公司): the name has no 字号 of its own,
        the walk cut it."""
        words = _words(brand)
        return len(words) >= 2 and all(w in self.industry_words or w in self._forms for w in words)

    def _plain_run(self, run: str) -> bool:
        """Words between a boundary and a cut registered name that may be its 字号: words of two or more characters, none
        a cue or deal word, none of a function class (pronoun, adverb, preposition, numeral, time, locative)."""
        words = _words(run)
        tags = _tag_table()
        return bool(words) and all(len(w) >= 2 and all(_cjk(ch) for ch in w) and w not in self.left_stop
                                   and not w.startswith(self.deal_verbs) and w not in self.places
                                   and tags.get(w) not in R["plain_run_stop_tags"] for w in words)

    def _clause_verb_start(self, s: str, tokens: list[tuple[str, int, int]], start: int, end: int) -> int:
        """A registered name opening with a one-character verb (有, 为) that stands alone after a word of two or more
        characters (签约企业|有|X(云南)…有限公司) or after 的 (…项目的|有|X有限公司): the verb is the clause's, the name
        starts after it."""
        tok = next(((t, ts) for t, ts, te in tokens if ts == start and te == start + 1), None)
        if tok is None or _tag_table().get(tok[0]) not in R["glued_verb_tags"] or tok[0] in EDGE_CHARS:
            return start
        rest = s[start + 1:end]
        before = next((t for t, _, te in tokens if te == start), "")
        if not self._clause_word(before) and before != ATTR:
            return start  # …项目的|有|X有限公司: after 的 the verb opens a list of what the clause has
        p = self.parts(rest)
        return start + 1 if len(p.brand) >= 2 and self.company_ok(rest) else start

    def _role_noun_start(self, s: str, tokens: list[tuple[str, int, int]], start: int, end: int) -> int:
        """A registered name opening with a one-character party noun (方, 商) right after a verb of two or more
        characters (项目实施|方|<place>X有限公司: 实施方, the party that carries it out): the verb and the noun are one
        role word jieba splits; the name starts after it when the rest opens with its place."""
        if s[start:start + 1] not in R["role_noun_chars"]:
            return start
        verb = next((t for t, _, te in tokens if te == start), "")
        if len(verb) < 2 or _tag_table().get(verb) not in ("v", "vn"):
            return start
        rest = s[start + 1:end]
        opens_place = bool(self._place_prefix(rest)) or _place_word(_words(rest)[0])
        return start + 1 if opens_place and self.company_ok(rest) else start

    @staticmethod
    def _bracketed_form(s: str, m: re.Match[str]) -> bool:
        """A form right before a closing bracket that belongs to a longer name (X(集团)有限公司): at most
        ``bracket_form_gap`` characters after the opening bracket; (X有限公司、Y有限公司) is a list in brackets."""
        opened = s.rfind(OPEN_BR, 0, m.start())
        return m.end() < len(s) and s[m.end()] == CLOSE_BR and opened > s.rfind(CLOSE_BR, 0, m.start()) and (
            m.start() - opened - 1 <= R["bracket_form_gap"] and SEP not in s[opened:m.start()])

    def _branch(self, s: str, start: int, m: re.Match[str], out: list[OrgMention]) -> OrgMention | None:
        """X公司|<place>分公司: a branch named by its place right after a company's name is that company's branch,
        named as a whole (the gold and the register name it so); the place alone before 分公司 is no name. One of China's
        seven regions (华北, 华南 …) names a branch as a place does."""
        if m.group() not in R["branch_forms"]:
            return None
        for parent in out:
            if parent.label != "Company" or not start <= parent.end < m.start():
                continue
            place = s[parent.end:m.start()]
            if place in self.places or _place_word(place) or self._is_place(place) or place in R["branch_regions"]:
                return OrgMention(parent.start, m.end(), s[parent.start:m.end()], "Company", "suffix", parent.confidence)
        return None

    def _factory_core(self, s: str, tokens: list[tuple[str, int, int]], m: re.Match[str], name: str) -> str:
        """<place>X材料|加工厂: when jieba joins a trade word with 厂 (加工厂), the name before that word is judged as a
        name (place or 字号 + industry word); returns it, or "" (农产品|加工厂, 服装|加工厂 have no 字号)."""
        if m.group() != R["factory_form"] or s[m.end():m.end() + 1] in self.factory_stops:
            return ""  # 厂房, 厂区: a building
        head = next((s[ts:m.start()] for _, ts, te in tokens if ts < m.start() < te), "")
        if len(head) < 2 or not name.endswith(head + m.group()):
            return ""
        core = name[:-len(head) - len(m.group())]
        p = self.parts(core)
        ok = bool(p.industry) and len(p.brand) >= 2 and self.company_ok(core + m.group()) and self._name_like(core + m.group())
        return core if ok else ""

    def _placed_plant(self, s: str, tokens: list[tuple[str, int, int]], m: re.Match[str], name: str) -> bool:
        """<place>|造船厂, <place>|卷烟厂: a place and a word of the dictionary ending in 厂 (a kind of plant jieba
        joins with it), maybe after product nouns (<place>|油泵|油嘴|厂, <place>|<place>|日用|工艺厂): a plant named by
        its place, as a registered name is (大连造船厂). Not a utility (placed_plant_not: 污水处理厂) nor a building
        (厂房); the words between the place and the form are nouns."""
        if m.group() != R["factory_form"] or s[m.end():m.end() + 1] in self.factory_stops:
            return False
        k, pos = 0, 0
        while pos < len(name) - len(m.group()):
            head = self._place_word_prefix(name[pos:])
            if not head:
                break
            pos += len(head)
            k += 1
        rest = name[pos:]
        if not k or len(rest) < 3 or rest.endswith(tuple(R["placed_plant_not"])):
            return False
        start = m.end() - len(name)
        words = [t for t, ts, te in tokens if ts >= start + pos and te <= m.end()]
        if "".join(words) != rest:
            return False
        tags = _tag_table()
        last = words[-1]
        if not (len(last) >= 3 and last.endswith(m.group()) or last == m.group() and len(words) >= 3):
            return False  # the trade word is jieba's (造船厂), or two product words before 厂 (油泵|油嘴|厂)
        return all(tags.get(w) in R["placed_plant_tags"] for w in (words[:-1] if last == m.group() else words))

    def _common_words(self, text: str) -> bool:
        """``text`` is two or more common words of the dictionary (技术|服务): a trade phrase, not a 字号."""
        words = _words(text)
        return len(words) >= 2 and all(len(w) > 1 and (freq_table().get(w) or 0) >= FREQ_WORD for w in words)

    def _strip_deal_verb(self, name: str) -> str:
        """控股|山东X有限公司, 入股|东阿X公司: a deal verb the token walk kept is not part of a 字号; nor is the buyer
        named before it (甲集团|重组|乙有限责任公司: a form, then the verb, then the name it acts on)."""
        for verb in self.deal_verbs:
            k = name.find(verb)
            if k >= 0 and (k == 0 or name.endswith(self._form_tuple, 0, k)) and self.company_ok(name[k + len(verb):]):
                return name[k + len(verb):]
        return name

    def _strip_glued(self, name: str) -> str:
        """产业园|X机械有限公司, 台企|X…有限公司: a park, project or origin noun glued before a name is no part of it."""
        m = _GLUED.match(name)
        if m and self._place_prefix(name) in ("", m.group()) and self.company_ok(name[m.end():]):
            return name[m.end():]
        return name

    def _boundary_before(self, s: str, pos: int) -> bool:
        """Nothing a conjunction could join ends at ``pos``: text start, punctuation, 了, a cue word or deal verb."""
        return pos == 0 or s[pos - 1] in PUNCT or s[pos - 1] in QUOTE_CHARS or s[pos - 1] in R["boundary_particles"] or (
            s.endswith(self._cue_words, 0, pos)) or s.endswith(self.deal_verbs, 0, pos)

    def _stop_before(self, s: str, pos: int) -> bool:
        """A function word or cue verb ends right before ``pos`` (包括|聊城…)."""
        return s.endswith(self._stop_words_long, 0, pos)

    # -- rules -----------------------------------------------------------------------------
    def find(self, s: str, tokens: list[tuple[str, int, int]] | None = None,
             breaks: Iterable[int] = ()) -> list[OrgMention]:
        """Organisation names of the cleaned sentence ``s``; ``breaks`` are offsets in ``s`` where the article had a
        line break (dropped by cleaning): no name runs across one (_after_break)."""
        tokens = tokens if tokens is not None else tokenize(s)
        found: list[OrgMention] = []
        found += self._by_suffix(s, tokens)
        found += self._by_enumeration(s, tokens)
        if self.lead_re.search(s):
            found += self._by_lead_head(s, tokens)
        first_shape = self.shape_word_re.search(s)  # the first shape word (the subject triggers start there)
        shape_at = first_shape.start() if first_shape is not None else -1
        found += self._by_subject(s, shape_at)
        found += self._by_list_cues(s)
        if shape_at >= 0:
            found += self._by_strong_brand(s, tokens or tokenize(s))
        if self.bare_verb_re.search(s):
            found += self._by_bare_subject(s)
        if _STOCK_CODE.search(s):
            found += self._by_stock_code(s, tokens or tokenize(s))
        if _PLANT.search(s):
            found += self._by_plant_owner(s, tokens)
        found = [o for o in found if not self._screened_out(o) and not _product_line(s, o) and not _inside_zone(s, o)
                 and not self._indefinite(s, o)]
        # a name screened out above vouches for nothing below
        if found and _PARTNER_OBJECT.search(s):
            found += self._partner_objects(s, found)
        if _SUPPLY_OBJECT.search(s):
            found += self._supply_objects(s, found)
        if SEP in s and _CUSTOMER_CLOSE.search(s):
            found += self._customer_list(s, found)
        if s.count(SEP) >= R["shaped_list_min_items"] - 1:
            found += self._by_list_kind(s, found, tokens)
        if found and (SEP in s or "和" in s or "及" in s):
            found += self._siblings(s, found, tokens)
            if SEP in s and ATTR in s:
                found += self._owner_siblings(s, found)
        found = [self._function_lead(s, tokens, o) for o in found]
        found = [self._unglue(o) for o in found
                 if not self._screened_out(o) and not _product_line(s, o) and not _inside_zone(s, o)
                 and not self._indefinite(s, o) and not _mid_word(s, tokens, o)]
        if breaks:
            found = [self._after_break(s, o, breaks) for o in found]
        return _dedupe(found)

    def _after_break(self, s: str, o: OrgMention, breaks: Iterable[int]) -> OrgMention:
        """A company name the rules ran across a line break of the article (a headline, a photo credit or a byline on
        the line before: 促进…发展|⏎|X塑胶制品有限公司, (某某摄)|⏎|X…): the layout repair keeps a break only between
        paragraphs, so the name starts after the last break inside it, when that part is a name by itself."""
        inner = [b for b in breaks if o.start < b < o.end]
        if o.label != "Company" or not inner:
            return o
        b = max(inner)
        rest = s[b:o.end]
        form = bool(self.parts(o.name).form)
        if not (self.company_ok(rest, need_form=form) and (form or self._item_ok(rest, listed=True))):
            return o
        return OrgMention(b, o.end, rest, o.label, o.rule, o.confidence, o.kind)

    def _screened_out(self, o: OrgMention) -> bool:
        """A company name that the rules' common screens reject (a phrase, a slogan, a product, a place's sector)."""
        return o.label == "Company" and (
            o.name.endswith(self.non_company_endings) or self._phrase_name(o.name) or _garbled(o.name)
            or self._paired_slogan(o.name) or self._noun_phrase_brand(o) or self._place_subject(o)
            or self._common_word_brand(o) or self._place_sector(o) or _counted(o.name)
            or self._one_char_brand(o)
            or self._county_anaphor(o) or self._generic_trade(o))

    def _generic_trade(self, o: OrgMention) -> bool:
        """<province><county>|工业, 民生|工业: a formless name whose industry part is only a generic economy word
        (generic_trade_words) names a place's or a field's industry, not a company."""
        p = self.parts(o.name)
        return not p.form and p.industry in R["generic_trade_words"]

    def _county_anaphor(self, o: OrgMention) -> bool:
        """我县|成功, 该市|X: a formless name opening with a determiner and an administrative unit (determiner_chars,
        admin_unit_chars) is the county speaking of itself, the clause's subject."""
        return len(o.name) > 2 and o.name[0] in R["determiner_chars"] and o.name[1] in R["admin_unit_chars"] and (
            not self.parts(o.name).form)

    def _indefinite(self, s: str, o: OrgMention) -> bool:
        """一家|石墨股份有限公司: a suffix name after an indefinite count of firms (indefinite_before) with no place and
        a 字号 of common dictionary words only describes a kind of company."""
        if o.rule != "suffix" or not _INDEFINITE.search(s, 0, o.start):
            return False
        p = self.parts(o.name)
        return not p.places and all((freq_table().get(w) or 0) >= FREQ_NOUNISH for w in _words(p.brand))

    def _one_char_brand(self, o: OrgMention) -> bool:
        """磷|化工: a formless name with no place whose 字号 is one character before an industry word of two or more
        is a material and its trade, not a name (a 字号 has two characters or more, as names21 found for registered
        names; 宝|钢-like abbreviations have a one-character trade)."""
        p = self.parts(o.name)
        return not p.form and not p.places and len(p.brand) == 1 and len(p.industry) >= 2

    def _noun_phrase_brand(self, o: OrgMention) -> bool:
        """动力|锂 电池: a formless name (rules ``noun_phrase_rules``) whose 字号 opens with a common dictionary noun
        (jieba tag n, two or more characters, frequency at least FREQ_WORD) and goes on with more words is a product
        phrase (a noun qualifying the product), not a 字号: 字号 are proper or rare words."""
        if o.rule not in R["noun_phrase_rules"]:
            return False
        p = self.parts(o.name)
        words = _words(p.brand)
        if p.form or len(words) < 2 or len(words[0]) < 2:
            return False
        return _tag_table().get(words[0]) == "n"

    def _common_word_brand(self, o: OrgMention) -> bool:
        """A formless name (rules ``common_word_brand_rules``) with no place before its 字号 whose 字号 is made only
        of words of the common vocabulary (jieba tags ``common_word_brand_tags``: common nouns, adjectives,
        distinguishing words, conjunctions; each ``common_word_brand_min`` characters or more) describes a state of
        affairs or a kind of product (人居|环境; a common noun before an industry word), not a company: a 字号
        carries a proper or rare word. A name the dictionary holds whole as a proper word (jieba tags
        ``proper_noun_tags``) stays."""
        if o.rule not in R["common_word_brand_rules"]:
            return False
        p = self.parts(o.name)
        if p.form or p.places or not p.brand or _tag_table().get(o.name, "") in PROPER_TAGS:
            return False
        words = _words(p.brand)
        tags = _tag_table()
        return all(tags.get(w) in R["common_word_brand_tags"] for w in words) and all(
            len(w) >= R["common_word_brand_min"] for w in words)

    def _place_sector(self, o: OrgMention) -> bool:
        """A formless name (rules ``place_sector_rules``) made of a place and industry words only, each word of them a
        common dictionary noun (frequency at least ``nounish_word_freq``: 农业, 汽车, 陶瓷) names the place's sector
        (<city>农业, <county>新能源汽车), not a company; a rare trade word (X铝业, X阿胶) keeps the name."""
        if o.rule not in R["place_sector_rules"]:
            return False
        p = self.parts(o.name)
        if p.form or p.brand or not p.places or not p.industry:
            return False
        return all((freq_table().get(w) or 0) >= FREQ_NOUNISH for w in _words(p.industry))

    def _place_subject(self, o: OrgMention) -> bool:
        """A clause subject read as a formless name (rule ``subject``) whose 字号 opens with a place word of the
        country (jieba tag ns, a county's or town's short name elsewhere) or that holds a zone word (开发区, 工业园区)
        is a place doing something (<county>开发区|在列), not a company."""
        if o.rule not in R["place_subject_rules"]:
            return False
        if any(z in o.name for z in ZONE_WORDS):
            return True
        words = _words(self.parts(o.name).brand)
        return bool(words) and _tag_table().get(words[0]) == R["place_tag"] and _place_word(words[0])

    def _by_stock_code(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """X(600999), X(股票代码:002999): a name followed by a listed company's stock code in brackets is that company,
        whatever its 字号 (a dictionary word, a short name): only a listed company carries one. The name runs back
        from the bracket as a suffix name's 字号 does (left_edge), then loses a leading verb or cue (_trim)."""
        out: list[OrgMention] = []
        for m in _STOCK_CODE.finditer(s):
            end = m.start()
            start = self.left_edge(s, tokens, end)
            start, name = self._trim(start, s[start:end], s)
            if len(name) < 2 or len(name) > R["stock_name_max"] or not all(_cjk(ch) for ch in name):
                continue
            p = self.parts(name)
            if (not p.brand and not p.form) or name in self.places or name in self.closed or self._is_place(name) or (
                    name.endswith(tuple(self.inst_kinds))):
                continue
            out.append(OrgMention(start, end, name, "Company", "listed", CONF["listed"]))
        return out

    def _function_lead(self, s: str, tokens: list[tuple[str, int, int]], o: OrgMention) -> OrgMention:
        """就|X电机公司, 将使|X公司: a company name opening with a one-character token of a function class (a
        preposition or conjunction: jieba tags ``lead_function_tags``), or with a one-character verb right after a
        one-character adverb (the clause's verb: an adverb qualifies a verb, never a 字号), starts after that token
        when the rest is a name with a 字号 of two or more characters."""
        if o.label != "Company" or len(o.name) < 4:
            return o
        tags = _tag_table()
        k = next((k for k, (_, ts, te) in enumerate(tokens) if ts == o.start), -1)
        if k < 0 or tokens[k][2] != o.start + 1:
            return o
        tok = tokens[k][0]
        if tok in OPENING_CHARS or not _cjk(tok):
            return o
        if tags.get(tok) not in R["lead_function_tags"]:
            j = k - 1
            while j >= 0 and len(tokens[j][0]) == 1 and tags.get(tokens[j][0]) in R["glued_verb_tags"]:
                j -= 1  # 已|落|有 X: the verbs after the adverb
            if tags.get(tok) not in R["glued_verb_tags"] or j < 0 or len(tokens[j][0]) != 1 or tags.get(
                    tokens[j][0]) not in R["lead_adverb_tags"]:
                return o
        rest = o.name[1:]
        p = self.parts(rest)
        if len(p.brand) < 2 and not p.places or not self.company_ok(rest, need_form=bool(p.form)):
            return o
        o.start, o.name = o.start + 1, rest
        return o

    def _paired_slogan(self, name: str) -> bool:
        """大|开发|大(建设), 早|动工|早: a one-character word opening the name comes back after a verb — the paired
        parallel phrase of a slogan (X动词X动词), not a 字号."""
        toks = _words(name)
        return len(toks) >= 3 and len(toks[0]) == 1 and toks[2] == toks[0] and _tag_table().get(toks[1]) in (
            R["slogan_verb_tags"])

    def _phrase_name(self, name: str) -> bool:
        """A name without form or industry word made of common words of the dictionary only, one of them a verb or
        another clause word (现有|加工): the words of the clause, not a 字号 (世纪|阳光, two nouns, may be one)."""
        p = self.parts(name)
        return not p.form and not p.industry and not p.places and self._common_words(name) and any(
            _tag_table().get(w) in STOP_POS or _tag_table().get(w) in R["phrase_word_tags"] for w in _words(name))

    def _by_plant_owner(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """A brand before a place and a plant word names the plant's owner (驶向X斯拉|<city>|超级工厂): a word the
        dictionary tags as a transliterated or other proper name and does not know as a common word (nounish_word_freq),
        wherever it stands in the sentence."""
        tags = _tag_table()
        out: list[OrgMention] = []
        for k in range(len(tokens) - 1):
            tok, ts, te = tokens[k]
            nxt, _, ne = tokens[k + 1]
            if (len(tok) < 2 or tags.get(tok) not in R["plant_owner_tags"] or nxt not in self.places
                    or not _PLANT.match(s, ne)):
                continue
            if tok in self.places or tok in self.closed or tok in self.industry_words or tok in self.left_stop or (
                    freq_table().get(tok) or 0) >= FREQ_NOUNISH:
                continue  # 约翰: a common given name, not a brand
            out.append(OrgMention(ts, te, tok, "Company", "subject", CONF["subject"]))
        return out

    def _partner_objects(self, s: str, found: list[OrgMention]) -> list[OrgMention]:
        """The partner of a company signing an agreement (X集团与<country>Y签署…协议): <place> + a short 字号
        without industry word is a company there, as it would be after the verb (see partner_object)."""
        out: list[OrgMention] = []
        ends = {o.end for o in found if o.label == "Company"}
        lo, hi = R["partner_object_brand_len"]
        for m in _PARTNER_OBJECT.finditer(s):
            if m.start() not in ends:
                continue
            name = m.group(1)
            p = self.parts(name)
            if p.places and not p.form and lo <= len(p.brand) <= hi and not any(
                    name.endswith(k) for k in (*self.inst_kinds, *self.inst_abbr)) and self._item_ok(name, listed=True):
                out.append(OrgMention(m.start(1), m.end(1), name, "Company", "subject", CONF["subject"]))
        return out

    def _supply_objects(self, s: str, found: list[OrgMention]) -> list[OrgMention]:
        """The customer in a supply slot (X是Y的一级供应商, 为Y配套, 与Y签订供货协议): a bare brand there is a company
        when jieba tags it a proper noun, or does not know it, and it is no common word (nounish_word_freq), place,
        industry or generic customer (客户, 主机厂: supply_object_generic)."""
        out: list[OrgMention] = []
        taken = [(o.start, o.end) for o in found]
        tags, freq = _tag_table(), freq_table()
        for m in _SUPPLY_OBJECT.finditer(s):
            name = next(g for g in m.groups() if g)
            a = m.start(m.lastindex or 1)
            b = a + len(name)
            if any(x < b and a < y for x, y in taken) or name in self.places or name in self.closed:
                continue
            if name in self.industry_words or name.endswith(_SUPPLY_GENERIC) or (freq.get(name) or 0) >= FREQ_NOUNISH:
                continue
            tag = tags.get(name)
            if not (_unknown_run(name) or tag in PROPER_TAGS and tag != "ns") or name[0] in self.surnames and len(name) <= 3 and tag in ("nr", "nrfg"):
                continue
            out.append(OrgMention(a, b, name, "Company", "subject", CONF["subject"]))
        return out

    def _customer_list(self, s: str, found: list[OrgMention]) -> list[OrgMention]:
        """Customers listed by bare brands (organisations.json ``customer_list``): X拥有A、B、C等长期合作的客户,
        为A、B等大型企业的产品配套 — each 、-item before 等 and a customer head is a company, though jieba knows it
        as a word, when the head is 客户 or the clause holds a supply cue; not a place, industry word, closed word
        or generic customer. The first item opens after the last opener of its clause (拥有A, 为A) or at its start."""
        out: list[OrgMention] = []
        taken = [(o.start, o.end) for o in found]
        lo, hi = _CUSTOMER_LIST["item_len"]
        for m in _CUSTOMER_CLOSE.finditer(s):
            a = max(s.rfind(ch, 0, m.start()) for ch in _CLAUSE_PUNCT) + 1
            items = s[a:m.start()].split(SEP)
            if len(items) < 2:
                continue
            first = items[0]
            cut = next((k + len(w) for k in range(len(first)) for w in _CUSTOMER_LIST["openers"]
                        if first.startswith(w, k) and lo <= len(first) - k - len(w) <= hi), None)
            if cut is None:
                cut = 0 if lo <= len(first) <= hi else len(first)
            if not customer_close(s, a + cut, m.start(), clause=a):
                continue
            pos = a + cut
            spans = [(pos, pos + len(first) - cut)]
            pos = a + len(first) + 1
            for item in items[1:]:
                spans.append((pos, pos + len(item)))
                pos += len(item) + 1
            spans = [(x, y) for x, y in spans if y > x]
            kinds = [self._listed_kind(s[x:y], any(p < y and x < q for p, q in taken)) for x, y in spans]
            if kinds.count("name") <= kinds.count("product"):
                continue  # 原材料、辅料等配套企业: a list of trades, not of customers
            for x, y in spans:
                name = s[x:y]
                if not (lo <= len(name) <= hi) or not _CUSTOMER_ITEM.fullmatch(name):
                    continue
                if any(p < y and x < q for p, q in taken) or name in self.places or name in self.closed \
                        or name in self.industry_words or name.endswith(_SUPPLY_GENERIC) \
                        or any(name.endswith(k) for k in self.inst_kinds):
                    continue
                out.append(OrgMention(x, y, name, "Company", "subject", CONF["subject"]))
        return out

    def _listed_kind(self, item: str, found: bool) -> str:
        """What a list item looks like: "name" (a company found there, Latin letters, or after a leading place a
        proper noun or a word jieba does not know), "product" (a common noun of the dictionary, or a phrase ending
        in one: 原材料, 生产辅件) or "other" (a verb, a number word)."""
        toks = list(_words(item))
        if toks and toks[0] in self.places and len(toks) > 1:
            toks = toks[1:]
        rest = "".join(toks)
        tags = _tag_table()
        if not toks:
            return "other"
        if found or _LATIN.search(rest) or (len(toks) == 1 and tags.get(rest) in PROPER_TAGS) or _unknown_run(rest) \
                or (len(toks) == 1 and tags.get(rest) is None):
            return "name"
        if tags.get(toks[-1]) in R["common_noun_tags"]:
            return "product"
        return "other"

    def _unglue(self, o: OrgMention) -> OrgMention:
        """台企|X电子, 产业园|X科技: a park, project or origin noun glued before any name is no part of it."""
        if o.label == "Company" and o.name.startswith(OPEN_BR) and CLOSE_BR in o.name:
            k = o.name.index(CLOSE_BR) + 1  # (某某摄)|X有限公司, (资料图)|X…: a name never opens with a bracket
            if self.company_ok(o.name[k:], need_form=bool(self.parts(o.name).form)) and self._item_ok(o.name[k:], listed=True):
                o.start, o.name = o.start + k, o.name[k:]
        m = _GLUED.match(o.name) if o.label == "Company" else None
        if m and self._place_prefix(o.name) in ("", m.group()) and self._item_ok(o.name[m.end():], listed=True):
            o.start, o.name = o.start + m.end(), o.name[m.end():]
        if o.label == "Company":
            o.end, o.name = o.end - len(o.name) + len(self._closed_name(o.name)), self._closed_name(o.name)
            m = _PHASE.search(o.name)
            if m and m.start() >= 4 and not self.parts(o.name).form:
                o.end, o.name = o.end - len(o.name) + m.start(), o.name[:m.start()]  # X陶瓷|二期: the project's phase
        return o

    def _closed_name(self, name: str) -> str:
        """X科技|新材料 (项目), X集团|新能源: in a name without legal form, a word that closes a name (科技, 集团) ends
        it; industry words after it name the project's or product's trade, not the company."""
        p = self.parts(name)
        if p.form or not p.brand or len(p.industry_words) < 2:
            return name
        words = p.industry_words
        last = max((k for k, w in enumerate(words) if w in self._closing_words), default=-1)
        if last < 0 or last == len(words) - 1:
            return name
        return name[:len(name) - sum(len(w) for w in words[last + 1:])]

    def _sibling_shape(self, name: str) -> bool:
        """字号 + industry word, or a 字号 jieba does not know or knows as a rare word."""
        p = self.parts(name)
        return bool(p.industry) or _unknown_run(p.brand) or self._rare_brand(p.brand)

    def _trade_group(self, name: str) -> bool:
        """A trade word + 集团 (电缆集团) beside a found company in a 、-list: the group of that trade the article's place
        is known for, named by its trade (it has no 字号 of its own)."""
        p = self.parts(name)
        return p.form == R["trade_group_form"] and not p.places and not p.industry and p.brand in self.industry_words

    def _sibling_ok(self, name: str) -> bool:
        """A list item with a 字号 of its own that ends in no place or government unit (X村, X医院 are no companies)."""
        brand = self.parts(name).brand
        return bool(brand) and not name.endswith(tuple(R["government_single_chars"]) + self._long_gov) and not any(
            name.endswith(k) for k in self.inst_kinds)

    def _siblings(self, s: str, found: list[OrgMention], tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """Items of a 、-list beside a company (走访了X化工、Y织业): name-shaped items of the same list are companies
        too, unless an item of the list is a product or trade word (lists are of one kind). Each list shape around
        a company has its own reader: an item joined after it by 和/及, one joined before a list it opens, the
        items of its 、-list."""
        out: list[OrgMention] = []
        lists: list[list[tuple[int, int]]] = []
        known = {(o.start, o.end) for o in found}
        for o in [o for o in found if o.label == "Company"]:
            lo = max((s.rfind(ch, 0, o.start) for ch in ",;:。!?(“"), default=-1) + 1
            hi = min((k for k in (s.find(ch, o.end) for ch in ",;:。!?)”") if k >= 0), default=len(s))
            self._conjoined_sibling(s, o, hi, out, known)
            self._sibling_before_list(s, o, lo, found, tokens, out, known)
            if s[o.start - 1:o.start] != SEP and s[o.end:o.end + 1] != SEP:
                continue
            spans = _list_item_spans(s, lo, hi)
            if any(self._product_item(s[b:e]) for b, e in spans if (b, e) not in known):
                continue
            lists.append(spans)
            self._listed_siblings(s, o, lo, spans, tokens, out, known)
        return out + self._sibling_peers(s, tokens, lists, found + out, known)

    def _conjoined_sibling(self, s: str, o: OrgMention, hi: int, out: list[OrgMention],
                           known: set[tuple[int, int]]) -> None:
        """The item joined after company ``o`` by 和/及 (up to ``hi``, its clause's end): a sister company before a
        joint verb (X光伏和X储能联合申报), or the last item of a list (引进了X科技和Y药业。)."""
        joint = _JOINT_VERB.search(s, o.end + 1, hi) if s[o.end:o.end + 1] in ("和", "及") else None
        if joint and self._joint_sibling_ok(o.name, s[o.end + 1:joint.start()]) and (
                o.end + 1, joint.start()) not in known:
            _take_item(out, known, s, o.end + 1, joint.start())  # X光伏和X储能联合申报: a sister company of the same group
        elif s[o.end:o.end + 1] in ("和", "及") and 0 < hi - o.end - 1 <= R["item_max"]:
            b, name = o.end + 1, s[o.end + 1:hi]  # 引进了X科技和Y药业。: the last item joined by a conjunction
            if (b, hi) not in known and self._listed_ok(name) and self.parts(name).industry and (
                    self._sibling_ok(name)) and not self._product_item(name):
                _take_item(out, known, s, b, hi)

    def _sibling_before_list(self, s: str, o: OrgMention, lo: int, found: list[OrgMention],
                             tokens: list[tuple[str, int, int]], out: list[OrgMention],
                             known: set[tuple[int, int]]) -> None:
        """由X生猪和Y饲料、Z公司合作: the item joined by a conjunction before company ``o`` opening a list of
        companies (a company right after it); its left edge no further than ``lo``, the clause's start."""
        if o.start > 1 and s[o.start - 1] in R["list_join_conjunctions"] and s[o.end:o.end + 1] == SEP and any(
                c.start == o.end + 1 for c in found if c.label == "Company"):
            e = o.start - 1
            b = self._first_item(s, tokens or tokenize(s), e)
            name = s[b:e]
            if lo <= b < e and (b, e) not in known and self._listed_ok(name) and self._sibling_ok(name) and (
                    not self._product_item(name)):
                _take_item(out, known, s, b, e)

    def _listed_siblings(self, s: str, o: OrgMention, lo: int, spans: list[tuple[int, int]],
                         tokens: list[tuple[str, int, int]], out: list[OrgMention],
                         known: set[tuple[int, int]]) -> None:
        """The name-shaped items ``spans`` of the 、-list beside company ``o`` (its clause from ``lo``) as companies;
        the first item's left edge is the list rules' to find, unless the list opens the clause."""
        whole_first = lo == 0 or s[lo - 1] in R["sibling_clause_openers"]
        for k, (b, e) in enumerate(spans):
            name = s[b:e]
            if k == 0 and not (whole_first and (b, e) not in known and self._whole_first_ok(name) and (
                    self._first_item(s, tokens, e) == b) and not any(b < kb and ke == e for kb, ke in known)):
                continue  # 由|X有限公司、…: a first item the list rules would cut is not whole
            if any(kb == b and ke < e for kb, ke in known):
                continue  # X公司、Y公司上榜: the item's company is found; what follows it is the clause's verb
            if (b, e) not in known and b >= o.start - R["item_max"] * 4 and (
                    self._listed_ok(name) and self._sibling_shape(name) or self._short_item_ok(name)
                    or self._trade_group(name)) and self._sibling_ok(name):
                _take_item(out, known, s, b, e)

    def _sibling_peers(self, s: str, tokens: list[tuple[str, int, int]], lists: list[list[tuple[int, int]]],
                       found: list[OrgMention], known: set[tuple[int, int]]) -> list[OrgMention]:
        """A 、-list of which at least sibling_peers_min items are companies (走访了X、Y光电、Z科技、W): its other
        bare items that pass the peer checks (no dictionary word, place, trade, person…) are companies too; the
        first item's left edge is found after the clause's last verb."""
        out: list[OrgMention] = []
        companies = {(c.start, c.end) for c in found if c.label == "Company"}
        for spans in lists:
            if sum(1 for b, e in spans if any(b <= cb and ce == e for cb, ce in companies)) < R["sibling_peers_min"]:
                continue
            for k, (b, e) in enumerate(spans):
                if any(ke == e for _, ke in known):
                    continue
                if k == 0:
                    tokens = tokens or tokenize(s)  # the caller may have none
                    b = self._first_item(s, tokens, e)  # 走访了|X、Y光电: a bare first item after the verb
                    if not spans[0][0] < b < e:
                        continue
                name = s[b:e]
                if self._peer_item_ok(name) and self._bare_peer_ok(name):
                    out.append(OrgMention(b, e, name, "Company", "list_peer", CONF["list_peer"]))
                    known.add((b, e))
        return out

    def _bare_peer_ok(self, name: str) -> bool:
        """A bare item that a list's companies vouch for: no product or trade phrase (an industry word with no
        字号 of its own), no legal form (a whole name is the suffix rules' to find), no site (X园区, X市场, X水系: a
        visit list names places too) and, unless a place opens it (<city>|现代), no run of common words and no
        verb + word (找|机会, the clause before the list)."""
        p = self.parts(name)
        if self._product_item(name) or p.form or name.endswith(self._peer_bad_endings):
            return False
        if p.places and name.startswith(p.places[0]):
            return True  # <city>|现代, <city>|奔驰: a place and a word is a name
        if p.brand in self.modifiers:
            return False  # 高端|装备: a modifier and a trade
        return not self._common_words(name) and not self._verb_brand(name)  # 找|机会: the clause's verb

    def _joint_sibling_ok(self, first: str, name: str) -> bool:
        """The second subject of a joint verb (X光伏和X储能联合申报) opening with the first one's group prefix
        (a common prefix of at least joint_prefix_len characters, no place) and then a 字号 of its own."""
        k = 0
        while k < min(len(name), len(first)) and name[k] == first[k]:
            k += 1
        lo, hi = R["name_len"]
        return (lo <= len(name) <= hi and k >= R["joint_prefix_len"] and len(name) >= k + 2 and len(first) >= k + 2
                and self._listed_ok(name) and self._sibling_ok(name) and not self._product_item(name)
                and name[:k] not in self.places and not _place_word(name[:k]) and not _has_bad_stop(name))

    def _whole_first_ok(self, name: str) -> bool:
        """The first item of a 、-list that opens its clause (X铝业、Y塑业项目完工) is a company only in the short
        shape 字号 + industry word or form: a long run without one is a phrase (新上X高端轻卡) or a zone."""
        lo, hi = R["listed_brand_len"]
        return self._trade_shaped(name) and lo <= len(self.parts(name).brand) <= hi

    def _by_list_cues(self, s: str) -> list[OrgMention]:
        """Names without legal form that a list cue makes companies: 单项冠军7家(A、B、C), 以A、B为龙头."""
        out: list[OrgMention] = []
        if "项目" in s:
            for m in self.project_re.finditer(s):
                b, item = self._trim(m.start(1), m.group(1), s)
                if self._strong_shape(item) and self._cue_item_ok(item):
                    out.append(OrgMention(b, b + len(item), item, "Company", "shape", CONF["shape"]))
        if self.project_head_re.search(s):
            out += self._by_project(s)
        if "(" not in s and "为" not in s and "作用" not in s:
            return out
        for regex in (self.count_list_re, self.role_re):
            for m in regex.finditer(s):
                pos = m.start(1)
                for raw in m.group(1).split(SEP):
                    b, item = self._trim(pos, raw, s)
                    if 2 <= len(item) <= R["item_max"] and self._cue_item_ok(item) and (
                            not s.startswith(R["role_effect_opener"], m.start()) or self._role_effect_ok(item)):
                        out.append(OrgMention(b, b + len(item), item, "Company", "enumeration", CONF["enumeration"]))
                    pos += len(raw) + 1
        return out

    def _by_list_kind(self, s: str, found: list[OrgMention], tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """A 、-list of at least shaped_list_min_items items, shaped_list_min_shaped of them 字号 + industry word
        (产品配套X汽车、Y、Z汽车、W等): lists are of one kind, so when every inner item is a company by the list or
        peer checks, all are companies (the first item's left edge after the clause's last verb; the last item
        up to 等 or the clause's end)."""
        out: list[OrgMention] = []
        known = {(o.start, o.end) for o in found}
        lo = 0
        for hi in [m.start() for m in re.finditer("[,;:。!?()“”]", s)] + [len(s)]:  # not a test per character
            seg = s[lo:hi]
            if seg.count(SEP) + 1 < R["shaped_list_min_items"]:
                lo = hi + 1
                continue
            bounds = _item_bounds(seg, lo)
            mark = s.find(LIST_MARK, bounds[-1][0], hi)
            if mark > bounds[-1][0]:
                last_end = mark
            else:
                last_end = self._last_item_end(s, bounds[-1][0], hi)
            if mark > bounds[-1][0] and self._non_company_tail(s[mark + 1:mark + 1 + R["enumeration_tail"]]):
                lo = hi + 1
                continue  # A、B、C等一批新兴产业: the head says the items are trades
            bounds[-1] = (bounds[-1][0], last_end)
            ends = {e for _, e in known}
            if sum(1 for b, e in bounds if e in ends or self.parts(s[b:e]).industry) < R["shaped_list_min_shaped"]:
                out += self._bare_list(s, tokens, bounds, ends)
                lo = hi + 1
                continue  # fewer than two items that may be shaped 字号 + industry word: no list of companies
            inner = [(b, e, s[b:e]) for b, e in bounds[1:-1]]
            if not all(e in ends or self._head_item_ok(name) for b, e, name in inner):
                lo = hi + 1
                continue
            tokens = tokens or tokenize(s)  # the first item's edge needs the tokens (the caller may have none)
            bounds[0] = (self._first_bare_item(s, tokens, bounds[0][0], bounds[0][1]), bounds[0][1])
            items = [(b, e, s[b:e]) for b, e in bounds]
            shaped = sum(1 for b, e, name in items if (b, e) in known or (
                self.parts(name).industry and self._head_item_ok(name)))
            if shaped >= R["shaped_list_min_shaped"] and not any(
                    e not in ends and self._verb_phrase_brand(name) for b, e, name in items):
                # 、-items that are verb phrases (提升|X能力): a list of tasks, lists are of one kind
                for b, e, name in items:
                    if e not in ends and b < e and self._head_item_ok(name):
                        out.append(OrgMention(b, e, name, "Company", "list_kind", CONF["list_kind"]))
            lo = hi + 1
        return out

    @staticmethod
    def _last_item_end(s: str, begin: int, end: int) -> int:
        """The end of the last item of a list no 等 closes (X、Y、Z均在…, X、Y都是…, X、Y相继落户): the clause's
        predicate opens with an adverb (a token of jieba tag ``last_item_end_tags``) after at least two characters of
        the item, within item_max; with none the item runs to the clause break. Only the item's own stretch is cut
        (it opens after 、, a word boundary): most sentences with such lists are otherwise never cut into words."""
        for tok, ts, _ in tokenize(s[begin:end]):
            if 2 <= ts <= R["item_max"] and _tag_table().get(tok) in R["last_item_end_tags"]:
                return begin + ts
        return end

    def _bare_list(self, s: str, tokens: list[tuple[str, int, int]], bounds: list[tuple[int, int]],
                   ends: set[int]) -> list[OrgMention]:
        """A long 、-list (bare_list_min_items) with no head and no company shape whose every item is a bare name
        by the peer checks (no dictionary word, place, trade, person, site): a list of brands or companies (rule
        list_bare, lower confidence). Lists of people (a surname and one or two characters) are left out."""
        if len(bounds) < R["bare_list_min_items"] or any(e in ends for _, e in bounds):
            return []
        tokens = tokens or tokenize(s)
        first = self._first_item(s, tokens, bounds[0][1])
        if not bounds[0][0] <= first < bounds[0][1]:
            return []
        items = [(first, bounds[0][1])] + bounds[1:]
        names = [(b, e, s[b:e]) for b, e in items]
        if not all(self._peer_item_ok(n) and self._bare_peer_ok(n) for _, _, n in names):
            return []
        if 2 * sum(1 for _, _, n in names if self._person_like(n)) > len(names):
            return []  # 张明、李华、王强、赵伟: people
        endings = Counter(n[-1] for _, _, n in names)
        if bounds[0][0] > 0 and s[bounds[0][0] - 1] in QUOTE_CHARS or 2 * max(endings.values()) > len(names):
            return []  # “建链、强链、补链”, 高端化、集群化: a quoted or parallel slogan (most items sharing an ending;
            # two brands of four may share one)
        if self._shared_opening(n for _, _, n in names[1:]):
            return []  # (确保)早动工、早建成、早投产: a parallel slogan (the items after the first, whose edges are sure,
            # open with the same one-character word)
        end = items[-1][1]
        tail = s[end + 1:end + 1 + R["enumeration_tail"]] if s[end:end + 1] == LIST_MARK else ""
        if tail and any(tail.startswith(h) for h in self.non_heads):
            return []  # X、Y、Z、W等地 / 等产品: the head says what the items are
        return [OrgMention(b, e, n, "Company", "list_bare", CONF["list_bare"]) for b, e, n in names]

    @staticmethod
    def _shared_opening(names: Iterable[str]) -> bool:
        """Every item opens with the same character, cut off by jieba as a word of its own (早|动工、早|建成): the
        parallel members of a slogan; companies sharing a group prefix keep it inside a longer word."""
        firsts = {_words(n)[0] for n in names}
        return len(firsts) == 1 and len(next(iter(firsts))) == 1

    def _first_bare_item(self, s: str, tokens: list[tuple[str, int, int]], begin: int, end: int) -> int:
        """Start of the first item of a 、-list without head: the list rules' edge when the item passes the list
        or peer checks, else the longest item after a verb or preposition token (主要为|X, 配套|Y) that does."""
        first = self._first_item(s, tokens, end)
        if first < end and self._head_item_ok(s[first:end]):
            return first
        tags = _tag_table()
        for tok, ts, te in tokens:
            if begin <= ts and te < end and end - te <= R["item_max"] and tags.get(tok) in R["first_bare_after_tags"] \
                    and self._head_item_ok(s[te:end]):
                return te
        return end

    def _head_item_ok(self, name: str) -> bool:
        """An item of a list of companies: the list checks or the peer checks."""
        if name.endswith(self._peer_bad_endings) or any(name.endswith(u) for u in R["town_units"]):
            return False  # X科技园, X镇Y村: a site or a place
        if any(u in name for u in R["peer_town_marks"]):
            return False  # 甲镇|精密铸造, 城南街道|农用机械: a town's trade, not a company
        return self._listed_ok(name) or (self._peer_item_ok(name) and self._bare_peer_ok(name))

    def _role_effect_ok(self, item: str) -> bool:
        """发挥X龙头(带动)作用: X is a company only with a 字号 and an industry word (X汽车), not a body (党组织)."""
        p = self.parts(item)
        return bool(p.brand and p.industry) and self._item_ok(item, listed=True)

    def _by_project(self, s: str) -> list[OrgMention]:
        """The owner named before its project's products (…的甲乙电子汽车配件项目, 、丙丁科技年产5万吨涂料项目):
        the shortest prefix of the phrase ending in an industry word that is a name with a rare 字号. A phrase
        that starts at 、 may be the last items of a product list (X电子高频、高速、覆铜板项目): then the
        phrase from the start before it is tried too."""
        out: list[OrgMention] = []
        plo, phi = R["project_phrase_len"]
        for m in self.project_head_re.finditer(s):
            lo = max(0, m.start() - phi)
            starts = [x.end() for x in self.project_start_re.finditer(s, lo, m.start())]
            if not starts and lo > 0:
                continue
            for b in reversed(starts or [lo]):
                phrase = s[b:m.start()]
                k = phrase.rfind(LIST_MARK)
                if 0 < k and len(phrase) - k <= R["project_list_tail"]:
                    phrase = phrase[:k]  # X科技锻造铝合金车轮等重点项目: the list ends at 等
                name = self._project_owner(phrase) if len(phrase) >= plo else ""
                if name and self._clause_word_brand(name):
                    name = ""  # 我县|两大…项目, 以|X客车项目: a pronoun, preposition or count inside is the clause's
                if name and phrase.startswith(_NOT_OWNER_BEFORE, len(name)):
                    name = ""  # 马家店|街道项目, X物流|中心项目: a town or a facility, no owner
                if name and (b > 0 and s[b - 1] == SEP or m.group() in R["line_heads"]) and self._compound_product(name):
                    name = ""  # X汽车、摩托车|轮毂生产项目, 母婴|用品生产线: two dictionary nouns are a product
                if name and m.group() in R["park_heads"] and not _PARK_OWNER_REST.match(phrase, len(name)):
                    name = ""  # X自动化|装备制造产业园: a park named by a 字号 and its trades, no owner said
                if name and any(f in s[b + len(name):m.start()] for f in self._long_forms):
                    name = ""  # X科技|企业孵化器有限公司…项目: a registered name runs on, its prefix is no owner
                if name:
                    out.append(OrgMention(b, b + len(name), name, "Company", "shape", CONF["shape"]))
                if name or b == 0 or s[b - 1] != SEP:
                    break
        return out

    def _clause_word_brand(self, name: str) -> bool:
        """A 字号 holding a word tagged as a pronoun, preposition or numeral (``clause_word_brand_tags``): words of
        the clause around a project, not of a name."""
        tags = _tag_table()
        return any(tags.get(w) in R["clause_word_brand_tags"] for w in _words(self.parts(name).brand))

    def _project_owner(self, phrase: str) -> str:
        """The owner's name opening a project phrase, or ''."""
        lo, hi = R["project_owner_brand_len"]
        cuts = _cuts(phrase)
        for k in range(3, min(len(phrase), R["name_len"][1]) + 1):
            name = phrase[:k]
            if not name.endswith(self._company_shapes) and not _trade_word(name[-2:]) or (
                    k < len(phrase) and k not in cuts):
                continue  # the name ends between two words (X新材|料)
            rest = phrase[k:]
            if not (self.project_rest_re.match(rest) or self._products_like(rest) or (
                    name.endswith(tuple(self._closing_words)) and _unknown_run(self.parts(name).brand))):
                continue  # X科技|报废汽车拆解生产线: after a closing word (科技) the rest is the project's
            p = self.parts(name)
            known = _tag_table().get(name) in R["known_organisation_tags"]  # 甲乙汽车|核心部件: one dictionary word
            brand = self._activity_brand(p)
            strong = bool(p.places) and _unknown_run(p.brand) or known or brand != p.brand  # <place> + an unknown
            if lo <= len(brand) <= hi and p.industry and self._item_ok(name, listed=strong) and (
                    p.places or known or self._rare_head(name) or self._strong_shape(name) or self._rare_brand(p.brand)) and (
                    p.places or not self._compound_product(p.brand)):
                short = self._owner_before_product(phrase, p)
                return short or self._longest_industry(phrase, k, p.brand)
            break
        return self._unknown_owner(phrase)

    def _activity_brand(self, p: NameParts) -> str:
        """甲乙丙|塑料|制造: before an activity word (制造) the product noun it makes is the name's trade, not its 字号."""
        toks = _words(p.brand)
        if p.industry in R["activity_industry_words"] and len(toks) > 1 and len(toks[-1]) >= 2 and _unknown_run(
                p.brand[:-len(toks[-1])]) and _tag_table().get(toks[-1]) in R["compound_product_tags"]:
            return p.brand[:-len(toks[-1])]
        return p.brand

    def _owner_before_product(self, phrase: str, p: NameParts) -> str:
        """甲乙丙|碳纤维|复合材料项目: a 字号 jieba does not know, then dictionary nouns qualifying the product, then its
        head: the owner is the unknown 字号 alone (or '' when the name has no such shape)."""
        short = "" if p.places else self._unknown_owner(phrase)
        if short and len(short) < len(p.brand) and self._compound_product(p.brand[len(short):]):
            return short
        return ""

    def _compound_product(self, brand: str) -> bool:
        """A 字号 made of two or more dictionary nouns (稀土|永磁 before 材料): a product's qualifiers, no name."""
        toks = _words(brand)
        tags = _tag_table()
        return len(toks) >= 2 and all(len(t) >= 2 and tags.get(t) in R["compound_product_tags"] for t in toks)

    def _unknown_owner(self, phrase: str) -> str:
        """An owner without industry word: <place>? + a word jieba does not know, then the project's output
        (X|年产5万吨…, <city>X|涂料|年产…) or its products (XYZ|稀土永磁电机…)."""
        k = len(self._place_prefix(phrase)) if self._place_prefix(phrase) else 0
        run = 0
        toks = _words(phrase[k:])
        while run < len(toks) and len(toks[run]) == 1 and _cjk(toks[run]) and toks[run] not in STOP_CHARS:
            run += 1
        brand = "".join(toks[:run])
        if not R["unknown_owner_len"][0] <= len(brand) <= R["unknown_owner_len"][1] or not _unknown_run(brand):
            return ""
        end = k + len(brand)
        rest = phrase[end:]
        if _OWNER_OUTPUT.match(rest) and (k or len(brand) >= 3):
            return phrase[:end]
        noun = toks[run] if run < len(toks) else ""  # <city>X|涂料|年产…
        if k and noun and _tag_table().get(noun) in ("n", "nz") and _OWNER_OUTPUT.match(phrase, end + len(noun)):
            return phrase[:end + len(noun)]
        if len(brand) >= R["unknown_owner_len"][0] + 1 and self._products_like(rest):
            return phrase[:end]
        return ""

    def _longest_industry(self, phrase: str, k: int, brand: str) -> str:
        """湖南X环保|科技…项目: the name keeps every industry word that follows its 字号."""
        best = phrase[:k]
        for k2 in range(k + 1, min(len(phrase), R["name_len"][1]) + 1):
            p = self.parts(phrase[:k2])
            if p.brand == brand and phrase[len(best):k2] in self._name_finals:
                best = phrase[:k2]
        return best

    def _rare_brand(self, brand: str) -> bool:
        """A 字号 that is no word of the dictionary and holds no common word (甲乙: names, not words), one
        holding characters jieba cannot join into words (X|丙|丁), or a proper noun the dictionary knows."""
        if _unknown_run(brand) or (_tag_table().get(brand) in PROPER_TAGS and brand not in self.places):
            return True
        if (freq_table().get(brand) or 0) >= FREQ_NOUNISH:
            return False
        return all((freq_table().get(t) or 0) < FREQ_NOUNISH for t in _words(brand) if len(t) > 1)

    def _products_like(self, text: str, head: bool = True) -> bool:
        """A product noun phrase (汽车配件, 高频覆铜板), perhaps closed by a production verb (电子产品生产):
        nouns and industry words, no function word; a one-character verb may stand inside (PTFE覆铜板)."""
        parts = re.split("[、和及与]", text)
        if len(parts) > 1:  # 高频、高速、PTFE覆铜板: the last item holds the noun the others qualify
            return all(self._products_like(p, head=k == len(parts) - 1) for k, p in enumerate(parts))
        stripped = _PRODUCT_VERB.sub("", text) if len(text) > 2 else text
        tags = _tag_table()
        if len(stripped) == 1 < len(text) and tags.get(stripped) in PRODUCT_HEAD_TAGS:
            return True  # 铜|深加工: a one-character material before a production verb
        text = stripped
        if len(text) < 2 or any(ch in STOP_CHARS for ch in text):
            return False
        toks = _words(text)
        return all(t in self.industry_words or tags.get(t, "n") in PRODUCT_TAGS or (len(t) == 1 and k < len(toks) - 1)
                   for k, t in enumerate(toks)) and (not head or toks[-1] in self.industry_words
                                                      or tags.get(toks[-1], "n") in PRODUCT_HEAD_TAGS)

    def _cue_item_ok(self, name: str) -> bool:
        """An item a list cue vouches for: any 字号-like word that is no place, class word or generic word."""
        if name in self.closed or name in self.places or name in self.modifiers or name in self.industry_words:
            return False
        if any(ch in PUNCT or ch.isdigit() for ch in name) or name.endswith(self._inst_ends):
            return False
        if any(name.endswith(g) for g in self._long_gov):
            return False
        if name.endswith(R["ization_suffix"]) or (freq_table().get(name) or 0) >= FREQ_WORD:
            return False  # 高端化, 赛事: common words, not names
        return not _has_bad_stop(name)

    def _by_suffix(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        out: list[OrgMention] = []
        for m in self.suffix_re.finditer(s):
            suffix = m.group()
            if self._bracketed_form(s, m):
                continue  # X(集团)…有限公司: part of a longer name
            start = self._suffix_start(s, tokens, m)
            branch = self._branch(s, start, m, out)
            if branch is not None:
                out.append(branch)
                continue
            joined = self._across_conjunction(s, start, m.end()) if suffix in self.legal_forms else start
            start, joined = joined, joined < start
            name = _collapse_repeated_place(s[start:m.end()], self.places)
            first = name.find(suffix)
            if first + len(suffix) < len(name) - len(suffix) and first >= 0:
                name = name[first + len(suffix):]  # …集团有限公司|X集团有限公司: a layout repeat, the last name
            name = self._strip_outer_place(self._from_place(name, suffix))
            name = self._strip_glued(self._strip_deal_verb(name))
            start = m.end() - len(name)
            if REGISTERED in suffix:
                start = self._whole_item(s, start, m.end())
                start = self._clause_verb_start(s, tokens, start, m.end())
                start = self._role_noun_start(s, tokens, start, m.end())
                name = s[start:m.end()]
            joined = joined or bool(self._factory_core(s, tokens, m, name)) or self._placed_plant(s, tokens, m, name)
            if suffix == R["factory_form"] and (s[m.end():m.end() + 1] in self.factory_stops or not (
                    self.parts(name).industry or joined) or self._plant_kind(name)):
                continue  # 厂房, 厂区, 智能工厂: not a factory's name
            if suffix in R["group_forms"] and s.startswith(self.group_stops, m.end()):
                continue  # 发挥集团优势: a common noun
            if suffix in self.inst_abbr and (suffix not in self.inst_kinds or s[m.start() - 1:m.start()] in "".join(self.admin_prefixes)):
                out.extend(self._abbreviated(s, start, m))
                continue
            if suffix in self.inst_kinds:
                prefix = name[: -len(suffix)]
                uni = R["university_word"]
                if suffix.endswith(R["department_form"]) and start > 0 and s[start - 1] in CONJ and uni in s[
                        max(0, start - 16):start] and not any(ch in PUNCT for ch in s[s.rfind(uni, 0, start):start]):
                    continue  # 材料科学与工程学院: a department of the university named before it
                if len(prefix) < 2 or prefix in self.modifiers or s[m.end():m.end() + 1] == R["student_follower"]:
                    continue
                if prefix in self.generic_inst_prefixes or prefix in self.modifiers or any(
                        prefix.startswith(w) and prefix[len(w):] in self.generic_inst_prefixes for w in self.modifiers):
                    continue  # 高校, 商业|银行, 各|商业|银行: a kind of institution, no name
                out.append(OrgMention(start, m.end(), name, "Institution", "suffix", CONF["suffix"],
                                      self.inst_kinds[suffix]))
                continue
            if NAME_DOT in name and self.company_ok(name.split(NAME_DOT)[-1]):
                out.append(OrgMention(start, m.end(), name, "Company", "suffix", CONF["suffix"]))
                continue  # 甲乙·丙丁食品有限公司 (_whole_item)
            if joined or (self.company_ok(name) and (REGISTERED in suffix or self._name_like(name)
                                                     or self._apposition(s, start, name)
                                                     or self._group_name(name, suffix)
                                                     or self._rare_head(name) and not any(
                                                         w in self.parts(name).brand for w in NON_BRAND)
                                                     or _ORDINAL.match(self.parts(name).brand))):
                conf = CONF["suffix_weak_form"] if suffix in self.weak_forms else CONF["suffix"]
                out.extend(self._suffix_names(start, name, suffix, conf))
        return out

    def _suffix_names(self, start: int, name: str, suffix: str, conf: float) -> list[OrgMention]:
        """The suffix rule's name, or two when a group's name stands before a company of its own
        (<place>X集团|Y(<country>)投资有限公司: _group_apposition)."""
        k = self._group_apposition(name) if REGISTERED in suffix else 0
        if not k:
            return [OrgMention(start, start + len(name), name, "Company", "suffix", conf)]
        return [OrgMention(start, start + k, name[:k], "Company", "suffix", conf),
                OrgMention(start + k, start + len(name), name[k:], "Company", "suffix", conf)]

    def _group_apposition(self, name: str) -> int:
        """Where a group's name ends inside a registered name that goes on with a company of its own (<place>X电脑集团|
        Y(<country>)投资有限公司): the group form is followed by a 字号 of two or more characters and the rest carries
        its own place (a bracketed place, or a place it opens with) — a company named after its group, not one 字号.
        0 when there is none."""
        for form in R["group_forms"]:
            k = name.find(form)
            if k < 2:
                continue
            k += len(form)
            head, rest = name[:k], name[k:]
            if not rest or rest[0] == OPEN_BR or not self.company_ok(head, need_form=False) or not self.company_ok(rest):
                continue
            bracketed = re.search(r"\((\w{2,4})\)", rest)
            placed = bool(bracketed and self._is_place(bracketed.group(1)))
            if placed and len(self.parts(rest).brand) >= 2 and (self.parts(head).places or len(self.parts(head).brand) >= 2):
                return k
        return 0

    def _plant_kind(self, name: str) -> bool:
        """<common noun>|<industry>厂 with no place (a fuel or material before 发电厂, 处理厂): a kind of plant, not a
        named one; a factory's 字号 is a proper or rare word, or its place names it."""
        p = self.parts(name)
        words = _words(p.brand)
        return not p.places and len(words) == 1 and _tag_table().get(words[0]) in R["plant_kind_brand_tags"]

    def _apposition(self, s: str, start: int, name: str) -> bool:
        """<description>企业|X公司: the head noun before the name vouches for a short 字号 that is a phrase of
        the dictionary (龙头企业|甲乙丙公司), when it is no common word, modifier, trade or cue word."""
        if not s.endswith(tuple(R["apposition_heads"]), 0, start):
            return False
        brand = self.parts(name).brand
        lo, hi = R["apposition_brand_len"]
        return lo <= len(brand) <= hi and all(_cjk(ch) for ch in brand) and not _has_bad_stop(brand) and (
            brand not in self.industry_words and brand not in self.modifiers and brand not in self.closed
            and not any(w in brand for w in self.left_stop) and (freq_table().get(brand) or 0) < FREQ_NOUNISH
            and not self.parts(name).places)

    def _suffix_start(self, s: str, tokens: list[tuple[str, int, int]], m: re.Match[str]) -> int:
        """The left edge of the name ending in the suffix ``m``, taken back to its place when the token walk
        stopped inside a registered name or left a group without 字号 (发展投资|控股集团)."""
        suffix = m.group()
        start = self.left_edge(s, tokens, m.start())
        if start == m.start():  # 龙头企业|长相忆|公司: a phrase-like 字号 the walk stopped at, after an apposition head
            tok = next(((ts, te) for _, ts, te in tokens if te == start), None)
            if tok is not None and self._apposition(s, tok[0], s[tok[0]:m.end()]):
                return tok[0]
        wider = self._extend_to_place(s, start)
        if wider < start and (REGISTERED in suffix or (
                suffix in R["group_forms"] and (start == m.start() or self.parts(s[start:m.end()]).brand in {
                    "", *self.industry_words}))) and self.company_ok(s[wider:m.end()]):
            start = wider
        if REGISTERED in suffix:
            start = self._verb_brand_start(s, tokens, self._extend_registered(s, start, m.end()), m.end())
        return start

    def _from_place(self, name: str, suffix: str) -> str:
        """Where a suffix name starts when a place stands inside it.

        Without a registered form a name starts at its place (<headline>|<city>X宠物集团); a place in brackets
        (X(山东)化工集团) is part of the name, not its start, and X控股<place>公司 stays whole (a place right before
        the form is no name's start). A registered name opens with its place when the words before it are common
        nouns (独立运营主体机构|<province>X新材料技术研发有限公司) or the clause's words (a verb, preposition, adverb or
        locative: 赴|<province>X…有限公司, 区内|<province>X…): they describe it, they are no 字号. A place that
        starts inside a word jieba joins across it (甲乙|丙 of 甲乙丙X公司, 乙丙 a city elsewhere) is no start unless
        the character before it is a boundary (的, 在): the place is the inside of a longer 字号."""
        registered = REGISTERED in suffix
        cuts = _cuts(name)
        k = next((k for k in range(1, len(name) - len(suffix))
                  if name[k - 1] != OPEN_BR and (k in cuts or name[k - 1] in EDGE_CHARS)
                  and self._place_prefix(name[k:])), 0)
        if not k or self._place_prefix(name) or self.parts(name[k:]).brand in {"", *self.places}:
            return name
        tags = _tag_table()
        province = name[k:].startswith(tuple(_province_names()))
        if registered and not all(len(w) > 1 and (freq_table().get(w) or 0) >= FREQ_WORD
                                  or tags.get(w) in R["before_place_clause_tags"]
                                  or province and len(w) > 1 and tags.get(w) in R["before_province_noun_tags"]
                                  for w in _words(name[:k])):
            return name
        return name[k:]

    def _strip_outer_place(self, name: str) -> str:
        """<county>|<province>X有限公司: a registered name lists its places from the largest down, so a smaller
        place standing before a province is the name's locator in the sentence (安居区|四川X…), not part of it.
        The smaller place may be any place word of the country (a county's short or unit name outside the region)."""
        head = self._place_prefix(name) or self._place_word_prefix(name)
        if not head or head in _province_names():
            return name
        rest = name[len(head):]
        if any(rest.startswith(p) and len(rest) > len(p) for p in _province_names()) and self.company_ok(rest):
            return rest
        return self._strip_town(name)

    def _place_word_prefix(self, text: str) -> str:
        """The longest place word of the country (place_words: counties, short names, towns) ``text`` opens with."""
        for n in range(min(R["place_prefix_max"], len(text) - 1), 1, -1):
            if text[:n] in self.places or _place_word(text[:n]):
                return text[:n]
        return ""

    def _strip_town(self, name: str) -> str:
        """<county><town>(<village>)|X有限公司: a name opening with a chain of places that ends in a town (a word the
        gazetteer knows only as a town, ending in 镇/乡/街道) and maybe a village (X村) is the company's address in the
        sentence (so is it before a branch: <county><town>|X茶业Y分公司); the company is named from its 字号 on, when that part is a registered name with a 字号 of its own
        (<town>灵芝种植合作社 has none: the town names it)."""
        form = self.parts(name).form
        if REGISTERED not in form and form not in R["branch_forms"]:
            return name  # a registered name or a branch (<county><town>|X茶业Y分公司) gives its address before it
        pos = 0
        while pos < len(name):
            head = self._place_word_prefix(name[pos:])
            if not head:
                return name
            pos += len(head)
            if head.endswith(tuple(R["town_endings"])) and _town_word(head):
                break
        else:
            return name
        for n in range(R["village_len_max"], 1, -1):
            village = name[pos:pos + n]
            if village.endswith(tuple(R["village_endings"])) and all(_cjk(ch) and ch not in STOP_CHARS for ch in village):
                rest = name[pos + n:]
                if len(self.parts(rest).brand) >= 2 and self.company_ok(rest):
                    return rest
        rest = name[pos:]
        return rest if len(self.parts(rest).brand) >= 2 and self.company_ok(rest) else name

    def _whole_item(self, s: str, start: int, end: int) -> int:
        """A registered name cut to a one-character 字号 (、甲乙丙丰收|园果菜有限公司) or right after a joining dot
        (甲乙·丙丁食品有限公司): the name runs back to the boundary before it (a list break, punctuation or a cue word)
        when what lies between holds no stop word."""
        dotted = start > 0 and s[start - 1] == NAME_DOT
        if not dotted and (start == 0 or not _cjk(s[start - 1]) or s[start - 1] in EDGE_CHARS
                           or self.parts(s[start:end]).places or not s.startswith(LIST_ENDS, end)):
            return start
        lo = start - 1 if dotted else start
        j = lo
        while j > 0 and lo - j < R["item_extend_max"] and _cjk(s[j - 1]) and s[j - 1] not in EDGE_CHARS:
            j -= 1
        if j == lo or lo - j < 2 or not (j > 0 and s[j - 1] == SEP or dotted and (
                j == 0 or s[j - 1] in PUNCT or s[j - 1] in EDGE_CHARS or self._stop_before(s, j))):
            return start
        head = s[j:lo]
        if any(w in head for w in self._stop_words_long) or _has_bad_stop(head):
            return start
        if dotted:
            return j if self.company_ok(s[start:end]) and head not in self.places and head not in self.modifiers else start
        return j if self.company_ok(s[j:end]) else start

    def _verb_brand_start(self, s: str, tokens: list[tuple[str, int, int]], start: int, end: int) -> int:
        """A registered name whose 字号 opens with a verb (我市|创新|X酸科技股份有限公司): the token walk stopped
        at the verb, and what is left has no 字号 (a dictionary noun or nothing before the industry word).

        The verb joins the name when it stands right after a boundary or a pronoun (我市, 该县) and is no cue
        word (引进, 支持: see left_stop_words)."""
        tags = _tag_table()
        verb = next(((tok, ts) for tok, ts, te in tokens if te == start), None)
        if not verb or len(verb[0]) < 2 or tags.get(verb[0]) not in R["verb_brand_tags"] or verb[0] in self.left_stop:
            return start
        before = next((tok for tok, _, te in tokens if te == verb[1]), "")
        if before and before not in PUNCT and tags.get(before) not in R["verb_brand_left_tags"]:
            return start
        p = self.parts(s[start:end])
        words = _words(p.brand)
        if p.places or len(words) > 1 or (words and tags.get(words[0]) not in NOUNISH):
            return start  # 表彰|X宇科技有限公司: a 字号 jieba does not know is the name without the verb
        return verb[1] if self.company_ok(s[verb[1]:end]) else start

    def _group_name(self, name: str, suffix: str) -> bool:
        """A group's short 字号 may be a common word (X集团); a longer run of common words is a phrase
        (成立技工教育产教集团) unless the name opens with its place (<country>X工程局集团)."""
        p = self.parts(name)
        if suffix in R["group_forms"] and p.places and (p.industry or _place_word(p.brand)) and len(
                p.brand) <= R["group_common_brand_max"] and p.brand not in self.left_stop:
            return True  # <province>发展投资控股集团, <region><common word>集团: place + 字号 (+ industry words) + group form
        return suffix in R["group_forms"] and (len(p.brand) <= R["group_common_brand_max"] or bool(p.places)) and (
            self._name_like(name, False))

    def _abbreviated(self, s: str, start: int, m: re.Match[str]) -> list[OrgMention]:
        """省农科院 → <province>农业科学院: expand only the admin prefix the region defines."""
        prefix = s[max(0, m.start() - 1):m.start()]
        full = self.inst_abbr[m.group()]
        level = self.admin_prefixes.get(prefix)
        if level == "province":
            name = self.region.province + full
        elif level == "city":
            name = self.region.name + full
        else:
            return []
        return [OrgMention(m.start() - 1, m.end(), name, "Institution", "abbreviation", CONF["abbreviation"],
                           R["abbreviation_kind"])]

    def _by_enumeration(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        out: list[OrgMention] = []
        for m in self.enum_re.finditer(s):
            tail = s[m.end():m.end() + R["enumeration_tail"]]
            tail = tail.translate(NO_QUOTES)
            head, rest, how = self._list_head(tail, m.group().endswith(FIRM_COUNTER))
            if not how:
                continue
            strong_only, loose = how == "project", how == "loose"
            people = bool(head) and self._people_after(rest)  # X、Y等企业负责人: people, or companies' heads
            # items between 、 are whole names; only the first needs its left edge found
            items: list[tuple[int, int]] = []
            end = m.start()
            clause = self._clause_start(s, end)
            first_cut = False  # the first item's left edge found nothing: the list opens with no name
            while True:
                prev = s.rfind(SEP, 0, end)
                longest = R["item_max_registered"] if s.endswith(self._long_forms, 0, end) else R["item_max"]
                if prev > clause and 0 < end - prev - 1 <= longest:
                    items.append((prev + 1, end))
                    end = prev
                    continue
                begin = self._first_item(s, tokens, end)
                if begin >= end and clause >= 0 and s[clause] == R["list_colon"] and (
                        R["short_item_len"] <= end - clause - 1 <= R["item_max"]) and self._head_item_ok(
                        s[clause + 1:end]) and not self._product_item(s[clause + 1:end]):
                    begin = clause + 1  # 其中:X冶炼、Y…: a colon opens the list, so its first item is whole (the token
                    # walk stops at a 字号 or trade word jieba reads as a verb) when it passes the list or peer checks
                first_cut = begin >= end
                if begin < end:
                    items.append((begin, end))
                    if not items[:-1] and begin > 1 and s[begin - 1] in CONJ:  # X和Y两个企业: the item before 和
                        before = self._first_item(s, tokens, begin - 1)
                        if before < begin - 1:
                            items.append((before, begin - 1))
                break
            pieces = self._split_conjunction(s, items)
            if not m.group().startswith(LIST_MARK) and len(pieces) < 2:
                continue  # a count after a single name (甲乙机械两家企业) is no list (X和Y两个企业 is)
            products = self._product_list(s, pieces, bool(head) and not strong_only)  # 机械设备、原材料等企业
            taken: list[OrgMention] = []
            rest_items: list[tuple[int, int, str]] = []
            for b, e in pieces:
                b, name = self._trim(b, s[b:e], s)
                b, name = self._drop_town(b, name)
                if people and not (self.parts(name).industry and self._listed_ok(name)):
                    rest_items.append((b, e, name))
                    continue  # of X、Y等企业负责人 only items shaped 字号 + industry word are companies by shape
                if self._project_item(name) if strong_only else (
                        not products and (self._listed_ok(name) or len(items) > 1 and self._short_item_ok(name))):
                    taken.append(OrgMention(b, e, name, "Company", "enumeration", CONF["enumeration"]))
                else:
                    rest_items.append((b, e, name))
            if not strong_only and not products:
                taken += self._enumeration_peers(taken, rest_items, bool(head), people, len(pieces), loose)
            if loose and (first_cut or len(pieces) < 2 or len(taken) < len(pieces)):
                continue  # a loosely read head vouches only for a list of names
            out += taken
        return out

    def _by_lead_head(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """A list a company head opens (规模以上企业主要有X、Y、Z等; 陶瓷企业,如X、Y): its items, from the cue to the
        clause break or 等, are judged as those of a list a company head closes. The cue is the first item's left edge,
        so a 字号 the token walk would cut (三|和…, a 字号 jieba reads as a verb) stays whole. A head after 等 saying the
        items are something else (等产品, 等一批新兴产业), or product items, make no list of companies; at least
        two items must pass the name checks. The cue ends a word (集团|有限公司 holds none)."""
        out: list[OrgMention] = []
        ends = {te for _, _, te in tokens or tokenize(s)}  # the caller may have none
        for m in self.lead_re.finditer(s):
            lo = m.end()
            if lo not in ends:
                continue
            brk = CLAUSE_BREAK.search(s, lo)
            hi = brk.start() if brk else len(s)
            last = s.rfind(SEP, lo, hi)
            if last < 0:
                continue
            mark = s.find(LIST_MARK, last + 1, hi)
            if mark > last + 1:
                tail = s[mark + 1:mark + 1 + R["enumeration_tail"]]
                if self._non_company_tail(tail) or self._non_head_at(tail, _words(tail[:8])[0] if tail else ""):
                    continue  # 企业有X、Y等产品: the items are the companies' products
                hi = mark
            bounds = _item_bounds(s[lo:hi], lo)
            pieces = self._split_conjunction(s, bounds)
            if self._product_list(s, pieces, True):
                continue
            names: list[tuple[int, int, str]] = []
            for b, e in pieces:
                b, name = self._trim(b, s[b:e], s)
                b, name = self._drop_town(b, name)
                if name and (self._head_item_ok(name) or self._short_item_ok(name)):
                    names.append((b, b + len(name), name))
            if len(names) >= R["lead_list_min_names"]:
                out += [OrgMention(b, e, name, "Company", "enumeration", CONF["enumeration"]) for b, e, name in names]
        return out

    def _list_head(self, tail: str, counted: bool) -> tuple[str, str, str]:
        """What the words after a list's 等 say of its items → (head, rest, how): ``strict`` a company head
        (``_enumeration_head``) or a customer's 配套 suppliers (X、Y等6宗Z汽车配套项目); ``loose`` a head read by
        ``_loose_head`` (the list must be all names); ``project`` a project head (引进<place>X汽车电子、<place>Y智联等配套
        项目: only items shaped like a company name count); "" none."""
        head, rest = self._enumeration_head(tail, counted)
        if head:
            return head, rest, "strict"
        supplied = _SUPPLY_HEAD.match(tail)
        if supplied:
            return supplied.group(), tail[supplied.end():], "strict"
        if _PROJECT_HEAD.match(tail):
            return "", "", "project"
        head, rest = self._loose_head(tail)
        return head, rest, "loose" if head else ""

    def _product_list(self, s: str, pieces: list[tuple[int, int]], headed: bool) -> bool:
        """An item of the list names a product or trade (机械设备、原材料等企业): the list is of trades. Under a company
        head, one product-like item among names (华润、中色、中|建材等企业: an abbreviated name reads as a one-character
        字号 and a trade) does not make a list of names one of trades: it takes product items at least
        ``product_list_share`` of the list, or fewer than ``product_list_names`` items that pass the list's name checks."""
        flagged = [self._product_item(s[b:e]) for b, e in pieces]
        if not any(flagged):
            return False
        if not headed:
            return True
        names = sum(1 for (b, e), f in zip(pieces, flagged, strict=True) if not f and (
            self._listed_ok(s[b:e]) or self._short_item_ok(s[b:e]) or self._peer_item_ok(s[b:e])))
        return sum(flagged) >= R["product_list_share"] * len(pieces) or names < R["product_list_names"]

    def _list_peers(self, taken: list[OrgMention], rest: list[tuple[int, int, str]]) -> list[OrgMention]:
        """Items of a list of companies that the found ones vouch for: 甲乙、<brand>、丙丁等配套企业 (an item among two
        companies), X集团、电缆集团等5户骨干企业 (a trade's group beside one)."""
        ok = self._peer_item_ok if len(taken) >= R["list_peers_min"] else self._trade_group
        return [OrgMention(b, e, name, "Company", "enumeration", CONF["enumeration"]) for b, e, name in rest if ok(name)]

    def _enumeration_peers(self, taken: list[OrgMention], rest: list[tuple[int, int, str]], headed: bool,
                           people: bool, n_items: int, loose: bool = False) -> list[OrgMention]:
        """The items of an enumeration of companies its found items or its head vouch for."""
        out = self._list_peers(taken, rest) if taken and not people else []
        if headed and n_items >= R["headed_peers_min_items"]:
            out += self._headed_peers(taken + out, rest, people)
        if headed and not loose and not people and len(taken) + len(out) >= R["word_peers_min"]:
            have = {(o.start, o.end) for o in taken + out}
            out += [OrgMention(b, e, name, "Company", "list_peer", CONF["list_peer"]) for b, e, name in rest
                    if (b, e) not in have and self._word_peer_ok(name)]
        return out

    def _word_peer_ok(self, name: str) -> bool:
        """A short item that is a dictionary word (振兴, 东方: a brand named by a common word) in a list of companies
        where at least ``word_peers_min`` other items are names: its peers and the head vouch for it. Not a place,
        trade, product, modifier, government or institution word."""
        lo, hi = R["word_peer_len"]
        if not lo <= len(name) <= hi or not all(_cjk(ch) for ch in name) or _has_bad_stop(name):
            return False
        if name in self.closed or name in self.places or name in self.industry_words or name in self.modifiers:
            return False
        if name in self.left_stop or _place_word(name) or self._product_item(name):
            return False
        if any(name.endswith(g) for g in self.gov_words) or _tag_table().get(name) in R["word_peer_bad_tags"]:
            return False
        return self._sibling_ok(name)

    def _headed_peers(self, taken: list[OrgMention], rest: list[tuple[int, int, str]],
                      people: bool) -> list[OrgMention]:
        """Bare items of a list whose head says its items are companies (X、Y、Z等企业; X、Y等企业负责人 when the
        items are no people's names): the ones that pass the peer checks, at the list_peer confidence."""
        have = {(o.start, o.end) for o in taken}
        if not taken and self._trade_items(rest):
            return []  # 注塑、<X>管、压缩机等N家配套企业: dictionary trades and products, the firms that make them unnamed
        return [OrgMention(b, e, name, "Company", "list_peer", CONF["list_peer"]) for b, e, name in rest
                if (b, e) not in have and self._peer_item_ok(name) and self._bare_peer_ok(name)
                and not (people and self._person_like(name))]

    @staticmethod
    def _trade_items(rest: list[tuple[int, int, str]]) -> bool:
        """Most items of a list (at least ``trade_list_min_words``) are single dictionary words of the common vocabulary
        (a noun, a verb: 注塑, 压缩机): the list names trades or products; an item the dictionary lacks among them is
        one more product, not a company."""
        tags = _tag_table()
        words = sum(1 for _, _, name in rest if len(_words(name)) == 1 and tags.get(name) in R["trade_list_word_tags"])
        return words >= R["trade_list_min_words"] and 2 * words >= len(rest)

    def _person_like(self, name: str) -> bool:
        """A surname and one or two characters (a person in X、Y等企业负责人)."""
        return len(name) <= 3 and name[0] in self.surnames

    def _peer_item_ok(self, name: str, owner: bool = False) -> bool:
        """An item of a list of companies that its peers vouch for: a short run of characters that is no
        dictionary word, place, trade, modifier, government or institution name. An owner before 的 (``owner``)
        may hold a single character that is also a cue (正|泰…), but may not open with a pronoun or function word."""
        lo, hi = R["peer_item_len"]
        if not lo <= len(name) <= hi or not all(_cjk(ch) for ch in name) or _has_bad_stop(name):
            return False
        if name in self.closed or name in self.places or name in self.industry_words or name in self.modifiers:
            return False
        if name in self.left_stop or _place_word(name) or _common_noun(name) or self._product_item(name):
            return False
        words = _words(name)
        if owner and _tag_table().get(words[0]) in R["owner_peer_bad_first_tags"]:
            return False
        if (freq_table().get(name) or 0) >= FREQ_NOUNISH or any(
                w in self.left_stop and (len(w) > 1 or not owner) for w in words):
            return False
        return self._sibling_ok(name)

    def _owner_siblings(self, s: str, found: list[OrgMention]) -> list[OrgMention]:
        """A list of things owned (X车桥的转向桥、Y希尔的餐车等…项目): when one item opens with a company and 的,
        the other items' owners before their 的 are companies too (peer checks: no dictionary word, place…)."""
        out: list[OrgMention] = []
        known = {(o.start, o.end) for o in found}
        for o in [o for o in found if o.label == "Company" and s.startswith(ATTR, o.end)]:
            lo = max((s.rfind(ch, 0, o.start) for ch in ",;:。!?(“"), default=-1) + 1
            hi = min((k for k in (s.find(ch, o.end) for ch in ",;:。!?)”") if k >= 0), default=len(s))
            if not (o.start == lo or s[o.start - 1] == SEP) or SEP not in s[lo:hi]:
                continue
            pos = lo
            for part in s[lo:hi].split(SEP):
                k = part.find(ATTR)
                name = part[:k] if k > 0 else ""
                if name and (pos, pos + k) not in known and pos != o.start and self._peer_item_ok(name, owner=True):
                    out.append(OrgMention(pos, pos + k, name, "Company", "enumeration", CONF["enumeration"]))
                    known.add((pos, pos + k))
                pos += len(part) + 1
        return out

    def _clause_start(self, s: str, end: int) -> int:
        """Last clause break before ``end``; a bracketed place inside a name (X(山东)Y有限公司) is none."""
        clause = max((s.rfind(ch, 0, end) for ch in ",;:。!?"), default=-1)
        k = end - 1
        while k > clause:
            if s[k] == CLOSE_BR:
                open_ = s.rfind(OPEN_BR, clause + 1, k)
                if open_ < 0 or s[open_ + 1:k] not in self.places:
                    return k
                k = open_
            elif s[k] == OPEN_BR:
                return k
            k -= 1
        return clause

    def _split_conjunction(self, s: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The last two items of X、Y和Z等企业 share one span: split at the 和/及/与 that leaves two names."""
        out: list[tuple[int, int]] = []
        for b, e in items:
            for k in range(b + 2, e - 2):
                if s[k] in CONJ and not _bad_stop(s[b:e], k - b):
                    continue  # <place>三和|X公司: 和 after a numeral is inside the 字号
                if s[k] in CONJ and self._listed_ok(s[b:k]) and self._listed_ok(s[k + 1:e]):
                    cut = k - 1 if s[k - 1:k + 1] in self.left_stop and len(s[k - 1:k + 1]) > 1 else k
                    out += [(b, cut), (k + 1, e)]  # X协会以及Y卫浴: 以及 is one conjunction
                    break
            else:
                out.append((b, e))
        return out

    def _first_item(self, s: str, tokens: list[tuple[str, int, int]], end: int) -> int:
        """Start of the first item of a list: after the last verb (供应|甲乙时代, 壮大|甲乙精工), or a 字号 that is a verb
        (成立热处理)."""
        tags = _tag_table()
        begin = self.left_edge(s, tokens, end, limit=R["first_item_limit"])
        for tok, ts, te in tokens:
            if (begin <= ts and te <= end and len(tok) > 1 and tags.get(tok) in R["first_item_verb_tags"] and (
                    tags.get(tok) != "a" or (freq_table().get(tok) or 0) >= FREQ_RARE_HEAD)
                    and tok not in self.industry_words and tok not in self.places):
                begin = te
        if begin >= 1 and s[begin - 1] == AND and self._boundary_before(s, begin - 1) and self._listed_ok(
                s[begin - 1:end]):
            return begin - 1  # 其中|和X合作社: 和 opens the 字号
        if begin >= 2 and s[begin - 1] == AND and _cjk(s[begin - 2]) and s[begin - 2] not in STOP_CHARS and (
                self._boundary_before(s, begin - 2) or s[begin - 2] in R["numeral_and_chars"]) and self._listed_ok(
                s[begin - 2:end]):
            return begin - 2  # 其中|X和医疗器械, 还有|三和|X材料: a two-character 字号 ending in 和
        before = next(((ts, te) for _, ts, te in tokens if te == begin), None)
        if before and (before[0] == 0 or s[before[0] - 1] in PUNCT) and not self._listed_ok(s[begin:end]):
            if self._listed_ok(s[before[0]:end]):
                return before[0]
        return self._first_item_edge(s, tokens, begin, end)

    def _first_item_edge(self, s: str, tokens: list[tuple[str, int, int]], begin: int, end: int) -> int:
        """Second looks at the first item of a list: a clause adverb inside it (合肥已落有|X高科) ends the
        clause before the name; a rare 字号 jieba cut as a verb (熹|满仓农业科技) opens the clause."""
        tags = _tag_table()
        inner = [(tok, ts, te) for tok, ts, te in tokens if begin <= ts and te <= end]
        for k, (tok, _, _) in enumerate(inner):
            if len(tok) == 1 and tags.get(tok) in R["first_item_clause_tags"] and tok not in OPENING_CHARS:
                rest = inner[k + 1:]
                while len(rest) > 1 and len(rest[0][0]) == 1 and tags.get(rest[0][0]) == "v":
                    rest = rest[1:]  # 已|落|有: the verbs after the adverb
                if rest and self._listed_ok(s[rest[0][1]:end]):
                    return rest[0][1]
        first = self._clause_start(s, begin) + 1
        lead = next(((tok, te) for tok, ts, te in tokens if ts == first), None)
        if lead and (tags.get(lead[0]) in LEADING_TAGS or tags.get(lead[0]) == "c") and len(lead[0]) > 1:
            first = lead[1]  # 此外,|X…: a connective opens the clause, not the name
        if first >= begin or end - first > R["item_max"]:
            return begin
        if self._listed_ok(s[begin:end]) and not self._product_item(s[begin:end]):
            return begin
        return first if self._listed_ok(s[first:end]) else begin

    def _enumeration_head(self, tail: str, counted: bool = False) -> tuple[str, str]:
        """The company head noun after 等(N家): 等企业, 等一批配套企业, 等新能源龙头企业 → (head, rest).

        Up to eight characters of modifiers may stand before the head; a non-company head word
        (等产品, 等高校, 等领域的企业; whole tokens: 产业化 is not 产业) or a verb among them means
        the list is not of companies.
        """
        if not any(h in tail for h in self.heads) and not (counted and any(h in tail for h in R["counted_trade_heads"])):
            return "", ""  # most 等 end lists of fields, products or places: no tokens needed
        tags = _tag_table()
        pos = 0
        attributive = False
        for tok in _words(tail):
            if pos > R["head_window"]:
                break
            at = tail[pos:]
            # a one-character head (厂) is a whole word or a word's end (整车厂), not a word's start (厂房)
            head = self._head_opening(at, tok)
            if tok in self.enum_modifiers:  # 等一批行业骨干企业
                pos += len(tok)
                continue
            non = self._non_head_at(at, tok)
            if non and len(non) >= len(head):
                if counted and non in R["counted_trade_heads"] and not attributive:
                    return non, at[len(non):]  # X、Y等N家汽车相关产业: the counter 家 counts firms
                served = _SERVED.match(tail)  # X、Y等电饭锅产品的供应商: the items are customers
                return (served.group(1), tail[served.end():]) if served else ("", "")
            if head:
                return head, at[len(head):]
            head = self._head_ending(tok)
            if head:  # one token: 知名企业, 配套企业
                return head, at[len(tok):]
            if tok == ATTR and pos and not attributive:  # 等国际知名的航空公司: modifiers, 的, the head
                attributive = True
                pos += len(tok)
                continue
            if tok in PUNCT or tok in STOP_CHARS or (
                    tags.get(tok) in ("v", "p", "d", "c", "r", "u", "uj") and tok not in self.enum_modifiers
                    and tok not in self.modifiers and tok not in self.industry_words):
                return "", ""
            pos += len(tok)
        return "", ""

    def _head_opening(self, at: str, tok: str) -> str:
        """The first company head (longest first) ``at`` opens with; a one-character head (厂) only as the whole
        token ``tok`` (整车厂's end is ``_head_ending``'s, 厂房 is no head). One startswith over all heads first: most
        tokens open none."""
        if not at.startswith(self._heads_t):
            return ""
        return next((h for h in self.heads if at.startswith(h) and (len(h) > 1 or tok == h)), "")

    def _head_ending(self, tok: str) -> str:
        """A company head a longer token ends with (知名企业, 配套企业)."""
        if not tok.endswith(self._heads_t):
            return ""
        return next((h for h in self.heads if tok.endswith(h) and len(tok) > len(h)), "")

    def _non_head_at(self, at: str, tok: str) -> str:
        """A non-company head (产品, 高校, 领域) that is the token ``tok`` itself or a longer word ``at`` opens with."""
        if tok not in self._non_heads_s and not at.startswith(self._non_heads_t):
            return ""
        return next((h for h in self.non_heads if tok == h or (at.startswith(h) and len(h) > len(tok))), "")

    def _loose_head(self, tail: str) -> tuple[str, str]:
        """A company head the strict walk (``_enumeration_head``) stops before, read only when every item of the list
        is a name: a verb glued to the head, maybe with nouns (等入驻企业, 等再生铝企业: they qualify the head), or an
        attributive phrase of any words but a non-company head before 的 (等产值超10亿元的企业集团)."""
        clause = re.split(r"[,;:。!?、“”]", tail, maxsplit=1)[0]
        tags = _tag_table()
        at, glued = 0, -1
        for tok in _words(clause):
            rest = clause[at:]
            head = self._head_opening(rest, tok) or self._head_ending(tok)
            non = self._non_head_at(rest, tok)
            if (non and len(non) >= len(head)) or at > R["head_window"] + R["loose_head_window"]:
                break
            if head:
                if glued < 0:
                    break
                return head, tail[at + max(len(head), len(tok) if tok.endswith(head) else 0):]
            tag = tags.get(tok)
            if glued < 0 and tag in ("v", "vn") and tok not in self.enum_modifiers:
                glued = at  # the verb glued to the head
            elif glued >= 0 and (tag not in R["loose_head_noun_tags"] or at - glued > R["loose_head_window"]):
                break
            elif glued < 0 and tok not in self.enum_modifiers and tag not in R["loose_head_noun_tags"]:
                break
            at += len(tok)
        k = clause.find(ATTR)
        if 0 < k <= R["attributive_head_window"] and not any(h in clause[:k] for h in self.non_heads):
            head, rest = self._enumeration_head(clause[k + 1:])
            if head:
                return head, rest + tail[len(clause):]
        return "", ""

    def _non_company_tail(self, tail: str) -> bool:
        """The words after a list's 等 name a trade (等一批战略性新兴产业, 等六大支柱产业): a trade head
        (trade_list_heads) comes within head_window characters, after counts and modifiers only, before any company
        head. (Not 等项目: a list of projects names them by their companies.)"""
        if not _TRADE_COUNT.match(tail):
            return False  # 等N大产业, 等一批新兴产业: a count of trades opens the head
        window = tail[:R["head_window"] + max(len(h) for h in self.heads)]
        window = window[:min((window.find(ch) for ch in PUNCT if ch in window), default=len(window))]
        if any(h in window for h in self.heads):
            return False  # 等行业龙头企业, 等产业链链主企业: a company head after the trade word
        pos = 0
        for tok in _words(tail):
            if pos > R["head_window"] or tok in PUNCT:
                return False
            at = tail[pos:]
            if tok in self.enum_modifiers:
                pos += len(tok)
                continue
            head = next((h for h in R["trade_list_heads"] if tok == h or (at.startswith(h) and len(h) > len(tok))
                         or (tok.endswith(h) and len(h) >= 2)), "")
            if head:
                after = at[max(len(head), len(tok)):]
                nxt = _words(after[:6])[0] if after else ""
                # the trade word ends the phrase (等N大产业。); 等一批产业|项目: the projects are the head
                return not nxt or nxt in PUNCT or _tag_table().get(nxt) not in NOUNISH
            pos += len(tok)
        return False

    def _strong_shape(self, name: str) -> bool:
        """<place> + a rare 字号 + an industry word (深圳X智联): a company even outside a list of companies."""
        p = self.parts(name)
        lo, hi = R["strong_brand_len"]
        if not (p.places and p.industry and lo <= len(p.brand) <= hi) or p.industry in self.modifiers:
            return False
        if p.brand in self.closed or p.brand in self.modifiers or _has_bad_stop(p.brand):
            return False
        return all((freq_table().get(t) or 0) < FREQ_WORD for t in _words(p.brand) if len(t) > 1)

    def _listed_ok(self, name: str) -> bool:
        """An item of X、Y等…企业: a 字号 that is also a common word (成立热处理) passes when an industry word follows."""
        if self._item_ok(name, listed=True):
            return not self._verb_brand(name)  # 找|机会和Y等企业: a one-character verb + a dictionary word is the clause
        p = self.parts(name)
        lo, hi = R["listed_brand_len"]
        if p.places and not p.industry and lo <= len(p.brand) <= hi and self._brand_ok(p.brand, registered=True) and (
                p.brand not in self.left_stop and not _has_bad_stop(p.brand) and self._name_like(name, strict=False)):
            return True  # <place>|时代 in a list of companies: <place> + a word is a name
        return bool(p.industry and not p.places and lo <= len(p.brand) <= hi and not _has_bad_stop(p.brand)
                    and p.brand not in self.left_stop and p.brand not in self.modifiers and p.brand not in self.closed
                    and not _NUMERAL.match(p.brand) and not self._verb_brand(name) and (self.company_ok(name, need_form=False) or (
                        self._common_brand_item(name) and self.company_ok(name, need_form=False, common_brand=True))))

    def _common_brand_item(self, name: str) -> bool:
        """An item of a list of companies shaped 字号 + trade word (时代|纺织 in X、Y等龙头企业) whose 字号 is a common
        word of the dictionary: the list's head vouches for it when the 字号 is a noun, a proper noun or a time word
        (not a verb or modifier) and the whole item is no dictionary word or product."""
        p = self.parts(name)
        if p.form or p.places or len(p.industry_words) != 1 or not name.endswith(self._company_shape_words):
            return False
        if len(p.brand) != R["common_brand_item_len"] or _tag_table().get(p.brand) not in R["common_brand_item_tags"]:
            return False
        return not (name in freq_table() or _common_noun(name) or self._product_item(name) or _place_word(p.brand))

    def _drop_town(self, start: int, name: str) -> tuple[int, str]:
        """<town>|X、Y两家轴承企业: a town before a list item without legal form says where it is, not its name."""
        p = self.parts(name)
        town = p.places[0] if p.places else ""
        if town and town[-1] in R["town_units"] and not p.form and len(name) - len(town) >= R["short_item_len"]:
            return start + len(town), name[len(town):]
        return start, name

    def _project_item(self, name: str) -> bool:
        """An item of a list of projects (引进X智联、Y电子等配套项目) named by its company: a strong shape, or a
        字号 jieba does not know + an industry word."""
        if self._strong_shape(name):
            return True
        p = self.parts(name)
        if not p.industry and p.places and not p.form and _unknown_run(p.brand):
            lo, hi = R["project_place_brand_len"]  # 东莞|虹日: <place> + a 字号 jieba does not know
            return lo <= len(p.brand) <= hi and self._listed_ok(name)
        return bool(p.industry) and _unknown_run(p.brand) and 2 <= len(p.brand) <= 4 and self._item_ok(name, listed=True)

    def _product_item(self, item: str) -> bool:
        """A list item that names a product or trade, not a company: an industry word, a common noun, no 字号."""
        p = self.parts(item)
        return item in self.industry_words or (len(p.brand) <= 1 and bool(p.industry))

    def _short_item_ok(self, name: str) -> bool:
        """A two-character item of a list of companies (X、Y等企业): a brand that is no common word,
        place, class word, generic word or person-like surname + character."""
        if len(name) != R["short_item_len"] or not all(_cjk(ch) for ch in name) or _has_bad_stop(name):
            return False
        if name in self.closed or name in self.places or name in self.industry_words or name in self.modifiers:
            return False
        if name in self.left_stop or name.endswith(self._gov_ends) or _place_word(name):
            return False
        tag = _tag_table().get(name)
        freq = freq_table().get(name) or 0
        return (tag in PROPER_TAGS and freq < FREQ_WORD) or (freq < FREQ_NOUNISH and tag not in STOP_POS and (
            tag not in R["common_noun_tags"] or freq < R["short_item_rare_noun_freq"]))

    def _item_ok(self, name: str, listed: bool = False) -> bool:
        """A name without legal form; ``listed`` items stand in an enumeration before 等…企业."""
        if name.endswith(self._inst_ends) or any(w in name for w in R["institution_words_in_name"]):
            return False
        if _common_noun(name):
            return False  # 钢化玻璃, 宠物食品: a word of the dictionary, not a name
        lo, hi = R["name_len"]
        if not lo <= len(name) <= hi or name[0].isdigit():
            return False
        if not self._name_like(name, strict=not listed):
            return False
        p = self.parts(name)
        if p.brand and p.brand.endswith(self._gov_brand_ends):
            return False  # 市科技局, 镇政府 …
        if not p.industry and not p.places and len(name) <= 3 and name[0] in self.surnames:
            return False  # a person (薛景霞获评…)
        if any(w in self.non_company_endings for w in p.industry_words):
            return False  # 发力产业园科技: a facility word inside the name
        if not p.form and not p.places and p.industry and self._compound_product(p.brand):
            return False  # 稀土永磁材料: dictionary nouns qualifying a product
        if not p.form and not p.places and p.industry in R["activity_industry_words"] and len(_words(p.brand)) == 1 \
                and len(p.brand) >= 2 and _tag_table().get(p.brand) in R["compound_product_tags"]:
            return False  # 挖掘机|制造: one product noun and the activity making it, a trade, not a 字号
        if not p.form and p.industry and self._phrase_brand(p.brand):
            return False  # 基础设施|建设, 旅游加|农业: a common noun or two trades joined, not a 字号
        credit = next((w for w in self.credit_words if name.endswith(w)), "")
        if credit and name[0] in self.surnames and len(name) - len(credit) <= 3:
            return False  # a photographer's credit (X摄)
        return self.company_ok(name, need_form=False)

    def _name_like(self, name: str, strict: bool = True) -> bool:
        """The 字号 holds no function word, verb or common word (项目早落地, 高质量 are not names)."""
        tags = _tag_table()
        brand = self.parts(name).brand
        if any(w in brand for w in NON_BRAND):
            return False  # 重大项目|建设: a project phrase
        toks = _words(brand)
        if len(brand) == R["slogan_len"] and (brand[0] == brand[2] or brand[1] == brand[3]):
            return False  # 做大做强, 又好又快: a slogan of two paired words, not a name
        pos = 0
        for tok in toks:
            pos += len(tok)
            if tok in self.places or tok in self.industry_words:
                continue
            if len(tok) == 1:
                if _bad_stop(brand, pos - 1):
                    return False
                continue
            freq = freq_table().get(tok) or 0
            if tok in self.modifiers and pos == len(tok) and _modifier_then_unknown(brand, self.modifiers):
                continue  # 新兴|甲乙集团: a modifier opening a 字号 whose rest is a word jieba does not know
            if tok in self.left_stop or tok in self.modifiers or (tags.get(tok) in STOP_POS and not (
                    tags.get(tok) == "v" and freq < VERB_FREQ)):  # <rare verb>|钨业: a rare verb may be a 字号
                return False
            if strict and (freq >= FREQ_WORD or (tags.get(tok) in NOUNISH and freq >= FREQ_NOUNISH)):
                return False
        return True

    def _rare_head(self, name: str) -> bool:
        """A 字号 that opens with a rare word (甲桥|创业集团): later common words (创业, 发展) belong to the name."""
        tags = _tag_table()
        brand = self.parts(name).brand
        toks = _words(brand)
        head = brand[:2]  # jieba may cut an unknown 字号 into single characters (魏|桥)
        lo, hi = R["rare_brand_len"]
        if not lo <= len(brand) <= hi or any(t in STOP_CHARS or t in self.left_stop for t in toks):
            return False
        unknown = len(toks) > 1 and len(toks[0]) == len(toks[1]) == 1 and not any(
            tags.get(t) in R["unknown_head_bad_tags"] for t in toks[:2])  # 中|德|石油, not 做|大|做|强
        return ((freq_table().get(head) or 0) < FREQ_RARE_HEAD and (unknown or tags.get(toks[0]) not in STOP_POS)
                and head not in self.places and head not in self.modifiers and head not in self.closed)

    def _trim(self, start: int, name: str, s: str = "") -> tuple[int, str]:
        """Drop a leading verb or preposition that the token walk could not split off (向东|阿阿胶).

        A 和 or 正 right after a boundary (、和X铝材, 其中正X建材) has nothing to join or to qualify:
        it opens the 字号.
        """
        first = _words(name[:6])[0] if len(name) > 3 else ""
        bounded = bool(s) and start > 0 and s[start - 1] == SEP and _tag_table().get(first) in R["bounded_item_tags"]
        if len(first) > 1 and _tag_table().get(first) in LEADING_TAGS and first not in self.places and not bounded:
            start, name = start + len(first), name[len(first):]  # 此次|X与…: a pronoun or time word opens no 字号
        for _ in range(3):
            word = next((name[:n] for n in self._left_stop_lengths if name[:n] in self.left_stop), "")
            if not word or len(word) >= len(name) - 1:
                break
            if word in OPENING_CHARS and s and self._boundary_before(s, start):
                break
            start, name = start + len(word), name[len(word):]
        for k, ch in enumerate(name[:-2]):
            if k == 0 and ch in OPENING_CHARS and s and self._boundary_before(s, start):
                continue
            if _bad_stop(name, k) and self.company_ok(name[k + 1:], need_form=False):
                start, name = start + k + 1, name[k + 1:]
                opener, closer = R["frame_opener_closer"]
                if s and name.startswith(opener) and s.startswith(closer, start + len(name)) and self.company_ok(
                        name[len(opener):], need_form=False):
                    start, name = start + len(opener), name[len(opener):]  # 形成了|以|X铜业|为龙头: the frame 以…为
                return start, name
        return start, name

    def _by_support(self, s: str) -> list[OrgMention]:
        """支持|推动 X 创建|发展…: X when it has an industry word or form (places and programs stand there too)."""
        out: list[OrgMention] = []
        for m in self.support_re.finditer(s):
            pos = m.start(1)
            for raw in m.group(1).split(SEP):
                b, item = self._trim(pos, raw, s)
                if self._item_ok(item) and self._trade_shaped(item):
                    out.append(OrgMention(b, b + len(item), item, "Company", "subject", CONF["subject"]))
                pos += len(raw) + 1
        return out

    def _triggered(self, s: str, shape_at: int) -> list[tuple[re.Pattern[str], str]]:
        """The subject rules whose trigger ``s`` holds (a cheap test before the costly pattern), in order;
        ``shape_at``: where the first shape word of ``s`` starts (-1: none)."""
        out: list[tuple[re.Pattern[str], str]] = []
        for regex, rule, trigger in self._subject_rules:
            if rule == "shape":
                # a shape trigger is a shape word with its own lookahead: none starts before the first shape word
                # (no trigger holds a lookbehind or an anchor, so a search from there answers as one from 0)
                if shape_at < 0 or not trigger.search(s, shape_at):
                    continue
            elif not trigger.search(s):
                continue
            out.append((regex, rule))
        return out

    def _by_subject(self, s: str, shape_at: int) -> list[OrgMention]:
        out = self._by_support(s)
        for regex, rule in self._triggered(s, shape_at):
            for m in regex.finditer(s):
                if regex is self.partner_re and not self._has_partner(s, m.end()):
                    continue
                if regex is self.place_shape_re and not self._place_before(s, m.start(1) - 1):
                    continue
                m = self._later_start(regex, s, m) if rule == "shape" else m
                b, item = self._trim(m.start(1), m.group(1), s)
                while len(item) > 3 and item[-1] in self.trailing and rule == "subject":
                    item = item[:-1]  # 甲乙纺织还|与…: an adverb before the verb
                if regex is self.cue_shape_re and s[m.start(1) - 1] == ATTR and not self.parts(item).brand:
                    continue  # 如今的临清轴承,: a place's industry after a temporal cue
                if rule == "shape" and (self._verb_brand(item) or self._material_brand(item)):
                    continue  # 工作人员正|调试智能生产线: a verb in common use is no 字号; nor is a material (稀土钢)
                if rule == "shape" and _PLACE_TRADE.match(s, m.end(1)):
                    p = self.parts(item)
                    if not p.brand or p.places:
                        continue  # 临清轴承的发展, <city>钢管生产的龙头: a place's industry, not a company
                item = self._shape_owner(regex, s[b:m.end()], item)
                if rule == "shape":
                    cut = self._inner_place(item)
                    b, item = b + cut, item[cut:]  # 工作组在|<county>X科技: the name opens with its place
                    if self._verb_phrase_brand(item):
                        continue  # 提升|X能力…: a verb phrase, no 字号
                if self._item_ok(item):
                    out.append(OrgMention(b, b + len(item), item, "Company", rule, CONF[rule]))
        return out

    def _inner_place(self, name: str) -> int:
        """Offset of a place word standing inside a formless name's 字号 after its first word (X|<county>Y机械): the
        words before it are the clause's, the name opens with the place; 0 when there is none."""
        p = self.parts(name)
        if p.form or p.places:
            return 0
        pos = 0
        for k, tok in enumerate(_words(p.brand)):
            if k and tok in self.places and len(tok) >= 2:
                return pos
            pos += len(tok)
        return 0

    def _verb_phrase_brand(self, name: str) -> bool:
        """A formless item whose 字号 is two or more words, one of them a verb in common use (推进|X, X|建设): a verb
        phrase, not a 字号 (a 字号 that is one verb-tagged word, 奔驰, may be a name)."""
        p = self.parts(name)
        toks = _words(p.brand) if p.brand else ()
        return not p.form and len(toks) >= 2 and any(len(t) >= 2 and self._common_verb(t) for t in toks)

    def _trade_shaped(self, name: str) -> bool:
        """A name with an industry word or a legal form: the only kind a frame shared with places and programs
        (支持X建设|发展, X与…) may vouch for."""
        p = self.parts(name)
        return bool(p.industry or p.form)

    def _shape_owner(self, regex: re.Pattern[str], phrase: str, item: str) -> str:
        """A shape subject before 项目 (甲乙丙碳纤维复合材料项目…): its owner when the name is 字号 + product."""
        if regex is not self.shape_re:
            return item
        return self._owner_before_product(phrase, self.parts(item)) or item

    def _later_start(self, regex: re.Pattern[str], s: str, m: re.Match[str]) -> re.Match[str]:
        """The match itself, or when its name is no name (该项目由|X纺织投资…: the leftmost boundary opened too early)
        the same name end matched from a later left boundary inside it (由, 到 after 该项目, 县领导)."""
        if self._item_ok(self._trim(m.start(1), m.group(1), s)[1]):
            return m
        for pos in range(m.start(1) + 1, m.end(1) - 2):
            later = regex.match(s, pos)
            if later and later.end(1) == m.end(1) and self._item_ok(self._trim(later.start(1), later.group(1), s)[1]):
                return later
        return m

    def _clause_subject_brand(self, s: str, start: int, end: int, brand_toks: list[str]) -> bool:
        """A strong 字号 + shape word opening a clause (after a clause break, ``clause_brand_breaks``) may be followed
        by any word: the clause's subject goes on with what it makes or does (X铝业|罐体料、拉环料项目…, X车桥|前轴产品
        进入…), where inside a clause a noun after it makes a facility's or product's name. Not when a legal form
        follows (the suffix rule's name), the words after it head a field (``clause_brand_field_heads``: X轴承|市场) or
        name a site within ``clause_brand_site_window`` characters (X科技|示范园, X新材料|制造业创新中心), the 字号 is
        a place word (a place's trade), or a 字号 of three or more characters opens with a surname (a byline's
        name glued to a heading)."""
        if start and s[start - 1] not in R["clause_brand_breaks"] or s.startswith(self._clause_brand_forms, end):
            return False
        rest = _CLAUSE_BREAK.split(s[end:], maxsplit=1)[0]
        brand = "".join(brand_toks)
        return not (any(w in rest[:R["clause_brand_site_window"]] for w in R["clause_brand_site_words"])
                    or rest.startswith(self._clause_brand_fields) or _place_word(brand, *brand_toks)
                    or len(brand) >= R["clause_brand_surname_len"] and brand[0] in self.surnames)

    def _by_strong_brand(self, s: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
        """<place>? + a 字号 that is a proper noun or a word jieba does not know + a company shape word, standing
        as whole words after a boundary (…对英岚电子的…, 、琨岱机械,): a name in any position of the sentence."""
        out: list[OrgMention] = []
        tags = _tag_table()
        ends = {e: (t, b) for t, b, e in tokens}
        starts = {b: t for t, b, _ in tokens}
        for m in self.shape_word_re.finditer(s):
            lo = max(0, m.start() - R["strong_brand_window"])
            if m.start() not in ends or m.end() not in ends:
                continue
            b, brand_toks = m.start(), list[str]()
            while b in ends and len(brand_toks) < 4:
                if _COUNT_BEFORE.search(s, max(0, b - 6), b):
                    break  # 等6宗|X汽车: a count's measure word is no part of the 字号
                tok, tb = ends[b]
                one = len(tok) == 1 and _cjk(tok) and tok not in STOP_CHARS and tags.get(tok) not in STOP_POS
                if not (one or tags.get(tok) in BRAND_TAGS and (freq_table().get(tok) or 0) < FREQ_NOUNISH
                        and (freq_table().get(tok[-2:]) or 0) < FREQ_WORD):
                    break  # 大力|发展: a dictionary word ending in a common word is a phrase
                if tok in self.places or tok in self.left_stop or tok in self.modifiers:
                    break
                brand_toks.insert(0, tok)
                b = tb
            brand = "".join(brand_toks)
            while b in ends and ends[b][0] in self.places:
                b = ends[b][1]
            if not 2 <= len(brand) <= 4 or not (_unknown_run(brand) or len(brand_toks) == 1 and len(brand) > 1):
                continue
            prev = ends.get(b)
            if b > lo and prev and not (prev[0] in PUNCT or prev[0] in QUOTE_CHARS or prev[0] in self.left_stop
                                        or tags.get(prev[0]) in ("p", "c", "u", "uj") or _GLUED.fullmatch(prev[0])
                                        or prev[0] in self.strong_cues_before
                                        or _COUNT_BEFORE.search(s, max(0, b - 6), b)):
                continue  # glued to a noun before it
            b += next((j for j in (1, 2) for i in range(max(0, b - 4), b) if _GLUED.fullmatch(s[i:b + j])), 0)
            name = s[b:m.end()]  # 项目|方|X…: the glued noun's last character is no part of the 字号
            after = starts.get(m.end(), "")
            if after and self._clause_subject_brand(s, b, m.end(), brand_toks):
                after = ""  # X铝业|罐体料项目…, at a clause's start: the subject names its product, no facility
            if after and not (after in PUNCT or after in QUOTE_CHARS or after in self._follow_words
                              or tags.get(after) in FOLLOW_TAGS or s.startswith(self.strong_cues_after, m.end())
                              or _YEAR_AFTER.match(s, m.end())):
                continue  # X科技|示范园, X化纤|轮胎产业园: the name of a facility or a product, not a company
            if not self.parts(name).brand or self._industry_neighbour(s, b, m.end()) or self._people_list(s, m.end()):
                continue
            if self._item_ok(name, listed=True) and not (name[0] in self.surnames and len(brand) == 2 and not
                                                         self.parts(name).places and brand_toks[0] != brand):
                out.append(OrgMention(b, m.end(), name, "Company", "shape", CONF["shape"]))
        return out

    def _people_list(self, s: str, end: int) -> bool:
        """The name is an item of X、Y等企业负责人 (a list of people, see _by_enumeration)."""
        clause = re.split(r"[,;:。!?]", s[end:], maxsplit=1)[0]
        k = clause.find(LIST_MARK)
        if k < 0:
            return False
        head, rest = self._enumeration_head(clause[k + 1:k + 1 + R["enumeration_tail"]])
        return bool(head) and self._people_after(rest)

    def _people_after(self, rest: str) -> bool:
        """The words after a list's head name people (等企业|负责人, 企业|主): a one-character follower only as a
        whole word (企业|主营业务收入 is the companies' revenue)."""
        if not rest.startswith(self.person_followers):
            return False
        first = _words(rest[:8])[0]
        return any(first == f or len(f) > 1 and rest.startswith(f) for f in self.person_followers)

    def _industry_neighbour(self, s: str, start: int, end: int) -> bool:
        """An item of a list of industries (煤化工、盐化工、X化工): a neighbour between 、 has no 字号 of two characters."""
        items = []
        if start > 0 and s[start - 1] == SEP:
            items.append(re.split(r"[,;:。!?、]", s[:start - 1])[-1][-R["item_max"]:])
        if s.startswith(SEP, end):
            items.append(re.split(r"[,;:。!?、]", s[end + 1:])[0][:R["item_max"]])
        return any(it and (it in self.industry_words or len(self.parts(it).brand) <= 1) for it in items)

    def _by_bare_subject(self, s: str) -> list[OrgMention]:
        """A clause-initial name without industry word or form before a company verb (与<place>X投资…,
        X今年在<place>新建…): its 字号 must be a proper noun or a word jieba does not know."""
        out: list[OrgMention] = []
        for m in self.bare_re.finditer(s):
            b, item = m.start(1), m.group(1)
            first = _words(item)[0]
            if len(first) > 1 and _tag_table().get(first) in LEADING_TAGS:
                b, item = b + len(first), item[len(first):]  # 此次|X与…
            elif len(first) == 1 and len(item) > 3 and _tag_table().get(first) in R["bare_subject_opening_tags"]:
                b, item = b + 1, item[1:]  # 由|X投资建设: a preposition opening the clause is no part of the name
            item = self._drop_verb_adverbs(item)
            if self._bare_ok(item, s, b):
                out.append(OrgMention(b, b + len(item), item, "Company", "subject", CONF["subject"]))
        return out

    def _drop_verb_adverbs(self, name: str) -> str:
        """<place>共|新(签约): one-character adverbs (and the adjectives they lead, 新) before the verb modify it; the
        name ends before the first of them."""
        toks = _words(name)
        tags = _tag_table()
        k = len(toks)
        while k > 1 and len(toks[k - 1]) == 1 and tags.get(toks[k - 1]) in R["verb_adverb_tags"]:
            k -= 1
        if k == len(toks) or not any(tags.get(t) in R["clause_adverb_tags"] for t in toks[k:]):
            return name
        return "".join(toks[:k])

    def _bare_ok(self, name: str, s: str, start: int) -> bool:
        lo, hi = R["bare_subject_len"]["brand"]
        short = len(name) == R["short_item_len"]
        if len(name) < R["short_item_len"] or _has_bad_stop(name) or not (short or self._item_ok(name, listed=True)):
            return False
        end = start + len(name)
        between = self.bare_between_re.match(s, end)
        at = between.end() if between else end
        toks = _words(s[start:at + 6])
        cuts = _cuts(s[start:at + 6])
        verb = self.bare_verb_re.match(s, at)
        nxt = next((t for t in toks if start + sum(map(len, toks[:toks.index(t)])) == at), "")
        if len(name) not in cuts or not verb or not nxt or len(nxt) > verb.end() - at:
            return False  # the name ends inside a word, or the verb is part of a longer word (生产|力)
        if short:
            return self._short_subject_ok(name, s, start)
        p = self.parts(name)
        if p.form or not lo <= len(p.brand) <= hi or p.brand in self.left_stop or p.brand in self.modifiers:
            return False
        if name[-1] in self.trailing or any(f in name for f in self._long_forms) or _place_word(p.brand, name):
            return False  # X集团|就…: a name with its form and an adverb; a place of anywhere in China
        if not p.places and name[0] in self.surnames and len(name) <= 3:
            return False  # a person (王振华投资…)
        tag = _tag_table().get(p.brand)
        if not p.places and (freq_table().get(p.brand) or 0) >= FREQ_NOUNISH:
            return False  # 交易所|发布公告: a kind of organisation in common use, no 字号
        return _unknown_run(p.brand) or (tag in PROPER_TAGS and tag != "ns") or (
            tag == "ns" and bool(p.places) and p.brand not in self.places)

    def _short_subject_ok(self, name: str, s: str, start: int) -> bool:
        """A two-character brand opening its clause before a company verb (甲乙投资5亿元…): a name the dictionary
        tags as a brand, organisation or abbreviation, or a person-tagged word not opening with a surname."""
        if start and s[start - 1] not in PUNCT and s[start - 1] not in QUOTE_CHARS:
            return False
        if name in self.closed or name in self.places or name in self.industry_words or name in self.modifiers:
            return False
        if name in self.left_stop or _place_word(name) or (freq_table().get(name) or 0) >= FREQ_WORD:
            return False
        tag = _tag_table().get(name)
        return tag in R["short_subject_tags"] or (tag in ("nr", "nrfg") and name[0] not in self.surnames)

    def _phrase_brand(self, brand: str) -> bool:
        """A 字号 that is one long common word of the dictionary (基础设施) or an industry word and one more
        character (旅游|加): the words of a phrase, not a coined name."""
        if len(brand) >= R["word_brand_min_len"] and _common_noun(brand):
            return True
        return len(brand) >= 3 and brand[:-1] in self.industry_words and _cjk(brand[-1])

    def _common_verb(self, word: str) -> bool:
        """A verb in common use (投资, 建设), not a rare verb-tagged trade word (重工)."""
        return _tag_table().get(word) in R["formless_verb_industry_tags"] and (freq_table().get(word) or 0) >= VERB_FREQ

    def _verb_brand(self, name: str) -> bool:
        brand = self.parts(name).brand
        if _tag_table().get(brand) in ("v", "vn") and (freq_table().get(brand) or 0) >= VERB_FREQ:
            return True
        toks = _words(name)  # 变|废旧塑料: a one-character verb before a dictionary word is the clause's verb
        return len(toks) >= 2 and len(toks[0]) == 1 and len(toks[1]) >= 2 and _tag_table().get(toks[0]) in (
            R["opening_verb_tags"]) and toks[1] not in self.industry_words and toks[1] in freq_table()

    def _material_brand(self, name: str) -> bool:
        """A formless name whose 字号 is a compound of common dictionary nouns (稀土|钢 + 高端轴承): a material
        qualifying a product, not a 字号 (a 字号 is one rare word or characters jieba does not join)."""
        p = self.parts(name)
        if p.form or p.places or not p.industry:
            return False
        words = _words(p.brand)
        tags = _tag_table()
        lo = R["material_brand"]["min_freq"]
        return len(words) >= 2 and all(
            tags.get(w) in R["material_brand"]["tags"] and (freq_table().get(w) or 0) >= lo for w in words)

    def _place_before(self, s: str, pos: int) -> bool:
        """A place name of the region ends at ``pos`` (临清市|的X精工)."""
        return any(s[pos - n:pos] in self.places for n in range(2, min(13, pos) + 1))

    def _has_partner(self, s: str, pos: int) -> bool:
        clause = re.split(r"[,;:。!?]", s[pos:], maxsplit=1)[0]
        return bool(self.suffix_re.search(clause))


_BUILD_VERBS = tuple(R["formless_build_verbs"])
_ORDINAL = re.compile(R["ordinal_brand"])
_ABBR_BRACKET = re.compile(R["abbreviation_bracket"])
_PROJECT_HEAD = re.compile(R["project_head"])
_SIBLING_TAIL = re.compile(R["sibling_item_tail"])
_PARK_OWNER_REST = re.compile(R["park_owner_rest"])
_PARTNER_OBJECT = re.compile(R["partner_object"])
_SUPPLY_OBJECT = re.compile(R["supply_object"]["slots"])
_SUPPLY_GENERIC = tuple(R["supply_object"]["generic"])
_CUSTOMER_LIST = R["customer_list"]
_CUSTOMER_CLOSE = re.compile(_CUSTOMER_LIST["close"])
_CUSTOMER_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_LATIN = re.compile(r"[A-Za-z]")
_CLAUSE_PUNCT = ",;:。!?"
_PLANT = re.compile(R["plant_words"])


def _counted(name: str) -> bool:
    """A name holding a count (``counted_brand``): a numeral with a classifier (一家, 三片; jieba tags them m as one
    word) or digits before a classifier (建|70|条): the clause's quantity, not a 字号."""
    toks = _words(name)
    tags = _tag_table()
    for k, t in enumerate(toks):
        if len(t) >= 2 and tags.get(t) == "m" and t[-1] in _COUNT["classifiers"] and all(
                ch in _COUNT["numerals"] for ch in t[:-1]):
            return True
        if t.isdigit() and k + 1 < len(toks) and toks[k + 1][0] in _COUNT["after_digits"]:
            return True
    return False


def _mid_word(s: str, tokens: list[tuple[str, int, int]], o: OrgMention) -> bool:
    """从|事陶瓷业: a formless shape name opening inside a common dictionary word (frequency at least FREQ_WORD) of
    the clause starts with that word's tail, not with a 字号."""
    if o.rule != "shape":
        return False
    for tok, b, e in tokens or tokenize(s):
        if b < o.start < e:
            return len(tok) >= 2 and (freq_table().get(tok) or 0) >= FREQ_WORD
        if b >= o.start:
            return False
    return False


def _inside_zone(s: str, o: OrgMention) -> bool:
    """经|开区汽车: a name whose first characters end a zone word (ZONE_WORDS) that opens before it starts inside
    the zone's name, at a cut the tokenizer made; the zone is the subject, not a company."""
    if o.label != "Company":
        return False
    if o.start < _ZONE_REACH or o.start >= len(s):  # a start near the sentence's ends: every word and cut, as before
        return any(0 < k < len(w) and s.startswith(w, o.start - k) for w in ZONE_WORDS for k in range(1, len(w)))
    # only the (word, cut) pairs whose character after the cut is the name's first (the others cannot match there)
    return any(s.startswith(w, o.start - k) for w, k in _ZONE_CUTS.get(s[o.start], ()))


_ZONE_REACH = max(map(len, ZONE_WORDS))  # the farthest a zone word's start lies before a cut inside it
_ZONE_CUTS: dict[str, list[tuple[str, int]]] = {}  # a character -> (zone word, cut k) with word[k] that character
for _w in ZONE_WORDS:
    for _k in range(1, len(_w)):
        _ZONE_CUTS.setdefault(_w[_k], []).append((_w, _k))


def _product_line(s: str, o: OrgMention) -> bool:
    """X生产线, X生产项目, X生产企业 (``product_line_followers``) after a formless name of ``product_line_rules``: X is
    what the line or the trade makes, not a company."""
    return o.rule in R["product_line_rules"] and bool(
        _PRODUCT_LINE.match(s, o.end) or _TOPIC_VERB.search(s, 0, o.start)) or (
        o.label == "Company" and (o.rule != "suffix" or o.name.endswith(tuple(R["quantified_plant_forms"]))) and bool(
            _QUANTIFIED.search(s, 0, o.start)))


def _item_bounds(seg: str, lo: int) -> list[tuple[int, int]]:
    """The (start, end) of each 、-separated item of the list ``seg`` that starts at ``lo`` in its sentence."""
    bounds, pos = [], lo
    for part in seg.split(SEP):
        bounds.append((pos, pos + len(part)))
        pos += len(part) + 1
    return bounds


def _list_item_spans(s: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The 、-items of the clause ``s[lo:hi]`` (up to an item holding 等: X、Y等一批项目), each without a phase tail
    (X二期、Y二期: the company's phase)."""
    spans: list[tuple[int, int]] = []
    for b, e in _item_bounds(s[lo:hi], lo):
        mark = s.find(LIST_MARK, b, e)
        if mark > b:  # X、Y等一批项目、…: the list ends at 等
            spans.append((b, mark))
            break
        spans.append((b, e))
    return [(b, b + len(_SIBLING_TAIL.sub("", s[b:e]))) for b, e in spans]


def _take_item(out: list[OrgMention], known: set[tuple[int, int]], s: str, b: int, e: int) -> None:
    """A list item ``s[b:e]`` found a company (``OrgFinder._siblings``), noted as known so no other rule adds it."""
    out.append(OrgMention(b, e, s[b:e], "Company", "enumeration", CONF["enumeration"]))
    known.add((b, e))


def _bad_stop(text: str, k: int) -> bool:
    """A function character at ``k``; 和 counts only where it could join two words (X和Y), not in 乙和, 和丙, 三和."""
    ch = text[k]
    return ch in STOP_CHARS and (ch != AND or (k >= 2 and len(text) - k - 1 >= 2 and text[k - 1] not in R[
        "numeral_and_chars"]))


def _trade_word(word: str) -> bool:
    """钨业, 石业, 门业: a material or product character + 业 that is no common word (企业, 专业)."""
    return (len(word) == 2 and word[1] == R["trade_suffix"] and _tag_table().get(word[0]) in R["trade_char_tags"]
            and (freq_table().get(word) or 0) < R["trade_word_freq"])


def customer_close(s: str, start: int, end: int, *, clause: int | None = None) -> bool:
    """The list from ``start`` to ``end`` is a list of customers (organisations.json ``customer_list``): closed by
    等, a few characters and a customer head — the head 客户 (拥有A、B等长期合作的客户), or another head when the
    list is an object (an opener before it in its clause: 为A、B等大型企业配套) of a clause holding a supply cue; a
    list opening its clause (A、B等企业相配套) is a subject, its companies the suppliers. ``clause``: where the
    clause holding ``end`` starts, when the caller has it already (found here otherwise)."""
    m = _CUSTOMER_CLOSE.match(s, end)
    if m is None:
        return False
    if m.group(1) in _CUSTOMER_LIST["customer_heads"]:
        return True
    a = max(s.rfind(ch, 0, end) for ch in _CLAUSE_PUNCT) + 1 if clause is None else clause
    b = min([k for k in (s.find(ch, m.end()) for ch in _CLAUSE_PUNCT) if k >= 0] or [len(s)])
    return a < start and any(w in s[a:start] for w in _CUSTOMER_LIST["openers"]) and any(
        c in s[a:b] for c in _CUSTOMER_LIST["supply_cues"])


def _common_noun(name: str) -> bool:
    toks = _words(name)
    return len(toks) == 1 and _tag_table().get(name) in R["common_noun_tags"]


@lru_cache(maxsize=1)
def _national_places() -> frozenset[str]:
    """Place words of the whole country that may open a company name (organisations.json: national_name_places)."""
    conf = R["national_name_places"]
    gaz = load_gazetteer()
    tags = _tag_table()
    out: set[str] = set()
    if conf["prefectures"]:
        out |= {w for name, c in gaz.cities.items() for w in (name, c["short"], *c.get("former", ())) if len(w) >= 2}
    for place in gaz.counties.values():
        if place.pack:
            continue  # the region pack's own names are the region's places already
        if conf["county_full"] and len(place.name) >= 3:
            out.add(place.name)
        out |= {a for a in place.aliases if len(a) >= conf["county_short_min"] and not a.endswith(("县", "市", "区"))
                and tags.get(a) in conf["county_short_tags"]}
    return frozenset(out)


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    """Provinces by full and short name (山东省, 山东)."""
    provinces = load_gazetteer().provinces
    return frozenset(w for name, p in provinces.items() for w in (name, p.get("short", "")) if len(w) >= 2)


@lru_cache(maxsize=4096)
def _town_word(word: str) -> bool:
    """``word`` names a town or street and nothing else in the gazetteer (老庙镇; not 新乡, a prefecture)."""
    cands = load_gazetteer().index.get(word, ())
    return bool(cands) and all(c.how == "town" for c in cands)


def _place_word(*words: str) -> bool:
    """One of ``words`` names a place somewhere in China (a county's short name, a town)."""
    names = place_words()
    return any(w in names for w in words)


def _cuts(text: str) -> set[int]:
    """Offsets between jieba's words of ``text``."""
    out, pos = set(), 0
    for tok in _words(text):
        pos += len(tok)
        out.add(pos)
    return out


def _modifier_then_unknown(brand: str, modifiers: frozenset[str]) -> bool:
    """A 字号 opening with a two-character modifier and going on with only characters jieba cannot join into
    words (新兴|甲乙): a name, not a modifier before a noun."""
    head, rest = brand[:2], brand[2:]
    toks = _words(rest)
    return head in modifiers and len(toks) >= R["unknown_run_min"] and _unknown_run(rest) and all(
        len(t) == 1 and _cjk(t) for t in toks)


def _unknown_run(brand: str) -> bool:
    """``unknown_run_min`` one-character tokens in a row, none a function character or digit: a word jieba does not know."""
    run = 0
    for tok in _words(brand):
        run = run + 1 if len(tok) == 1 and _cjk(tok) and tok not in STOP_CHARS else 0
        if run >= R["unknown_run_min"]:
            return True
    return False


def _garbled(name: str) -> bool:
    """A name holding an unbalanced bracket or pinyin (lower-case Latin syllables, tone marks): text of a glossed or
    garbled page cut across its glosses, never a name."""
    depth = 0
    for ch in name:
        depth += (ch == OPEN_BR) - (ch == CLOSE_BR)
        if depth < 0:
            return True
    return depth != 0 or bool(_GARBLED.search(name))


def _has_bad_stop(text: str) -> bool:
    return any(_bad_stop(text, k) for k in range(len(text)))


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _collapse_repeated_place(name: str, places: frozenset[str]) -> str:
    """<city><city>X公司 and X公司X公司 (layout repeats) → <city>X公司, X公司."""
    half = len(name) // 2
    if len(name) % 2 == 0 and name[:half] == name[half:]:
        return name[half:]  # a heading line joined to a paragraph that opens with the same name
    for n in range(2, min(6, len(name) // 2) + 1):
        head = name[:n]
        if head in places and name[n:].startswith(head):
            return name[n:]
    return name


def _dedupe(found: list[OrgMention]) -> list[OrgMention]:
    """Drop a company mention inside a longer one; keep nested institutions (聊城大学 in …研究院)."""
    found.sort(key=lambda o: (-(o.end - o.start), o.start))
    kept: list[OrgMention] = []
    for o in found:
        inside = [k for k in kept if k.start <= o.start and o.end <= k.end]
        if inside and not (o.label == "Institution" and all(k.label == "Institution" for k in inside)):
            continue
        if any(k.start < o.end and o.start < k.end and not (k.start <= o.start and o.end <= k.end) for k in kept):
            continue
        kept.append(o)
    kept.sort(key=lambda o: o.start)
    return kept

# scanned in (nearly) every sentence and absent from most: each answers with nothing, without scanning, a text lacking
# what every match needs (loaders.sieve; the gains measured by perf21)
sieve_globals(globals(), ("_PLANT",))

"""Open classes: industries and designations as the text names them (stage ``classes``).

- An industry mention's node is the text's own word, made canonical by dropping 产业/行业/集群
  (轴承产业 → 轴承); when that word is a taxonomy word or alias of the region pack, the node
  is linked ``PART_OF`` the taxonomy node (阿胶 → 中医药), never to a word the text does not support.
- Open industry words: the noun tokens before a head (X产业, X行业, X产业集群; X企业 for companies).
- Open designations: the phrase after a holding verb up to a designation head (获评…示范企业,
  入选…名单, 荣获“…”称号), with ``level`` from the text; ``designation_status`` tells held /
  candidate / aspired from the cues of its clause.
Cue words: loaders/rules/classes.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from econgraph.graph.model import entity_uid
from econgraph.loaders.companies import OrgFinder, _tag_table
from econgraph.loaders.dictionary import freq_table
from econgraph.loaders.region import Region
from econgraph.loaders.rules import alternation, rules
from econgraph.loaders.sieve import sieve_globals, sieved
from econgraph.loaders.text import NO_QUOTES, QUOTE_CHARS
from econgraph.loaders.wordcut import lcut

C = rules("classes")
_CLAUSE_BREAKS = ",;:。!?"
_IND_SUFFIX = tuple(sorted(C["industry_suffixes"], key=len, reverse=True))
_IND_HEAD = re.compile(alternation(C["industry_heads"], longest_first=True))
_CO_HEAD = re.compile(alternation(C["company_industry_heads"], longest_first=True))
_CO_STATUS = re.compile("(?:" + C["company_status_before_head"] + ")$")
_GENERIC = frozenset(C["generic_industry_words"])
_GENERIC_ENDS = tuple(g for g in _GENERIC if len(g) >= 2)  # what an industry word may not end in (str.endswith)
_NAME_GENERIC = frozenset(C["name_generic_words"])
_ORG_HEADS = tuple(C["organisation_heads"])
_QUALITY_ENDS = tuple(C["industry_quality_ends"])
_TAGS = frozenset(C["industry_token_tags"])
_NOUN = frozenset(C["industry_need_noun"])
_LATIN = re.compile(C["latin_industry_token"])
_SYSTEM_NOUN = re.compile(alternation(C["industry_system_nouns"], longest_first=True))
_RARE = rules("organisations")["common_word_freq"]
_DES_HEAD = alternation(C["designation_heads"], longest_first=True)
_SPECIFIC_HEADS = tuple(h for h in C["designation_heads"] if len(h) >= 3)  # 龙头企业, 老字号; not 企业, 基地
_BARE_HEADS = tuple(h for h in C["designation_heads"] if len(h) < 3)
_DES_TRAIL = alternation(C["designation_trailers"], longest_first=True)
_HELD = alternation(C["held_verbs"], longest_first=True)
_DESIGNATION = re.compile(
    r"(?:" + _HELD + r")((?:[^,;:。!?、]|“[^”,;:。!?]{1,24}”){1,30}?(?:" + _DES_HEAD + r"))(?:" + _DES_TRAIL
    + r")?(?=[^\u4e00-\u9fff]|$|"
    + _DES_TRAIL + r"|[和及与,、])")
_LISTING = re.compile(
    r"(?:" + alternation(C["listing_verbs"], longest_first=True) + r")((?:[^,;:。!?、]|“[^”,;:。!?]{1,24}”){1,30}?(?:"
    + alternation(C["listing_heads"], longest_first=True) + r"))(?:" + _DES_TRAIL + r")?(?=[^\u4e00-\u9fff]|$|"
    + _DES_TRAIL + r"|[和及与,、])")
_STRONG_HELD = re.compile(r"^(?:被认定为|被评为|被确定为|被授予|被命名为|成功入选|成功创建|获批|获评|荣获|荣膺|入选|认定为|评为|入围|上榜)")
_CONFERRED_BY = re.compile(C["designation_conferred_by"])
STRONG_HELD_ANYWHERE = re.compile(_STRONG_HELD.pattern.lstrip("^"))  # 获评…的X: a strong verb opens the phrase
_DES_ITEM = re.compile(
    r"[、和及与]((?:[^,;:。!?、]|“[^”,;:。!?]{1,24}”){1,30}?(?:" + _DES_HEAD + r"))(?:" + _DES_TRAIL
    + r")?(?=[^\u4e00-\u9fff]|$|" + _DES_TRAIL + r"|[和及与,、等])")
_COLON_ITEM = re.compile(r"((?:[^,;:。!?、]|“[^”,;:。!?]{1,24}”){1,30}?(?:" + _DES_HEAD + r"))(?:" + _DES_TRAIL + r")?")
_COLON_LIST = re.compile(r"(?:" + _STRONG_HELD.pattern.lstrip("^") + r")" + C["designation_colon_list"])
_ITEM_STOP = re.compile("[,、;。]")
_CONT_SEPS = C["designation_continued"]["separators"]
_CONT_COUNTED = re.compile(C["designation_continued"]["counted"])
_CONT_QUOTED = re.compile(r"([^,;:。!?“”]{0,16}?)((?:“[^”,;:。!?]{3,24}”[、和及与]?)+)(?:" + _DES_TRAIL + r")?")
_OPEN_QUOTED = re.compile(r"(?:" + _HELD + r")[^,;:。!?“]{0,12}((?:“[^”,;:。!?]{3,24}”[、和及与]?)+)(?:" + _DES_TRAIL
                          + r")?;$")
_CONT_MARK = re.compile(r"\d{4}年|“")
_HELD_ANY = re.compile(_HELD)
_RANKING = sieved(re.compile(C["ranking_designation"]))  # scanned in every sentence: see loaders.sieve
_ONE_OF = tuple(C["designation_one_of"])
_ANNOUNCED = sieved(re.compile(C["announced_lists"].replace("PROC", alternation(C["announced_list_procedures"],
                                                                         longest_first=True))))
_ENDS_IN_HEAD = re.compile(r"(?:" + _DES_HEAD + r")$")
_HONOUR_CLOSE = re.compile(C["honour_list_close"])
_SETTLED = re.compile(r"(?:^|(?<=[,;:。!?]))“?((?:[^,;:。!?“”、]){2,28}?(?:" + _DES_HEAD + r"))(?=" + C["settled_platform_after"] + r")")
_ROLE = re.compile(C["role_designation"])
_QUOTED_SERIES = re.compile(r"(?:" + _HELD + r")" + C["quoted_designation_series"])
_QUOTED_SINGLE = re.compile(_STRONG_HELD.pattern.lstrip("^").replace("(?:", "(?:荣获|获得|", 1) + C["quoted_designation_single"])
_STRIP = re.compile(C["designation_strip"])
_BATCH = re.compile(C["designation_batch_cut"])
_ISSUER = re.compile(C["designation_issuer_cut"])
_KIND_WORDS = tuple(C["designation_refusers"]["kind"])  # 一家, 一个: a specific head still names a designation
_REFUSERS = _KIND_WORDS + tuple(C["designation_refusers"]["always"])
_LEVELS: dict[str, str] = C["level_words"]
_LEVEL_RE = re.compile(alternation(list(_LEVELS), longest_first=True))


def _level_opened(stop: str = "") -> str:
    """A designation opening with its level word and closed by its head, as one regex group: the one shape both
    counted lists read (``stop``: characters it may not hold besides clause marks, 等 before a count-first list's
    level would take the list in)."""
    return (r"((?:" + _LEVEL_RE.pattern + r")(?:[^,;:。!?、()" + stop + r"]|“[^”,;:。!?]{1,24}”){1,22}?(?:"
            + _DES_HEAD + r"))")


_COUNTED = re.compile(r"(?:^|(?<=[,;:。!?、]))" + _level_opened() + C["designation_counted_list"])
_COUNT_FIRST = re.compile("(?:" + C["designation_count_first"]["before"] + ")" + _level_opened("等"))
_COUNT_FIRST_AFTER = re.compile(C["designation_count_first"]["after"])
_ASPIRE = re.compile(alternation(C["aspiration_cues"], longest_first=True))
_NOT_ASPIRED = tuple(C["aspiration_not_before"])
_HELD_OVERRIDE = re.compile(alternation(C["held_overrides"], longest_first=True))
_CANDIDATE = re.compile(alternation(C["candidate_cues"], longest_first=True))


@dataclass
class ClassMention:
    start: int  # offsets in the cleaned sentence
    end: int
    label: str  # Industry or Program
    name: str  # the node's name (the text's word, canonical form)
    canonical: str = ""  # the region pack's word it maps to ("" when none)
    level: str | None = None
    surface: str = ""
    nested_ok: bool = False  # words found inside it before (纺织 in 全国纺织行业50强) do not block it
    rule: str = "Industry"  # how it was found ("company_head": X企业)

    @property
    def uid(self) -> str:
        return entity_uid(self.name)


def _keep(out: list[ClassMention], taken: list[tuple[int, int]], mention: ClassMention,
          inner_ok: bool = False) -> bool:
    """Add ``mention`` to ``out`` and its span to ``taken`` unless a span already taken overlaps it (the first
    reader of a stretch of text keeps it); whether it was added. ``inner_ok``: a span wholly inside it (a place in
    a title, a sector word in a ranking) does not block it."""
    s, e = mention.start, mention.end
    if any(a < e and s < b and not (inner_ok and s <= a and b <= e) for a, b in taken):
        return False
    taken.append((s, e))
    out.append(mention)
    return True


def _product(start: int, word: str, rule: str = "Industry") -> ClassMention:
    """The Industry mention of ``word`` read at ``start``, named as the text names it."""
    return ClassMention(start, start + len(word), "Industry", word, surface=word, rule=rule)


def industry_word(surface: str) -> str:
    """The canonical form of an industry word: 轴承产业 / 轴承行业 → 轴承."""
    word = surface.translate(NO_QUOTES)
    for suffix in _IND_SUFFIX:
        if word.endswith(suffix) and len(word) - len(suffix) >= 1:
            return word[: -len(suffix)]
    return word


def region_industry(region: Region, word: str) -> str:
    """The taxonomy node a word maps to: the word itself, or the taxonomy word that ends it ('' when none)."""
    got = [m for m in region.matches(word) if m.kind == "Industry"]
    whole = [m for m in got if m.start == 0 and m.end == len(word)]
    if whole:
        return whole[0].canonical
    # the head of the word is a taxonomy word (精密轴承 → 轴承, 新能源汽车零部件 → 汽车及零部件)
    tail = [m for m in got if m.end == len(word) and m.end - m.start >= 2]
    return tail[0].canonical if tail else ""


def _good_industry(word: str, finder: OrgFinder, product: bool = False, longer: bool = False,
                   headed: bool = False) -> bool:
    """An industry word; a ``product`` (包装材料, after a product verb or before 项目) may end in a generic word,
    and may be ``longer`` (up to ``product_item_len``: 高低压输变电测试设备); before 产业/行业 (``headed``) a
    modifier that is an industry word is one (汽车|产业)."""
    lo, hi = C["product_item_len" if longer else "industry_len"]
    modifier = word in finder.modifiers and not (headed and word in finder.industry_words)
    if not lo <= len(word) <= hi or word in _GENERIC or word in finder.places or modifier:
        return False
    if not product and word.endswith(_GENERIC_ENDS) and word not in finder.industry_words:
        return False
    if word.endswith(_QUALITY_ENDS) and word not in finder.industry_words:
        return False  # 外向型, 资源型: a quality of a company, not its field
    last = lcut(word)[-1]
    if last != word and last in finder.modifiers and last not in finder.industry_words and word not in finder.industry_words:
        return False  # 战略|新兴, 多元化|现代: a modifier chain cut before its noun, no industry
    if word.endswith(_ORG_HEADS) and word not in finder.industry_words:
        return False  # 金属事业部, 研发工程中心: a unit of an organisation, not a product
    return not any(ch.isdigit() for ch in word)


def _not_a_company_head(text: str, m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    """X企业 inside a name or a place taken before, or a quoted title (“省星火企业”): no industry."""
    return any(a < m.end() and m.start() < b for a, b in taken) or text[m.end():m.end() + 1] in "”’\""


def _not_a_head(regex: re.Pattern[str], text: str, m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    """X企业 that is no company head (``_not_a_company_head``), or X产业化 (农业产业化, 科技成果产业化: making X
    an industry, not the industry X)."""
    if regex is _CO_HEAD:
        return _not_a_company_head(text, m, taken)
    return text.startswith(tuple(C["industry_head_not_before"]), m.end())


def _industry_end(regex: re.Pattern[str], text: str, end: int) -> int:
    """Where the industry word before a head ends: before a status word between it and a company head
    (中式糕点百年老字号企业, 轴承龙头企业, 集团型企业)."""
    if regex is _CO_HEAD:
        status = _CO_STATUS.search(text, max(0, end - 8), end)
        return status.start() if status else end
    return end


def _words_before_head(toks: list[str], finder: OrgFinder, tags: dict[str, str],
                       industry_head: bool = False) -> tuple[list[str], bool]:
    """The tokens of an open industry word, read back from its head, and whether it opens with an uppercase
    Latin token (PVB行业, LED产业: a product word jieba tags as no noun; nothing before it belongs to the word).
    Before an ``industry_head`` (产业, 行业), a modifier that is also an industry word stands for itself
    (汽车|产业), though it qualifies other words (汽车|零部件) and names no industry before 企业."""
    words: list[str] = []
    for tok in reversed(toks):
        if len(words) >= C["industry_max_tokens"]:
            break
        if tok in finder.places or any(ch in _CLAUSE_BREAKS or ch in "、" or ch in QUOTE_CHARS for ch in tok):
            break
        if tok in _GENERIC or tok in finder.modifiers and not (industry_head and not words and tok in finder.industry_words):
            break
        tag = tags.get(tok)
        if _LATIN.fullmatch(tok):
            words.insert(0, tok)
            return words, True
        if tok in finder.industry_words or tag in _TAGS or (len(tok) == 1 and words and tag in ("n", "a", "ng")):
            words.insert(0, tok)
            continue
        break
    return words, False


def _after_de(text: str, end: int, finder: OrgFinder, tags: dict[str, str]) -> list[str]:
    """The tokens between a 的 and an industry head (…为龙头的碳纤维复材产业集群, …的石墨电极产业): the word the 的
    bounds is the industry whatever jieba tags its tokens (a set phrase tagged l, an abbreviation tagged j), when it opens with no verb,
    adverb, numeral or particle, holds no function word, place or generic word (``industry_after_de_len``)."""
    lo, hi = C["industry_after_de_len"]
    de = text.rfind("的", max(0, end - hi - 1), end)
    if de < 0 or not lo <= end - de - 1 <= hi:
        return []
    return _bounded_tokens(text[de + 1:end], finder, tags)


def _bounded_tokens(seg: str, finder: OrgFinder, tags: dict[str, str]) -> list[str]:
    """The tokens of a word a frame bounds on both sides (…的X产业, …为重点的X业), or [] when it is no trade: a
    non-Chinese character, a generic word or modifier, a verb, adverb, numeral or particle opening it, a function
    word, place or generic word inside it."""
    if not seg or not all("\u4e00" <= ch <= "\u9fff" for ch in seg) or seg in _GENERIC or seg in finder.modifiers:
        return []
    toks = lcut(seg)
    if tags.get(toks[0]) in _NOT_NOUN_OPENERS and toks[0] not in finder.industry_words:
        return []
    if any(t in finder.places or t in _GENERIC or tags.get(t) in _FUNCTION_TAGS for t in toks):
        return []
    return toks


def open_industries(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """X产业 / X行业 / X产业集群 (and X企业: ``company`` heads) → the industry word X."""
    out: list[ClassMention] = []
    tags = _tag_table()
    for regex in (_IND_HEAD, _CO_HEAD):
        for m in regex.finditer(text):
            if _not_a_head(regex, text, m, taken):
                continue
            end = _industry_end(regex, text, m.start())
            lo = max(0, end - 12)
            words, latin = _words_before_head(lcut(text[lo:end]), finder, tags, industry_head=regex is _IND_HEAD)
            while words and (words[0] in _GENERIC or len(words[0]) == 1 and words[0] not in finder.industry_words
                             and "".join(words) not in finder.industry_words):  # 铝|电 is the word 铝电
                words.pop(0)
            bounded = _after_de(text, end, finder, tags) if regex is _IND_HEAD else []
            if len("".join(bounded)) > len("".join(words)):
                words = bounded  # 以X为龙头的碳纤维复材产业集群: the whole word between 的 and the head
            word = "".join(words)
            if not latin and not bounded and not any(w in finder.industry_words or tags.get(w) in _NOUN for w in words):
                continue
            if regex is _CO_HEAD and not latin and not any(
                    w in finder.industry_words or (tags.get(w) in _NOUN and (freq_table().get(w) or 0) < _RARE)
                    for w in words):
                continue  # X企业: only an industry word of the vocabulary makes X an industry (制约企业, 创业企业)
            if not word or not _good_industry(word, finder, headed=regex is _IND_HEAD):
                continue
            if regex is _IND_HEAD and _SYSTEM_NOUN.match(text, m.end()) and not any(
                    w in finder.industry_words for w in words) and word not in finder.industry_words:
                continue  # 优化升级|产业体系, 整体|产业能力: 产业 heads a compound, the word before qualifies that
            start = end - len(word)
            if text[start:end] != word:
                continue
            glued = [b for a, b in taken if a <= start < b < end - 1]
            if glued and regex is not _CO_HEAD:  # K市长|枣产业: the tokenizer glued the place's last character to the
                start = max(glued)  # word's first (市长); the word starts where the place ends (长枣)
                word = text[start:end]
                if not _good_industry(word, finder, headed=True):
                    continue
            _keep(out, taken, _product(start, word, rule="company_head" if regex is _CO_HEAD and not any(
                w in finder.industry_words for w in words) else "Industry"))
    return out


_REL = rules("relations")
_ENUM_GAP = re.compile(_REL["enumeration_industry_gap"])
_ENUM_HEAD = re.compile(_REL["enumeration_industry_heads"])
_ENUM_TAIL = re.compile(_REL["list_tail_items"])
_ENUM_BARE_GAP = re.compile(C["enumeration_bare_gap"])


def enumeration_trades(text: str, finder: OrgFinder, ends: list[int], taken: list[tuple[int, int]]) -> list[ClassMention]:
    """The trade word of the company head closing a list of companies (X、Y两大整车厂, X、Y等国际知名的航空公司,
    X、Y等70余家汽车相关产业, 以X为龙头的汽车及其配套产业): the head says what every item is, so the word before it
    is an industry even where no industry head (产业, 企业) follows it. ``ends``: where the sentence's companies end."""
    out: list[ClassMention] = []
    tags = _tag_table()
    window = C["enumeration_trade_window"]
    for e in sorted(set(ends)):
        tail = _ENUM_TAIL.match(text, e)  # X、<brand>等…: list items that are no company names
        q = tail.end() if tail else e
        head = _ENUM_HEAD.search(text, q + 1, q + window)
        if head is None:
            continue
        end = head.start()
        words, latin = _words_before_head(lcut(text[q:end]), finder, tags, industry_head=True)
        while words and (words[0] in _GENERIC or len(words[0]) == 1 and words[0] not in finder.industry_words):
            words.pop(0)
        word = "".join(words)
        start = end - len(word)
        bare = _ENUM_BARE_GAP.match(text, q)
        if bare and (not word or not _ENUM_GAP.fullmatch(text, q, start)) and _bounded_product(
                text[bare.end():end], finder):
            word, start, words = text[bare.end():end], bare.end(), [text[bare.end():end]]  # 等再生铝企业: 再生 v
            latin = False
        if not word or latin or text[start:end] != word or not _ENUM_GAP.fullmatch(text, q, start):
            continue
        if not any(w in finder.industry_words or tags.get(w) in _NOUN for w in words) and not bare:
            continue
        if _good_industry(word, finder, headed=True):
            _keep(out, taken, _product(start, word, rule="enumeration_head"))
    return out


_PARK_BEFORE = re.compile("(?:" + _REL["trade_park_of"] + ")$")


def park_trades(text: str, finder: OrgFinder, spans: list[tuple[int, int]],
                taken: list[tuple[int, int]]) -> list[ClassMention]:
    """The trade word naming a park right before a list of companies it holds (石材工业园区的X、Y等企业): the word
    before the park head, read as enumeration_trades reads the word before a list's head (vocabulary words and
    nouns, no place), where no industry head (产业园) already made it one. ``spans``: the sentence's companies; the
    one after the park must open a list (、 or 等 after it), not stand alone (K工业集中区的X是…: no trade said)."""
    out: list[ClassMention] = []
    tags = _tag_table()
    window = C["enumeration_trade_window"]
    for s, e in sorted(set(spans)):
        park = _PARK_BEFORE.search(text, max(0, s - window), s)
        if park is None or not text.startswith(("、", "等"), e):
            continue
        end = park.start()
        words, latin = _words_before_head(lcut(text[max(0, end - window):end]), finder, tags, industry_head=True)
        while words and (words[0] in _GENERIC or len(words[0]) == 1 and words[0] not in finder.industry_words):
            words.pop(0)
        word = "".join(words)
        start = end - len(word)
        if not word or latin or text[start:end] != word or not _good_industry(word, finder, headed=True):
            continue
        if any(w in finder.industry_words or tags.get(w) in _NOUN for w in words):
            _keep(out, taken, _product(start, word, rule="park_trade"))
    return out


_ROLE_TRADE = re.compile(_REL["role_trade"])


def role_trades(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """The trade closing a list of companies that heads or leads it (以A、B为重点的挂面业, 以A与B为代表的金属加工
    及制造业): the word 的 and a bare 业 bound (``role_trade``), whatever jieba tags its tokens, as ``_after_de``
    reads the word before 产业; of a conjoined trade (X及Y业) the first. Not a word whose last token is one
    character (现代|农业, 高新技术|产业: 业 belongs to that character's word). trade28."""
    out: list[ClassMention] = []
    tags = _tag_table()
    for m in _ROLE_TRADE.finditer(text):
        seg, start = m.group(1), m.start(1)
        if len(lcut(seg)[-1]) < 2:
            continue  # 现代|农业: 业 is glued to the last character
        seg = re.split("[及和与]", seg)[0]
        if len(seg) < 2 or not _bounded_tokens(seg, finder, tags) or not _good_industry(seg, finder, headed=True):
            continue
        _keep(out, taken, _product(start, seg, rule="role_trade"))
    return out


def open_designations(text: str, taken: list[tuple[int, int]], continues: bool = False) -> list[ClassMention]:
    """获评/入选/荣获… + phrase up to a designation head (level and year kept apart); the designations listed
    after it (荣获国家高新技术企业、省级企业技术中心等称号) take the same verb; ``continues``: the sentence before
    ended with ; after such a list (荣获A;省级B;“C”称号。), so a sentence wholly of honours goes on with it."""
    out = rankings(text, taken)  # first: 入选中国民营企业500强 names the ranking, not 中国民营企业
    out += _listed_items(sentence_honours(text) if continues else [], "", taken)
    for m in _DESIGNATION.finditer(text):
        verb = text[m.start():m.start(1)]
        items = [(m.group(1), m.start(1), m.end(1))]
        pos = m.end()
        while (nxt := _DES_ITEM.match(text, pos)) is not None:
            items.append((nxt.group(1), nxt.start(1), nxt.end(1)))
            pos = nxt.end()
        honours = bool(_HONOUR_CLOSE.match(text, pos))  # 先后获得A、B、C等称号: every item is an honour
        if _conferred(m.group(1)):
            honours = True  # 是市政府认定的A、B、C: every item is conferred
        got = None
        for raw, start, end in items:
            if text.startswith(_ONE_OF, end) and not (_STRONG_HELD.match(verb) or "“" in raw):
                got = None
                continue  # 是全省…企业之一: one of a group, no honour unless quoted or strongly held
            got = _designation(raw, start, end, verb, taken, listed=honours)
            if got is not None:
                taken.append((got.start, got.end))
                out.append(got)
        if got is not None:  # 荣获A,省级B,“C”称号: whole clauses of honours go on with the list (desig15)
            out += _listed_items(continued_items(text, pos), verb, taken)
    out += colon_designations(text, taken)  # 被授予:A,B、C: each item up to a designation head is an honour
    for m in _LISTING.finditer(text):  # 被列为…优选项目, 列入省…计划: a list the company (or its project) is put on
        got = _designation(m.group(1), m.start(1), m.end(1), "", taken, listed=True)
        if got is not None:
            taken.append((got.start, got.end))
            out.append(got)
    for m in _ANNOUNCED.finditer(text):  # 公布2023年度省级绿色工厂名单(,X、Y上榜): the list's designation
        k = 1 if m.group(1) is not None else 2
        if _ENDS_IN_HEAD.search(m.group(k)):
            got = _designation(m.group(k), m.start(k), m.end(k), "", taken, listed=True)
            if got is not None:
                taken.append((got.start, got.end))
                out.append(got)
    for m in _SETTLED.finditer(text):  # “省级院士工作站”落户X; 省级企业技术中心在X挂牌
        quoted = text[m.start():m.start() + 1] == "“"
        got = _designation(("“" if quoted else "") + m.group(1), m.start(1) - quoted, m.end(1), "", taken)
        if got is not None:
            taken.append((got.start, got.end))
            out.append(got)
    return out + counted_lists(text, taken) + quoted_series(text, taken) + roles(text, taken)


def _conferred(phrase: str) -> bool:
    """The description before the phrase's last 的 ends in a conferring verb (市政府认定的…): what follows is conferred."""
    return "的" in phrase and _CONFERRED_BY.search(phrase, 0, phrase.rindex("的")) is not None


def colon_designations(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """被授予:A,B、C: each item of a colon list is a designation; a place or a name inside an item is part of it
    (<city>…协会会员单位)."""
    out: list[ClassMention] = []
    for verb, items in colon_lists(text):
        for raw, start, end in items:
            got = _designation(raw, start, end, verb, [(a, b) for a, b in taken if not start <= a < b <= end],
                               listed=True)
            if got is not None:
                taken.append((got.start, got.end))
                out.append(replace(got, nested_ok=True))
    return out


def colon_lists(text: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """先后荣获:A,B、C / 被授予:A,B: a strong holding verb and a colon open a list of honours (the verb and its
    items' text and offsets)."""
    return [(text[m.start():m.end()].rstrip(":"), _colon_items(text, m.end())) for m in _COLON_LIST.finditer(text)]


def _colon_items(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The items of a colon list from ``pos``, split at ,/、: each up to a designation head; an item with no head
    and no figure is passed over when the next one has a head (…理事单位,…服务示范组织,…重点实验室)."""
    items: list[tuple[str, int, int]] = []
    skipped = False
    while pos < len(text):
        item = _COLON_ITEM.match(text, pos)
        if item is not None and (item.end() == len(text) or text[item.end()] in ",、;。"):
            items.append((item.group(1), item.start(1), item.end(1)))
            end, skipped = item.end(), False
        else:
            stop = _ITEM_STOP.search(text, pos)
            end = stop.start() if stop else len(text)
            if skipped or not items or end - pos > C["designation_len"][1] or re.search(r"\d", text[pos:end]):
                break
            skipped = True
        if end >= len(text) or text[end] not in ",、":
            break
        pos = end + 1
    return items


def _listed_items(items: list[tuple[str, int, int]], verb: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """The designations items of a list of honours name (each as strong as after a listing verb)."""
    out: list[ClassMention] = []
    for raw, start, end in items:
        got = _designation(raw, start, end, verb, taken, listed=True)
        if got is not None:
            taken.append((got.start, got.end))
            out.append(got)
    return out


def continued_items(text: str, pos: int) -> list[tuple[str, int, int]]:
    """After a holding verb's list ending at ``pos``: each following clause (after , or ;) that is wholly an honour
    — up to a designation head with a level, a year, quotes or a specific head, or one quoted name — and the items
    joined to it by 、/和; the first clause that is no such honour ends them."""
    return _continued(text, pos)[0]


def _continued(text: str, pos: int) -> tuple[list[tuple[str, int, int]], int]:
    """continued_items and where they end (at the separator or stop after the last)."""
    items: list[tuple[str, int, int]] = []
    while True:
        while pos < len(text) and text[pos] in "”\"」":
            pos += 1
        if pos >= len(text) or text[pos] not in _CONT_SEPS:
            break
        k = pos + 1
        q = _CONT_QUOTED.match(text, k)
        item = _COLON_ITEM.match(text, k)
        if q is not None and (q.end() == len(text) or text[q.end()] in ",;。等") and not (
                _CANDIDATE.search(q.group(1)) or _ASPIRE.search(q.group(1)) or _CONT_COUNTED.search(q.group(1))):
            for one in re.finditer("“([^”]+)”", q.group(2)):  # (2020年获) “A”“B”、“C”称号: each quoted name
                items.append(("“" + one.group(1), q.start(2) + one.start(), q.start(2) + one.end(1)))
            pos = q.end()
            continue
        if item is None or not (item.end() == len(text) or text[item.end()] in ",;。、和及与等"):
            break
        raw, start = item.group(1), item.start(1)
        if not (_LEVEL_RE.search(raw) or _CONT_MARK.search(raw) or _specific(raw)) or (
                _CANDIDATE.search(raw) or _ASPIRE.search(raw) or _CONT_COUNTED.search(raw)):
            break  # 拟入选国家级B, 新增两家省级B: a candidate, an aim or a tally is no item of the list
        verbs = list(_HELD_ANY.finditer(raw))
        if verbs:  # 2020年被认定为省级B: the clause's own verb opens the item
            raw, start = raw[verbs[-1].end():], start + verbs[-1].end()
        items.append((raw, start, item.end(1)))
        pos = item.end()
        while (nxt := _DES_ITEM.match(text, pos)) is not None:
            items.append((nxt.group(1), nxt.start(1), nxt.end(1)))
            pos = nxt.end()
    return items, pos


def honours_open(text: str) -> bool:
    """The sentence ends with ; right after a holding verb's list of designations (荣获A、B;): honours may go on in
    the next sentence."""
    if not text.endswith(";"):
        return False
    if _OPEN_QUOTED.search(text):  # 荣获“A”“B”;
        return True
    for m in _DESIGNATION.finditer(text):
        end = m.end()
        while (nxt := _DES_ITEM.match(text, end)) is not None:
            end = nxt.end()
        if _continued(text, end)[1] == len(text) - 1:
            return True
    return False


def sentence_honours(text: str) -> list[tuple[str, int, int]]:
    """A sentence that is wholly items of a list of honours (省级B、C;“D”称号。): its items (none when it is not)."""
    items, end = _continued(";" + text, 0)
    rest = text[end - 1:] if items else ""
    if not items or not re.fullmatch(r"(?:" + C["honour_list_close"] + r")?[;。!]?", rest):
        return []
    return [(raw, start - 1, stop - 1) for raw, start, stop in items]


def continued_list_verb(text: str, pos: int) -> tuple[int, int] | None:
    """Where the holding verb of the list ``pos`` continues (荣获A,省级B: B's) starts, and where its first item
    starts (None: ``pos`` is in no continued list)."""
    for m in _DESIGNATION.finditer(text):
        if m.start() >= pos:
            break
        end = m.end()
        while (nxt := _DES_ITEM.match(text, end)) is not None:
            end = nxt.end()
        if any(s <= pos < e for _, s, e in continued_items(text, end)):
            return m.start(), m.start(1)
    return None


def colon_list_verb(text: str, pos: int) -> int | None:
    """Where the holding verb of the colon list holding ``pos`` starts (None: ``pos`` is in no such list)."""
    for m in _COLON_LIST.finditer(text, 0, pos):
        if any(s <= pos < e for _, s, e in _colon_items(text, m.end())):
            return m.start()
    return None


def roles(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """以A、B、C等7家企业为龙头: the companies the 以…为 frame names hold the role word (a designation)."""
    out: list[ClassMention] = []
    for m in _ROLE.finditer(text):
        s, e = m.span(1)
        _keep(out, taken, ClassMention(s, e, "Program", m.group(1), surface=m.group(1), rule="role"))
    return out


def role_conferred(article: str, role: str) -> bool:
    """The article names the role word as a status someone confers (a list, a plan or a document of it: 产业龙头名单,
    《…产业龙头促进计划》): only then does 以A、B为龙头 give the companies a designation, not a place in a cluster."""
    return re.search(C["role_conferred"].replace("ROLE", re.escape(role)), article) is not None


def counted_lists(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """省专精特新产品企业2家:A、B; 国家级“专精特新”小巨人企业1家(A): a designation opening its clause with its
    level (not a scope: 全市规上企业120家) and followed by a count and the list of its holders; the count before
    the level (X、Y等两家省级…龙头企业; 2家省级技术中心(A、B)) with the holders before 等 or bracketed after."""
    out: list[ClassMention] = []
    # X、Y等两家省级…龙头企业; 2家省级企业技术中心(A、B): a count first names holders only with a list around it
    first = [m for m in _COUNT_FIRST.finditer(text)
             if text[:m.start()].endswith("等") or _COUNT_FIRST_AFTER.match(text, m.end(1))]
    for m in [*_COUNTED.finditer(text), *first]:
        got = _designation(m.group(1), m.start(1), m.end(1), "", taken)
        if got is not None:
            taken.append((got.start, got.end))
            out.append(got)
    return out


def _designation(raw: str, start: int, end: int, verb: str, taken: list[tuple[int, int]],
                 listed: bool = False) -> ClassMention | None:
    """The designation a phrase after a holding verb names (None when it names none); ``listed``: after a
    listing verb (被列为, 列入), as strong as a holding verb."""
    stripped = _BATCH.sub("", raw) if _BATCH.match(raw) and len(_BATCH.sub("", raw)) >= 3 else raw
    if _ISSUER.match(stripped) and len(_ISSUER.sub("", stripped, count=1)) >= 3:
        stripped = _ISSUER.sub("", stripped, count=1)  # 获省科技厅授牌“X”: the issuer and its verb are no part of X
    while True:  # leading years, levels, batches and quotes: the level is kept as a property
        shorter = _STRIP.sub("", stripped).lstrip("".join(QUOTE_CHARS))
        if shorter == stripped:
            break
        stripped = shorter
    described, whole = "的" in stripped, stripped
    conferred = _conferred(stripped)  # 是市政府认定的A
    if described:  # 具有深厚文化底蕴的中华老字号…: a designation's name never holds 的; what is before it describes
        stripped = stripped[stripped.rindex("的") + 1:]
    lvw = _LEVEL_RE.search(raw[: len(raw) - len(stripped) + 3])
    level = _LEVELS[lvw.group()] if lvw else None
    if described and not _STRONG_HELD.match(verb) and not listed and not conferred and not _LEVEL_RE.match(stripped) and not _specific(
            stripped.translate(NO_QUOTES)):
        return None  # 是省内…的领军型企业: a level in the description and a bare head (企业, 基地) name no honour
    name = stripped.translate(NO_QUOTES)
    lo, hi = C["designation_len"]
    if not lo <= len(name) <= hi:
        return None
    strong = listed or conferred or bool(_STRONG_HELD.match(verb))
    quoted = any(ch in QUOTE_CHARS for ch in raw)
    specific = _specific(name)
    weak_head = any(w in name for w in C["designation_weak_heads"]) and not any(
        q in name for q in C["designation_programme_qualifiers"])  # 是…龙头企业, 是公司的研发中心: no honour
    if not strong and not (level or quoted or (specific and not weak_head)):
        return None  # 是一家化工企业: a weak verb needs a level, quotes or a specific head (老字号企业)
    if any(w in whole for w in _REFUSERS) and not (
            specific and not any(w in whole for w in _REFUSERS if w not in _KIND_WORDS)):
        return None  # 是一家化工企业; but 是一家…的中式糕点老字号企业 names the honour
    for w in _KIND_WORDS:
        if name.startswith(w) and len(name) - len(w) >= lo:
            stripped, name = stripped[stripped.index(w) + len(w):], name[len(w):]
    s = start + (len(raw) - len(stripped))
    if any(a < end and s < b for a, b in taken):
        return None
    return ClassMention(s, end, "Program", name, "", level=level, surface=raw)


def _specific(name: str) -> bool:
    """The name ends with a specific head (老字号, 龙头企业), or with one and a bare head after it (百年老字号企业)."""
    bare = name[:-len(b)] if (b := next((h for h in _BARE_HEADS if name.endswith(h)), "")) else name
    return any(name.endswith(h) or (bare != name and bare.endswith(h)) for h in _SPECIFIC_HEADS)


def _level_and_name(raw: str) -> tuple[str | None, str]:
    """A designation's level (from its leading words) and its name without years, batches, levels, quotes."""
    stripped = raw
    while True:
        shorter = _STRIP.sub("", stripped).lstrip("".join(QUOTE_CHARS))
        if shorter == stripped:
            break
        stripped = shorter
    lvw = _LEVEL_RE.search(raw[: len(raw) - len(stripped) + 3])
    return (_LEVELS[lvw.group()] if lvw else None), stripped.translate(NO_QUOTES)


def quoted_series(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """被评为“A”“B”: each quoted name of a series after a holding verb is a designation."""
    out: list[ClassMention] = []
    lo, hi = C["designation_len"]
    for m in _QUOTED_SERIES.finditer(text):
        for q in re.finditer("“([^”]+)”", m.group(1)):
            s, e = m.start(1) + q.start(1), m.start(1) + q.end(1)
            level, name = _level_and_name(q.group(1))
            if lo <= len(name) <= hi:
                _keep(out, taken, ClassMention(s, e, "Program", name, level=level, surface=q.group(1)))
    for m in _QUOTED_SINGLE.finditer(text):  # 获评“山东省隐形冠军”: one quoted name closing the clause
        s, e = m.span(1)
        level, name = _level_and_name(m.group(1))
        if lo <= len(name) <= hi:
            _keep(out, taken, ClassMention(s, e, "Program", name, level=level, surface=m.group(1)))
    return out


def rankings(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """世界500强企业, 中国民营企业500强, 全国纺织行业50强: a ranking is a designation wherever the text names it
    (a sector word inside it is part of it)."""
    out: list[ClassMention] = []
    for m in _RANKING.finditer(text):
        s, e = m.span()
        _keep(out, taken, ClassMention(s, e, "Program", m.group(), surface=m.group(), nested_ok=True), inner_ok=True)
    return out


_POLICY = re.compile(
    "(?:" + alternation(C["policy_verbs"], longest_first=True) + ")(?:(“[^”]{2,12}”)|([^,;:。!?、“”]{2,14}?(?:"
    + alternation(C["policy_heads"], longest_first=True) + ")))")


_POLICY_LISTED = re.compile(C["policy_listed"].replace(
    "VERBS", alternation(C["policy_verbs"], longest_first=True)).replace(
    "HEADS", alternation(C["policy_heads"], longest_first=True)))
_LIST_ITEM = re.compile("“[^”]+”|[^、和及]+")
_QUOTED_POLICY = re.compile(
    "(?:" + alternation(C["policy_quoted_verbs"], longest_first=True) + ")([“‘][^”’,;:。!?]{2,10}[”’][^,;:。!?、“”‘’]{0,6}?(?:"
    + alternation(C["policy_heads"], longest_first=True) + "))")
# a quoted label with a program head (“放管服”改革, “招商引资年”); relations.py anchors it to tell a labelled program
QUOTED_PROGRAM_PATTERN = C["quoted_program"].replace(
    "HEAD2", alternation(C["quoted_program_heads"]["after"], longest_first=True)).replace(
    "HEAD", alternation(C["quoted_program_heads"]["ending"], longest_first=True))
_QUOTED_PROGRAM = re.compile(QUOTED_PROGRAM_PATTERN)
_QUOTED_PROGRAM_NOT_AFTER = re.compile(C["quoted_program_not_after"])
_PROGRAM_DOCUMENT = re.compile(C["program_document"])
_ISSUED_DOCUMENT = re.compile(C["issued_document"].replace(
    "HEADS", alternation(C["policy_heads"], longest_first=True)))
_POLICY_QUANTIFIER = re.compile(C["policy_quantifier"])


def _listed_and_issued(text: str, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """出台《X若干措施》: an issued document titled as a program; 实行A等机制, 实施“A”等政策: each item of a policy
    verb's list that 等 + a policy head names (runs19)."""
    out: list[ClassMention] = []
    lo, hi = C["policy_len"]
    for m in _ISSUED_DOCUMENT.finditer(text):  # 出台《X若干措施》: the issued document is the program
        s, e = m.span(1)  # a place inside the title is its own
        _keep(out, taken, ClassMention(s, e, "Program", m.group(1), surface=m.group(1), rule="issued_document"),
              inner_ok=True)
    for m in _POLICY_LISTED.finditer(text):  # 实行A等机制, 实施“A”等政策: 等 + head names each item's kind
        for it in _LIST_ITEM.finditer(m.group(1)):
            s, e = m.start(1) + it.start(), m.start(1) + it.end()
            name = _POLICY_QUANTIFIER.sub("", it.group().translate(NO_QUOTES))
            if lo <= len(name) <= hi and name not in _GENERIC:
                _keep(out, taken, ClassMention(s, e, "Program", name, surface=it.group(), rule="policy_listed"))
    return out


def open_policies(text: str, taken: list[tuple[int, int]], labels: bool = True) -> list[ClassMention]:
    """实施大项目带动战略, 推行“一企一策”, 《X县Y计划实施方案》: a program (kind policy) named as the text names it;
    with ``labels`` also a quoted label with a program head and no verb (加大“放管服”改革, 开展“X年”)."""
    out: list[ClassMention] = []
    lo, hi = C["policy_len"]
    for m in _PROGRAM_DOCUMENT.finditer(text):
        s, e = m.start(1), m.end(1)
        if lo <= e - s <= hi:
            _keep(out, taken, ClassMention(s, e, "Program", m.group(1), surface=m.group(1)))
    for m in _QUOTED_POLICY.finditer(text):  # 全力推进“X”振兴工程: a quoted label names the program
        s, e = m.start(1), m.end(1)
        name = m.group(1).translate(NO_QUOTES)
        if lo <= len(name) <= hi:
            _keep(out, taken, ClassMention(s, e, "Program", name, surface=m.group(1)))
    for m in (_QUOTED_PROGRAM.finditer(text) if labels else ()):  # “放管服”改革, “招商引资年”: the quote and its head name a program
        s, e = m.start(1), m.end(1)
        # named by its label, as 推行“X” names it (one node for “X”改革 and a later “X”)
        name = m.group(1)[1:m.group(1).index("”")]
        if _QUOTED_PROGRAM_NOT_AFTER.search(text, max(0, s - 4), s):
            continue  # 是…的“一号工程”, 按照“X年”要求, 参加“X”活动: named, followed or attended, not run
        if lo <= len(name) <= hi:
            _keep(out, taken, ClassMention(s, e, "Program", name, surface=m.group(1), rule="quoted_program"))
    out += _listed_and_issued(text, taken)
    for m in _POLICY.finditer(text):
        k = 1 if m.group(1) else 2
        s, e = m.start(k), m.end(k)
        name = _POLICY_QUANTIFIER.sub("", m.group(k).translate(NO_QUOTES).lstrip("了"))
        if lo + (1 if k == 1 else 0) <= len(name) <= hi and name not in _GENERIC:
            _keep(out, taken, ClassMention(s, e, "Program", name, surface=m.group(k)))
    return out


_SCOPE = C["scope_clause"]
_SCOPE_VERBS = [s + sep + v for s in _SCOPE["subjects"] for v in _SCOPE["verbs"] for sep in ("", ",", ":")]
_PRODUCT = re.compile("(?:" + alternation(C["product_verbs"], longest_first=True) + ")([^,;:。!?]{2,40})")
_SCOPE_NOUNS = tuple(_SCOPE["subjects"])
_SCOPE_APPOSED = re.compile(C["scope_apposed"])
_SCOPE_CLAUSE = re.compile("(?:" + alternation(_SCOPE_VERBS, longest_first=True) + ")([^,;:。!?]{2,40})")
# a sentence opening with a product verb, its subject elided (…。主要从事Y的研发和生产): the sentence before's subject
ELIDED_PRODUCT = re.compile(C["elided_product_lead"] + "(?:" + alternation(C["product_verbs"], longest_first=True) + ")")
# 量词 of goods and units (one class for all readers), a rate allowed after one (600吨/天)
MEASURE_CLASS = "(?:" + alternation(C["measure_words"], longest_first=True) + ")" + C["measure_rate"]
_QUANTITY = re.compile(C["product_quantity"].replace("MEASURES", MEASURE_CLASS))
_QUANTITY_NEXT = re.compile(C["product_quantity_next"].replace("MEASURES", MEASURE_CLASS))
_PRODUCT_NOT_BEFORE = tuple(C["product_verb_not_before"])
_PRODUCT_LEAD = re.compile(C["product_lead"])
_PRODUCT_TRAIL = tuple(C["product_trailers"])
_PRODUCT_STOP = re.compile(alternation(C["product_stop"], longest_first=True))
_MAKER = re.compile(C["maker_apposition"])
_MAIN_PRODUCT = re.compile(C["main_product_frame"])
_MAIN_VERB_FIRST = re.compile(C["main_product_frame_verb_first"])
_MAIN_PROCESS = re.compile(C["main_process_frame"])
_CORE_PRODUCT = re.compile(C["core_product_frame"])
COUNTED_PRODUCTS = re.compile(C["counted_product_list"])
_PRODUCT_JOIN = re.compile(C["product_joiners"])
_GENERIC_TAIL = re.compile(C["product_generic_tail"])
_NOMINAL_STOPS = frozenset(C["product_nominal_stops"])
_NOMINAL_KEEP = tuple(C["product_nominal_keep"])
_QUANTITY_TAIL = re.compile(C["product_quantity_tail"])
_DETERMINER = re.compile(C["product_item_determiner"])
_COUNTED_KIND = re.compile(C["product_counted_kind"])
_LISTED_KIND = re.compile(C["product_listed_kind"])
_INTEGRATED = re.compile(C["integrated_frame"])
_APPOSED_KIND = re.compile(C["product_apposed_kind"])
_OBJECT_OF = re.compile(C["product_object_of"])
_NP_ENDS = frozenset(C["noun_phrase_ends"])


def _list_items(span: str) -> list[tuple[str, int]]:
    """The items of a product list and their offsets in ``span`` (split at ``product_joiners``)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _PRODUCT_JOIN.finditer(span):
        out.append((span[pos:m.start()], pos))
        pos = m.end()
    out.append((span[pos:], pos))
    return out


def open_products(text: str, finder: OrgFinder, taken: list[tuple[int, int]],
                  whole: list[tuple[int, int]] | None = None) -> list[ClassMention]:
    """X主要生产Y、Z和W; X是一家专业Y、Z生产企业; 其生产的Y广泛用于…: the items of the list after a product
    verb or before a maker head (each a word the text names; a noun phrase cut where the clause goes on).
    A nominal list (主要从事A回收和B再生业务; 以生产A、B类产品为主; 以Y技术为核心的企业) names kinds of
    business: its items lose a generic tail (类产品, 业务) and may open with a modifying verb or end in a process
    word; a list closed by a count of categories (开发了A、B3个大类) names product categories."""
    out: list[ClassMention] = []
    stages = [m for m in _INTEGRATED.finditer(text) if _stage_products(m, finder, out, taken)]
    spans = [(m.start(1), m.group(1), m.group().startswith("的", m.start(1) - m.start() - 1),
              "scope" if m.group().startswith(_SCOPE_NOUNS) else "")  # 主营业务为Y: a scope clause
             for m in _PRODUCT.finditer(text) if not m.group(1).startswith(_PRODUCT_NOT_BEFORE)
             and not any(g.start(1) == m.start(1) for g in stages)]  # 一家集A收购、加工…为一体: read as stages
    spans += [(m.start(1), m.group(1), False, "scope") for m in _SCOPE_CLAUSE.finditer(text)]  # 产品覆盖A、B
    spans += [(m.start(1), m.group(1), True, "scope") for m in _SCOPE_APPOSED.finditer(text)]  # 核心产品Y迭代…
    spans += [(m.start(1), m.group(1), False, "") for m in _MAKER.finditer(text)]
    spans += [(m.start(1), m.group(1), False, "") for m in _MAIN_PRODUCT.finditer(text)]  # X以Y生产为主
    spans += [(m.start(1), m.group(1), False, "nominal") for m in _MAIN_VERB_FIRST.finditer(text)]  # 以生产Y为主
    spans += [(m.start(1), m.group(1), False, "nominal") for m in _MAIN_PROCESS.finditer(text)]  # 以Y加工为主
    spans += [(m.start(1), m.group(1), False, "nominal") for m in _CORE_PRODUCT.finditer(text)]  # 以Y技术为核心的企业
    spans += [(m.start(1), m.group(1), False, "counted") for m in COUNTED_PRODUCTS.finditer(text)]  # A、B3个大类
    for at, span, relative, mode in spans:
        if _QUANTITY.match(span):  # 年产3000台X,10万套Y项目: the list goes on after the comma
            span = _quantified_list(text, at, span)
        sorts = _kinds_lead(span)
        at, span = at + sorts, span[sorts:]  # 生产多种型号的电机: the list after how many sorts (its 的 no stop)
        stop = _PRODUCT_STOP.search(span)
        kind = _list_kind(span, stop)
        if kind and _product_ok(kind.group(1), finder, longer=True):  # A、B等30余种食品: the kind too
            _keep(out, taken, _product(at + kind.start(1), kind.group(1)))
        if stop:
            relative = relative or bool(_OBJECT_OF.match(span, stop.start()))  # 专注于预制烤鸡的研发: a nominal object
            mode = mode or ("nominal" if stop.group() in _NOMINAL_STOPS else "")  # 从事A回收和B再生业务
            span = span[: stop.start()]
        lead = _PRODUCT_LEAD.match(span)
        pos = at + (lead.end() if lead else 0)
        span = span[lead.end():] if lead else span
        raws = _list_items(span)
        if mode != "counted" and _GENERIC_TAIL.search(raws[-1][0]):
            mode = "nominal"  # 生产A、B类产品: the list names kinds of product
        nominal = mode == "nominal"
        for k, (raw, off) in enumerate(raws):
            raw_at = pos + off
            if whole is not None and len(raws) > 1 and (k or mode):  # 产品覆盖A乳液、B乳液: a whole list element
                whole.append((raw_at, raw_at + len(raw)))
            q = _QUANTITY.match(raw)
            item = raw[q.end():] if q else raw
            kinds = _DETERMINER.match(item)  # 各类纸箱, 300多种不同规格的齿轮: how many sorts, not what
            item = item[kinds.end():] if kinds and kinds.end() < len(item) else item
            if (kinds or sorts and not k) and item.endswith(_GENERIC_ENDS) and item not in finder.industry_words:
                continue  # 及各类副产品: after a determiner of kinds a generic noun names no product
            tail = _QUANTITY_TAIL.search(item)
            item = item[: tail.start()] if tail and tail.start() >= 2 else item  # 专用设备3万台套: the product
            generic = _GENERIC_TAIL.search(item) if nominal else None
            item = item[: generic.start()] if generic else item  # 核苷酸类产品 → 核苷酸
            for _ in range(2):  # 超纤皮革研发生产: both process words go
                cut = next((t for t in _PRODUCT_TRAIL if item.endswith(t) and len(item) > len(t) + 1
                            and not (nominal and t in _NOMINAL_KEEP)), "")
                item = item[: len(item) - len(cut)]
            item = industry_word(item)
            apposed = _apposed_kind(item)
            item = apposed[0] if apposed else item  # 生产的大豆深加工产品大豆蛋白粉: the kind the text names before 产品
            if relative and k == len(raws) - 1 and not apposed:
                item = _noun_phrase(item)  # 其生产的Y广泛用于…: the clause goes on after the last item
            if mode == "counted" and k == 0:
                item = _left_edge(item, finder) if item not in finder.industry_words else item  # 开发了A、B3个大类
            item = _head_phrase(item)
            if not _product_ok(item, finder, quantified=bool(q and q.end() or kinds) or relative or mode in ("counted", "scope"),
                               longer=True, nominal=nominal or bool(apposed), named=True) and not (
                    len(raws) > 1 and not relative and _bounded_product(item, finder)):
                continue
            start = raw_at + raw.rfind(item) if item in raw else raw_at
            if not _keep(out, taken, _product(start, item)):
                continue
            named = apposed[1] if apposed else ""  # …产品大豆蛋白粉: the product named after the kind, read too
            found = raw.find(named, max(0, raw.find("产品"))) if named else -1
            if found >= 0 and _product_ok(named, finder, quantified=True, longer=True, named=True):
                _keep(out, taken, _product(raw_at + found, named))
    return out


# words of a stage of production or of a project's process (…收购, …加工, …养殖): what a stage item (_stage_object), a
# project item (_no_project_product) and a capacity's project (extract._CAP_OWNER_AFTER) end with, longest first
STAGE_WORDS = tuple(sorted(set(C["product_trailers"]) | set(C["project_process_tails"]), key=len, reverse=True))


def _stage_object(item: str) -> str:
    """The object of a stage item (粮食收购 → 粮食, 茶叶种植 → 茶叶): trailing stage words (``product_trailers``,
    ``project_process_tails``) or verbs cut; '' when nothing else is left (加工)."""
    toks = lcut(item)
    tags = _tag_table()
    while toks and (toks[-1] in STAGE_WORDS or tags.get(toks[-1]) in ("v", "vn")):
        toks.pop()
    return "".join(toks)


def _stage_products(m: re.Match[str], finder: OrgFinder, out: list[ClassMention],
                    taken: list[tuple[int, int]]) -> bool:
    """集A收购、加工、销售为一体 (``integrated_frame``): the first item's object (A) is the product, the bare stage
    words after it (加工, 代储, 物流) none; a later item with an object of its own before its stage names it
    (集A种植及茶叶加工、销售为一体: 茶叶). Whether the frame was read (its items then read by no other frame): only after 一家, 是 or a company's
    name, and not where the first item names no object before a stage (集科研、生产、物流于一体)."""
    if not (m.string.endswith(("一家", "是"), 0, m.start()) or any(b == m.start() for _, b in taken)):
        return False  # 打造集A、B于一体的示范区: a place's plan, not a company's own (一家集…, 是集…, X集…)
    items = _list_items(m.group(1))
    first = _stage_object(items[0][0])
    if not first or first == items[0][0] or not items[0][0].startswith(first) or not _product_ok(
            first, finder, longer=True, nominal=True):
        return False  # 集科研、生产、销售于一体: stages with no object named
    for k, (raw, off) in enumerate(items):
        obj = _stage_object(raw)
        if obj and raw.startswith(obj) and (not k or obj != raw and _product_ok(obj, finder, longer=True, nominal=True)):
            _keep(out, taken, _product(m.start(1) + off, obj))
    return True


def _list_kind(span: str, stop: re.Match[str] | None) -> re.Match[str] | None:
    """The kind a product list closes with after its stop word (group 1): a counted kind (A、B等30余种食品) or, after
    等, one named by 产品 (A、B等配电系统产品)."""
    if stop is None:
        return None
    kind = _COUNTED_KIND.match(span, stop.end())
    return kind if kind or stop.group() != "等" else _LISTED_KIND.match(span, stop.end())


def _apposed_kind(item: str) -> tuple[str, str] | None:
    """(kind, product) of an item naming its kind, 产品 and the product (大豆深加工产品大豆蛋白粉), or None: not
    where 产品 is inside a word (农副产品加工) nor where a verb follows it (茶叶产品使用…: the clause goes on)."""
    kind = _APPOSED_KIND.match(item)
    if kind is None or "产品" not in lcut(item):
        return None
    rest = item[kind.end():]
    if _tag_table().get(lcut(rest)[0]) in _NOT_NOUN_OPENERS:
        return None
    return kind.group(1), _noun_phrase(rest)


def _kinds_lead(span: str) -> int:
    """Where a product list starts past its product verb's lead words and a determiner of kinds (主要生产|多种型号的|
    电机; 研发、生产|各类|Y): 0 when no determiner follows, so the lead stays for ``_PRODUCT_LEAD``."""
    lead = _PRODUCT_LEAD.match(span)
    k = lead.end() if lead else 0
    kinds = _DETERMINER.match(span[k:])
    return k + kinds.end() if kinds and k + kinds.end() < len(span) - 1 else 0


def _quantified_list(text: str, at: int, span: str) -> str:
    """年产3000台X,10万套Y项目: a quantified product list going on after commas, each next item quantified
    too; the commas become list joiners (same length, so the offsets hold) and a project head ends the list."""
    end = at + len(span)
    while (nxt := _QUANTITY_NEXT.match(text, end)) is not None:
        span += "、" + nxt.group(1)
        end = nxt.end()
    head = _PROJECT_HEAD.search(span)
    return span[: head.start()] if head else span


def _head_phrase(item: str) -> str:
    """A product cut to the head of its noun phrase: after its last function word (汽车内饰用生态超纤皮革 →
    生态超纤皮革) and, when longer than ``product_item_len``, to its last words (高低压大功率输变电测试设备 →
    输变电测试设备: the qualifiers before the head are dropped)."""
    hi = C["product_item_len"][1]
    toks = lcut(item)
    tags = _tag_table()
    k = max((j for j, t in enumerate(toks) if tags.get(t) in _FUNCTION_TAGS), default=-1)
    if len("".join(toks[k + 1:])) < 2:
        return item
    toks = toks[k + 1:]
    while len(toks) > 1 and len("".join(toks)) > hi:
        toks = toks[1:]
    return "".join(toks) if len(toks) > 1 else item  # one word left: the phrase as the text has it


def _noun_phrase(item: str) -> str:
    """The item up to where the clause goes on (接触网导线广泛用于高铁 → 接触网导线): cut at the first adverb,
    preposition or verb after a noun."""
    toks = lcut(item)
    tags = _tag_table()
    k = next((j for j in range(1, len(toks)) if tags.get(toks[j]) in _NP_ENDS and tags.get(toks[j - 1]) in _NOUN), 0)
    toks = toks[:k] if k else toks
    hi = C["industry_len"][1]
    while len(toks) > 1 and len("".join(toks)) > hi:
        toks = toks[1:]  # 铜铬锆合金接触网导线 → 合金接触网导线: the head of a long noun phrase
    return "".join(toks)


def _whole_word_product(item: str, tags: dict[str, str]) -> bool:
    """A one-word item of a project or a product list (X大豆蛋白项目, 主要生产杏鲍菇: jieba tags them idiom or
    verb) is a product when long enough, of Chinese characters, not ending in a process
    (``whole_word_product_not_ends``: 产业化), its last two characters no verb (结构调整, 技术改造: a process,
    not a product) and its first two no pronoun, numeral or function word (各种规格)."""
    return (len(item) >= C["whole_word_product_len"] and not item.endswith(tuple(C["whole_word_product_not_ends"]))
            and tags.get(item) not in _NOT_NOUN_OPENERS_BUT_VERBS and all("\u4e00" <= ch <= "\u9fff" for ch in item)
            and tags.get(item[-2:]) not in ("v", "vn") and tags.get(item[:2]) not in _NOT_NOUN_OPENERS_BUT_VERBS)


def _product_ok(item: str, finder: OrgFinder, quantified: bool = False, listed: bool = False,
                longer: bool = False, nominal: bool = False, named: bool = False) -> bool:
    """A product is a noun phrase (光纤预制棒), not a clause (大小犹如豌豆粒); after a quantity (年产1万吨…) a
    verb may modify its noun (冷冻食品, 脱硫石膏板); an item of a list closed by 产业 (``listed``) may end in a
    verb (新型显示, 鞋服轻纺); an item of a ``nominal`` list (…业务, …类产品) may do both (退役锂离子电池回收),
    though no function word may stand inside it."""
    lo, hi = C["product_item_len"]
    if not lo <= len(item) <= hi or not _good_industry(item, finder, product=True, longer=longer) or any(
            ch in QUOTE_CHARS for ch in item):
        return False
    toks = lcut(item)
    tags = _tag_table()
    if named and len(toks) == 1 and _whole_word_product(item, tags):
        return True  # X杏鲍菇项目: one dictionary word the project names is its product, whatever its tag
    if nominal:  # a noun of its own (资源|再生; not 延伸|产品 cut to 延伸), no function word
        return any(t in finder.industry_words or tags.get(t) in _NOUN for t in toks) and not any(
            tags.get(t) in ("d", "p", "c", "u", "uj", "ul", "r", "m") for t in toks)
    edges = (toks[-1],) if quantified and len(toks) > 1 and tags.get(toks[0]) == "v" else (toks[0], toks[-1])
    if listed and len(toks) > 1:
        edges = (toks[0],)
    noun_end = listed or toks[-1] in finder.industry_words or tags.get(toks[-1]) in _NOUN or len(toks[-1]) == 1
    return not (not noun_end or any(
        tags.get(t) in ("v", "d", "p", "c", "u", "uj", "r", "m") and t not in finder.industry_words
        for t in edges) or any(tags.get(t) in ("d", "p", "c", "u", "uj", "ul", "r") for t in toks))


_PROJECT_GAP = re.compile(C["project_gap"].replace("MEASURES", MEASURE_CLASS))
_QUANTITY_IN_GAP = re.compile(C["product_quantity_cue"].replace("MEASURES", MEASURE_CLASS))
_PROJECT_HEAD = re.compile(alternation(C["project_heads"], longest_first=True))
ITEM_JOINERS = "、和及与"  # what joins two items of a list of products or industries
_PROJECT_TRAIL = tuple(sorted(C["project_trailers"], key=len, reverse=True))
# X生猪养殖,…: a product and its process closing the clause right after the name (the process group is the 'head')
_ACTIVITY = re.compile("[^" + _CLAUSE_BREAKS + "、和及与的]{2,8}?(?:" + alternation(
    C["project_process_tails"], longest_first=True) + ")(?=[" + _CLAUSE_BREAKS + "])")


def _strip_project_trail(item: str) -> str:
    """The item without up to two project trailers (…生产线, …项目建设): the product the project names."""
    for _ in range(2):
        cut = next((t for t in _PROJECT_TRAIL if item.endswith(t) and len(item) > len(t)), "")
        item = item[: len(item) - len(cut)]
    return item


_PROCESS_TAILS = tuple(C["project_process_tails"])
_FUNCTION_TAGS = frozenset(("p", "c", "u", "uj", "ul", "d", "r"))
_NOT_NOUN_OPENERS = frozenset(("v", "d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f"))
_NOT_NOUN_OPENERS_BUT_VERBS = _NOT_NOUN_OPENERS - {"v"}  # _whole_word_product: a verb-tagged whole word may be one


def _bounded_product(item: str, finder: OrgFinder, marked: bool = False) -> bool:
    """An item the project slot bounds on both sides (X焊接分总成项目, X大豆蛋白产业园项目: the company's name
    before, the project head after) is its product whatever jieba tags its words (总成 v, 大豆蛋白 l): several
    words, no function word, pronoun, numeral or classifier inside, an industry word's shape, not ending in a
    process (``bounded_product_not_ends``: …建设, …签约) and no word of plan or event (a verb opening it: 签约,
    开工 …, unless a vocabulary word). An item the text ``marked`` as a product (X体外诊断产品项目: 产品 after it)
    may end in or hold a verb (诊断 v)."""
    toks = lcut(item)
    tags = _tag_table()
    if len(toks) < 2 or len(item) < 3 or not _good_industry(item, finder, product=True, longer=True) or any(
            not ("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum()) for ch in item):
        return False  # 吹膜: too short to trust without tags; X广场·欢乐小镇: a name's punctuation
    if item.endswith(tuple(C["organisation_heads"]) + tuple(C["bounded_product_site_ends"])):
        return False  # 陶瓷小镇, 商务酒店: a site
    if item.endswith(tuple(C["bounded_product_not_ends"])) or toks[0] in C["bounded_product_not_opens"]:
        return False
    if marked:
        return not any(tags.get(t) in C["capacity_product_not_tags"] for t in toks)
    if tags.get(toks[-1]) not in C["bounded_product_end_tags"] and not toks[-1].isascii():
        return False  # …举行, …进行, …带动: the clause goes on, no product ends there
    return not any(tags.get(t) in C["capacity_product_not_tags"] or tags.get(t) == "v" and k for k, t in enumerate(toks))


# longest first: which word is cut first decides what is left (精深加工 whole, not 加工 leaving 精深)
_PROJECT_KIND_WORDS = tuple(sorted(set(C["project_trailers"]) | set(STAGE_WORDS), key=len, reverse=True))
_FACILITY_ENDS = tuple(C["facility_of_subject"]["heads"])


def _no_project_product(item: str) -> bool:
    """A project item that names no product: only words of the project's kind or process (X生产加工项目), or a
    building (X新建厂房项目, …标准厂房): the slot's words say what is built, not what is made."""
    rest = item
    while (cut := next((w for w in _PROJECT_KIND_WORDS if rest.endswith(w)), "")):
        rest = rest[: len(rest) - len(cut)]
    return not rest or item.endswith(_FACILITY_ENDS)


def project_products(text: str, finder: OrgFinder, end: int, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """X高性能合金材料和刀具项目, X投资5亿元的包装材料产业园, X年产200万只锻造铝合金项目: the products of the
    project named right after a company name ending at ``end`` (each item a word the text names)."""
    gap = _PROJECT_GAP.match(text, end)
    pos = gap.end() if gap else end
    found = _PROJECT_HEAD.search(text, pos, min(len(text), pos + C["project_span"]))
    head = (found.start(), found.group()) if found else None
    activity = _ACTIVITY.match(text, end) if not (gap and gap.group()) else None
    lead = lcut(activity.group())[0] if activity is not None else ""
    if activity is not None and (head is None or head[0] >= activity.end()) and (
            _tag_table().get(lead) in _NOUN or lead in finder.industry_words):
        head = (activity.end(), "")  # 依托X生猪养殖,形成…: the company's activity closing its clause, read whole
        # (opening with a noun: not X正在扩大养殖, a verb's clause)
    if head is None or head[0] - pos < 2 or text[pos] in ITEM_JOINERS or text.startswith("等", pos) or any(
            ch in _CLAUSE_BREAKS for ch in text[pos:head[0]]):
        return []  # X与Y项目: the next item of a list; X等多家企业入驻Y产业园: the list's, not X's products
    out: list[ClassMention] = []
    proc = next((t for t in _PROCESS_TAILS if head[1].startswith(t)), "")  # X蜜蜂养殖场: the farm's process
    raws = re.split("[、和及与]", text[pos:head[0] + len(proc)])
    if len(raws) > 1 and any(len(r) < 2 for r in raws):
        return []  # X星光和园项目: a 和 inside the project's name, not a list of products
    for raw in raws:
        item = _strip_project_trail(raw)
        start = pos
        pos += len(raw) + 1
        item = _head_phrase(industry_word(item))
        tail = next((t for t in _PROCESS_TAILS if item.endswith(t)), "")
        process = bool(tail) and len(item) > len(tail) and (
            _tag_table().get(lcut(item)[0]) not in _NOT_NOUN_OPENERS)
        marked = raw.endswith("产品") and raw.endswith(item + "产品")  # X体外诊断产品项目: 产品 marks the item
        if not (_product_ok(item, finder, quantified=bool(gap and _QUANTITY_IN_GAP.search(gap.group())),
                            listed=process, longer=True, named=True) or _bounded_product(item, finder, marked)) or (
                _no_project_product(item)):
            continue
        if _tag_table().get(item) in C["project_name_tags"]:
            continue  # X琨宇二期项目: a customer's name, not a product
        _keep(out, taken, _product(start, item))
    return out


_QUANTIFIED_PROJECT = re.compile(C["quantified_project"])
_FACILITY = re.compile(C["facility_of_subject"]["pattern"].replace("MEASURES", MEASURE_CLASS).replace(
    "HEADS", alternation(C["facility_of_subject"]["heads"], longest_first=True)))
_FACILITY_QUALITIES = tuple(sorted(C["facility_of_subject"]["qualities"], key=len, reverse=True))


def facility_products(text: str, finder: OrgFinder, start: int, stop: int,
                      taken: list[tuple[int, int]]) -> list[ClassMention]:
    """X在K建成4条铜管生产线, 该公司建成800亩蓝莓核心基地: the product of a production facility the company
    (whose name or anaphor ends at ``start``) builds or has, before ``stop`` (the next company); the caller makes
    the company its owner. The product is read like a project's (a process tail kept: 蔬菜加工)."""
    out: list[ClassMention] = []
    for m in _FACILITY.finditer(text, start, stop):
        item = _head_phrase(industry_word(_strip_project_trail(m.group(1))))
        quality = next((q for q in _FACILITY_QUALITIES if item.startswith(q)), "")
        item = item[len(quality):]  # 标准化帐篷生产车间: the facility's quality, not its product
        toks = lcut(item)
        if len(toks) > 2 and len(toks[0]) > 1 and _tag_table().get(toks[0]) == "v":
            continue  # 建起一个配备全自动包装生产线…的园区: a clause, no product
        at = m.start(1) + m.group(1).rfind(item) if item in m.group(1) else -1
        tail = next((t for t in _PROCESS_TAILS if item.endswith(t)), "")
        if not tail and len(toks) > 1 and _tag_table().get(toks[-1]) == "v":
            continue  # 建成中频电炉熔炼生产线: a line of a technique (铸造), not of a product
        process = bool(tail) and len(item) > len(tail) and _tag_table().get(toks[0]) not in _NOT_NOUN_OPENERS
        if at >= 0 and _product_ok(item, finder, quantified=True, listed=process, longer=True):
            _keep(out, taken, _product(at, item))
    return out


def quantified_projects(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """10亿元的Y项目, 新上了Y生产线: a project named by its amount, or a production line, names its product
    wherever its owner stands (an industry word of the sentence; the relation rules find the owner). Not after
    a capacity (30万吨Y项目, 2条Y生产线): there the company's own project rule reads it, and alone it was wrong
    more often than right on unseen news (indword17)."""
    out: list[ClassMention] = []
    for m in _QUANTIFIED_PROJECT.finditer(text):
        k = 1 if m.group(1) else 2
        item = _head_phrase(industry_word(_strip_project_trail(m.group(k))))
        start = m.start(k) + m.group(k).rfind(item) if item in m.group(k) else -1
        tail = next((t for t in _PROCESS_TAILS if item.endswith(t)), "")
        process = bool(tail) and len(item) > len(tail) and (
            _tag_table().get(lcut(item)[0]) not in _NOT_NOUN_OPENERS)
        if start < 0 or _PROJECT_HEAD.search(item) or not _product_ok(
                item, finder, quantified=True, listed=process, longer=True):
            continue
        if _tag_table().get(item) in C["project_name_tags"]:
            continue
        _keep(out, taken, _product(start, item))
    return out


_NUMBER = r"(?:[\d.,]+\s*(?:余|多)?\s*(?:万|亿|千|百)*|[一二两三四五六七八九十百千万亿]+)\s*(?:" + MEASURE_CLASS + ")"
_CAP_ITEM = r"([^\d\sA-Za-z,;:。!?、和及与的“”()《》·]{2,16}?)"
_CAPACITY = re.compile(
    "(?:" + C["capacity_cue"] + r")[“\s]*(?:" + _NUMBER + r"(?:级)?(?:的)?\s*" + _CAP_ITEM + "(?="
    + alternation(C["capacity_product_ends"], longest_first=True) + "|$)|(?!" + alternation(
        C["capacity_not_product"]) + ")" + _CAP_ITEM.replace("{2,16}", "{2,12}") + r"\s*" + _NUMBER + ")")


def capacity_spans(text: str) -> list[tuple[int, int]]:
    """Where the product of a capacity stands (年产10万吨Y项目, 年处理5万吨Y的能力, 年产Y 3万吨: the span of Y):
    an output cue, a number and a measure word of goods (``measure_words``: the class, not the words seen), and
    the noun phrase up to 的/项目/生产线/基地/能力 or a list joiner (or the phrase between the cue and its
    quantity). Whichever reader took a product there, the extractor gives it the company of the clause."""
    return [m.span(1) if m.group(1) else m.span(2) for m in _CAPACITY.finditer(text)]


_CAPACITY_INPUT = re.compile(C["capacity_input_cue"])
_CAPACITY_USE_AFTER = re.compile(C["capacity_use_after"])
_CAPACITY_NOT_ENDS = tuple(C["capacity_product_not_ends"])


def capacity_products(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """年产热轧带钢300万吨, 年产300万吨冷轧卷板: the product of a capacity no other reader took. The frame
    (an output cue, a quantity of goods, the words up to a product end) bounds it, so its words' tags are not
    asked whether it is a noun phrase (jieba tags 带钢, 卷板 as verbs): only no function word inside, a noun or
    an unknown word at its end, no process or project trailer, the shape of an industry word."""
    out: list[ClassMention] = []
    tags = _tag_table()
    for a, b in capacity_spans(text):
        if any(x < b and a < y for x, y in taken) or _CAPACITY_INPUT.search(text, max(0, a - 16), a):
            continue  # 年处理80万吨原煤: what a plant takes in, not what it makes
        if _CAPACITY_USE_AFTER.match(text, b):
            continue  # 年产3万吨城市供水工程用塑料管材: the span ends inside a use modifier, not at the product
        raw = text[a:b]
        item = _head_phrase(industry_word(_strip_project_trail(raw)))
        for _ in range(2):  # 冷轧卷板生产: the process word goes
            cut = next((t for t in _PRODUCT_TRAIL if item.endswith(t) and len(item) > len(t) + 1), "")
            item = item[: len(item) - len(cut)]
        if item.endswith(_CAPACITY_NOT_ENDS):
            continue  # 年产40万吨镓回收: a process, not a product
        if item not in raw or item in finder.industry_words or not _good_industry(
                item, finder, product=True, longer=True):
            continue
        toks = lcut(item)
        if len(toks) < 2 and not _whole_word_product(item, tags) and tags.get(item) not in _NOUN:
            continue
        if any(tags.get(t) in C["capacity_product_not_tags"] for t in toks):
            continue
        start = a + raw.rfind(item)
        taken.append((start, start + len(item)))
        out.append(ClassMention(start, start + len(item), "Industry", item, surface=item))
    return out


_SIBLING_STOPS = ITEM_JOINERS + _CLAUSE_BREAKS + "等的“”()《》"


def _sibling_spans(text: str, a: int, b: int) -> list[tuple[int, int, bool]]:
    """The list items right after and right before the item at ``a``..``b`` (start, end, open on the left)."""
    found: list[tuple[int, int, bool]] = []
    if b < len(text) - 1 and text[b] in ITEM_JOINERS:
        e = b + 1
        while e < len(text) and text[e] not in _SIBLING_STOPS:
            e += 1
        if e == len(text) or text[e] in ITEM_JOINERS + _CLAUSE_BREAKS + "等":
            found.append((b + 1, e, False))
        elif e - b > 2:  # A、B的生产: B up to where the clause goes on
            np = _noun_phrase(text[b + 1:e])
            if text.startswith(np, b + 1):
                found.append((b + 1, b + 1 + len(np), False))
    if a > 1 and text[a - 1] in ITEM_JOINERS:
        st = a - 1
        while st > 0 and text[st - 1] not in _SIBLING_STOPS:
            st -= 1
        if st > 0 and text[st - 1] in ITEM_JOINERS:
            found.append((st, a - 1, False))
        elif a - 1 - st > 2:  # 主要生产A、B: A from where its noun phrase begins
            hp = _head_phrase(text[st:a - 1])
            if text[st:a - 1].endswith(hp):
                found.append((a - 1 - len(hp), a - 1, True))
    return found


def _sibling_item(raw: str, finder: OrgFinder, open_left: bool) -> str:
    """A list item as a product word, or "" (a project's name, a clause: 客户涵盖汽车 has a verb inside)."""
    item = industry_word(_strip_project_trail(raw))
    if not item or not raw.startswith(item) or _PROJECT_HEAD.search(raw):
        return ""
    if open_left and any(_tag_table().get(t) == "v" for t in lcut(item)):
        return ""
    return item if _product_ok(item, finder, longer=True) else ""


def list_siblings(text: str, finder: OrgFinder, read: list[tuple[int, int]], taken: list[tuple[int, int]],
                  companies: list[tuple[int, int]]) -> list[ClassMention]:
    """A、B和C where B is read as an industry word: its list siblings, each bounded by a joiner on one side and
    a joiner, 等 or the clause's end on the other (the first item: from where its noun phrase begins), are
    industry words too when they have a product's shape. Not in a list one of whose items is a company (X公司A、
    Y公司B: the items are projects or companies, not products), nor an item naming a project (现代农业项目)."""
    out: list[ClassMention] = []

    def company_listed(k: int) -> bool:
        a = max((text.rfind(ch, 0, k) for ch in _CLAUSE_BREAKS), default=-1) + 1
        b = min((e for e in (text.find(ch, k) for ch in _CLAUSE_BREAKS) if e >= 0), default=len(text))
        return any(a <= x and y <= b and ((x > 0 and text[x - 1] in ITEM_JOINERS) or (
            y < len(text) and text[y] in ITEM_JOINERS)) for x, y in companies)

    queue = sorted(r for r in read if not company_listed(r[0]))
    while queue:
        a, b = queue.pop()
        for st, e, open_left in _sibling_spans(text, a, b):
            item = _sibling_item(text[st:e], finder, open_left)
            if item and _keep(out, taken, _product(st, item)):
                queue.append((st, st + len(item)))
    return out


_POSSESSED = re.compile(C["possessed_product"])


def possessed_products(text: str, finder: OrgFinder, end: int, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """X的光纤复合电缆已经投产, X的Y销往全国: the product a company's name owns, before a verb said only of
    products (right after the name ending at ``end``)."""
    m = _POSSESSED.match(text, end)
    if m is None:
        return []
    item = _head_phrase(industry_word(m.group(1)))
    start = m.end(1) - len(item)
    out: list[ClassMention] = []
    if text[start:m.end(1)] == item and _product_ok(item, finder, longer=True):
        _keep(out, taken, _product(start, item))
    return out


_INDUSTRY_LIST = re.compile(C["industry_list"])


def industry_list(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """X、Y、Z等主导产业: the items of a list closed by an industry head; the first item's left edge is unsure,
    so it is the longest run of its last words that is a noun phrase (力争明年石材陶瓷 → 石材陶瓷)."""
    out: list[ClassMention] = []
    for m in _INDUSTRY_LIST.finditer(text):
        tail = lcut(text[m.end(1):m.end()])[:-1]
        if any(len(t) >= 2 and t in finder.industry_words for t in tail):
            continue  # 浙东、苏南、鲁西三大纺织产业集聚区: the items qualify the industry named after them
        pos = m.start(1)
        items = re.split("[、和及]", m.group(1))
        first = m.group(1).count("和", 0, m.group(1).find("、")) + m.group(1).count("及", 0, m.group(1).find("、"))
        for k, raw in enumerate(items):
            start, pos = pos, pos + len(raw) + 1
            item = industry_word(raw.strip("".join(QUOTE_CHARS)))
            if 0 < k <= first and len(items) > 2:  # 延伸和完善A、B、C六大产业: 和 before the first 、 may join verbs
                item = _left_edge(item, finder)
            verbs = list(_LIST_VERB.finditer(item)) if k == 0 else []
            if verbs:  # 冠县聚焦金属材料、…: the verb is the first item's left edge
                item = item[verbs[-1].end():].lstrip("了着过起")  # 形成了X, 培育起X: the particle or complement is no part of X
            elif k == 0 and len(items) > 2:
                item = _left_edge(item, finder)
            elif k == 0 and item != raw:
                item = ""  # two items, the first one's left edge unsure
            start += raw.rfind(item) if item in raw else 0
            if item and _product_ok(item, finder, listed=True):
                _keep(out, taken, _product(start, item))
    return out


_LIST_VERB = re.compile(alternation(C["industry_list_verbs"], longest_first=True))


_MARKET_SHARE = sieved(re.compile(C["market_share"]))


_MAIN_FRAME = re.compile(C["main_industry_frame"]["frame"])
_STRUCTURE = re.compile(C["main_industry_frame"]["structure"])


def main_industries(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """形成了以X为主,…的产业体系: X is the main industry of the place (rule ``portfolio``: the article's county's
    when the sentence names no county)."""
    out: list[ClassMention] = []
    for m in _MAIN_FRAME.finditer(text):
        item = industry_word(m.group(1))
        start = m.start(1)
        if _STRUCTURE.search(text, m.end()) and _product_ok(item, finder, listed=True):
            _keep(out, taken, _product(start, item, rule="portfolio"))
    return out


_STRUCTURE_LIST = sieved(re.compile(C["structure_list"]["frame"]))
_STRUCTURE_JOINER = re.compile(C["structure_list"]["joiners"])
_ACTIVITY_TAGS = frozenset(("v", "vn"))
_QUALITY_TAGS = frozenset(("a", "ad", "d", "m", "q", "r"))  # 完整|产业链, 较为|完整, 千亿|级: a quality or a scale


def structure_lists(text: str) -> list[tuple[int, int, int, int]]:
    """The enumerations a structure clause states a place's economy is made of (已形成A、B等主导产业; 以A、B为主的X
    产业; 园区以A、B等为主。: classes.json ``structure_list``), as (frame start, list start, list end, end of the
    words between a 等-list and its head): the verb or 以 bounds the first item on the left, so unlike a bare list
    closed by 等 its left edge is sure. A list whose first item opens with a verb (形成涵盖A、B…的产业链, 以生产A、B
    为主) lists what a chain covers or a plant makes, not the place's industries."""
    out: list[tuple[int, int, int, int]] = []
    for m in _STRUCTURE_LIST.finditer(text):
        g = next(k for k in "abcd" if m.group(k) is not None)
        items = text[m.start(g):m.end(g)].split("、")
        first = lcut(items[0])
        tags = [_tag_table().get(t) for t in first[:2]]
        if tags and (tags[0] in ("v", "p") or tags[0] == "vn" and tags[1:] in (["n"], ["nz"])):
            continue  # 涵盖|A, 从|A, 生产|A: a verb (or a verbal noun with its object) opens the list
        if all(_tag_table().get(x) in _ACTIVITY_TAGS for x in items):
            continue  # 形成了研发、生产、销售…的产业链: the chain's activities, one verb each, no industries
        out.append((m.start(), m.start(g), m.end(g), m.end("tail") if m.group("tail") is not None else m.end(g)))
    return out


def structure_item_spans(text: str, start: int, end: int, finder: OrgFinder) -> list[tuple[int, int]]:
    """The items of a structure list (``structure_lists``): its 、-items, an item joined by 和/及/与 split in two
    when it is no vocabulary word and both halves are (生物医药和医疗器械; not 汽车及零部件, one word)."""
    out: list[tuple[int, int]] = []
    pos = start
    for raw in text[start:end].split("、"):
        a, pos = pos, pos + len(raw) + 1
        parts = [(a, a + len(raw))]
        j = _STRUCTURE_JOINER.search(raw)
        if j is not None and raw not in finder.industry_words and all(
                _product_ok(industry_word(x), finder, listed=True) for x in (raw[:j.start()], raw[j.end():])):
            parts = [(a, a + j.start()), (a + j.end(), a + len(raw))]
        out.extend(parts)
    return out


def structure_items(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """Each item of a structure list read whole as an industry word (形成以陶瓷、工艺品等为骨干的工业体系; 有色金属
    加工 whole, not the vocabulary word inside it): the clause says each is an industry, whatever the vocabulary
    knows. An item a reader took before (or a name) stays as read; one that is no noun phrase is left out."""
    out: list[ClassMention] = []
    for _, start, end, tail in structure_lists(text):
        if any(t in finder.industry_words for t in lcut(text[end:tail]) if len(t) >= 2):
            continue  # 浙东、苏南等三大轴承产业集聚区: the items are places or parts of the industry after them
        spans = structure_item_spans(text, start, end, finder)
        if len(spans) < 2:
            continue  # 形成了X产业链: one open word is the open readers' to judge; a list is what vouches for its items
        for a, b in spans:
            item = industry_word(text[a:b])
            if len(item) >= 4 and item.endswith("业") and item not in finder.industry_words:
                item = item[:-1]  # 临港物流业 → 临港物流: the trade word without its 业
            if item and item not in finder.industry_words and _tag_table().get(lcut(item)[-1]) in _QUALITY_TAGS:
                continue  # 形成完整产业链, 千亿|级: a quality or a scale of the structure (its last word), no industry
            if not item or not text.startswith(item, a) or not _product_ok(item, finder, listed=True) or any(
                    x < a + len(item) and a < y for x, y in taken):
                continue
            taken.append((a, b))  # the whole item: no vocabulary word inside it (物流业 in 临港物流业) read apart
            out.append(ClassMention(a, a + len(item), "Industry", item, surface=item))
    return out


_FAMED = re.compile(C["famed_product"])
_FAMED_QUALIFIERS = tuple(C["famed_product_qualifiers"])


def famed_products(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """盛产紫砂壶的宜兴: the product a place is known for is an industry (of the place named after it)."""
    out: list[ClassMention] = []
    for m in _FAMED.finditer(text):
        item = industry_word(m.group(1))
        start = m.start(1)
        lead = next((q for q in _FAMED_QUALIFIERS if item.startswith(q) and len(item) - len(q) >= 2), "")
        item, start = item[len(lead):], start + len(lead)  # 盛产优质苹果: the product is 苹果
        if _product_ok(item, finder):
            _keep(out, taken, _product(start, item))
    return out


def market_shares(text: str, finder: OrgFinder, taken: list[tuple[int, int]]) -> list[ClassMention]:
    """方便面占全国市场份额12%、红枣制品占16%: each item of a run of market shares is an industry; the run's first
    item must name the market or its scope (占全国市场份额), later ones (枣制品占15%) follow it after 、."""
    out: list[ClassMention] = []
    run_end = -2
    for m in _MARKET_SHARE.finditer(text):
        if not m.group(2) and not (m.start() == run_end + 1 and text[run_end] == "、"):
            run_end = -2
            continue
        run_end = m.end()
        item = industry_word(m.group(1))
        start = m.start(1) + (m.group(1).rfind(item) if item in m.group(1) else 0)
        end = start + len(item)
        end += 2 if text.startswith("产品", end) else 0  # 酱油产品占14%: the span takes 产品, the word is 酱油
        if _product_ok(item, finder, listed=True):
            _keep(out, taken, ClassMention(start, end, "Industry", item, surface=item))
    return out


def _left_edge(item: str, finder: OrgFinder) -> str:
    """The longest run of an item's last words (at most industry_max_tokens) that opens with a noun."""
    toks = lcut(item)
    tags = _tag_table()
    for n in range(min(len(toks), C["industry_max_tokens"]), 0, -1):
        cand = "".join(toks[-n:])
        if len(cand) >= 2 and (toks[-n] in finder.industry_words or tags.get(toks[-n]) in _TAGS) and _product_ok(
                cand, finder):
            return cand
    return ""


def designation_status(text: str, clause_start: int, start: int, end: int) -> str:
    """held / candidate / aspired from the cues of the designation's clause (candidate cues also after it)."""
    before = text[clause_start:start]
    after_end = min((k for k in (text.find(ch, end) for ch in _CLAUSE_BREAKS) if k >= 0), default=len(text))
    if _CANDIDATE.search(before) or _CANDIDATE.search(text, end, after_end):
        return "candidate"
    # 重点打造的农业龙头企业: a cue before 的 qualifies the noun (an attributive clause), it plans nothing
    aspirations = [m for m in _ASPIRE.finditer(before) if not before.startswith("的", m.end())
                   and not before.startswith(_NOT_ASPIRED, m.end())]  # 创建于1998年: founded, no aim
    if not aspirations:
        return "held"
    last = aspirations[-1]
    for held in _HELD_OVERRIDE.finditer(before):
        if held.start() <= last.start() < held.end() or held.start() > last.end():
            return "held"  # 成功创建; 争创…, 已获评…; not 有望获评, 力争入选 (the aim governs the verb right after it)
    return "aspired"


def name_industries(name: str, finder: OrgFinder) -> list[str]:
    """The industry words of a company's name that name an industry (湖北X无纺布有限公司 → 无纺布)."""
    p = finder.parts(name)
    words = [w for w in p.industry_words if w not in _NAME_GENERIC]
    if not words:
        return []
    joined = "".join(words)
    return [joined] if len(joined) >= 2 else []


__all__ = ["COUNTED_PRODUCTS", "MEASURE_CLASS", "QUOTED_PROGRAM_PATTERN", "STRONG_HELD_ANYWHERE", "ClassMention", "continued_list_verb", "honours_open", "sentence_honours", "designation_status", "famed_products", "industry_list", "main_industries", "market_shares", "open_policies", "possessed_products", "open_products", "project_products", "quantified_projects", "facility_products", "STAGE_WORDS", "ITEM_JOINERS", "capacity_products", "capacity_spans", "list_siblings", "industry_word", "name_industries", "open_designations",
           "open_industries", "region_industry"]

# scanned in (nearly) every sentence and absent from most: each answers with nothing, without scanning, a text lacking
# what every match needs (loaders.sieve; the gains measured by perf21)
sieve_globals(globals(), ("_SETTLED", "_INDUSTRY_LIST", "COUNTED_PRODUCTS", "_COUNTED", "_QUOTED_SERIES", "_MAIN_FRAME",
                         "_ISSUED_DOCUMENT", "_QUOTED_POLICY", "_COLON_LIST", "_POLICY_LISTED", "_QUOTED_SINGLE",
                         "_PROGRAM_DOCUMENT", "_FAMED", "_ROLE", "_QUANTIFIED_PROJECT", "_SCOPE_APPOSED"))

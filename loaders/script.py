"""Script of the text: pages republished in traditional script, read as simplified for extraction.

Much mainland news on the web is republished in traditional script (big5 mirror sites converting
automatically: 臨清市, 莘縣, 集團, 產業), sometimes with the converter's pinyin glosses left in
(產(chǎn)業). The extractor's vocabulary, gazetteer and rules are simplified-script, so such a page is
cleaned and converted before it is split and extracted:

1. ``drop_glosses``: pinyin glosses after an ideograph are removed (rules ``pinyin_gloss``): toned ones by
   their shape, toneless ones (董(dong)) when the syllable is a reading of the character, repeats too;
2. ``is_traditional``: the share of ideographs written only in traditional script (rules
   ``traditional_markers``, ``traditional_share``, ``min_markers``). Cheap on simplified text: one
   regex pass that finds no marker ends it; the conversion table is not loaded;
3. ``to_simplified``: OpenCC's character table (opencc-python-reimplemented, ``TSCharacters.txt``)
   applied one character to one character, so the text keeps its length and every offset into the
   converted text is the same offset into the traditional one. Loaded on the first traditional page.

The converted article keeps what the page said: ``Article.script`` is ``"traditional"`` and
``Article.original`` is its body in the page's script, aligned character for character with
``Article.text``; extraction adds a company's traditional form as an alias (``traditional_form``).
Rules and thresholds: ``loaders/rules/script.json``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from econgraph.loaders.article import Article
from econgraph.loaders.noise import cut, drop_furniture, furniture
from econgraph.loaders.rules import rules

TRADITIONAL = "traditional"
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], frozenset[str], float, int]:
    r = rules("script")
    markers = frozenset(r["traditional_markers"])
    gloss = r["pinyin_gloss"]
    run = re.compile(f"(?<={gloss['after']})(?:{gloss['parenthesis']})+")
    return run, markers, float(r["traditional_share"]), int(r["min_markers"])


@lru_cache(maxsize=1)
def _gloss_between() -> str:
    """Any number of printed glosses (the rule's parenthesis), the gap a name as printed may hold between characters."""
    return f"(?:{rules('script')['pinyin_gloss']['parenthesis']})*"


_SYLLABLE = re.compile(r"[(（]([^)）]*)[)）]")
_SPELLING_NOISE = re.compile(r"[\s'’1-5]")  # between syllables, and tone numbers (chan3)
_WORD_GLOSS = 6  # a gloss may spell the last few characters (產業(chǎnyè)), at most this many


@lru_cache(maxsize=1)
def _tone_marks() -> frozenset[str]:
    return frozenset(rules("script")["gloss_tone_marks"])


def _fold(syllable: str) -> str:
    """Pinyin without tone marks or numbers, spaces or apostrophes, ü as v (lǜ → lv, xī'ān → xian)."""
    bare = unicodedata.normalize("NFD", _SPELLING_NOISE.sub("", syllable)).replace("u\u0308", "v")
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    """The toneless readings of one ideograph (pypinyin's character table; loaded on the first gloss that
    needs it), ü written both as v and as u."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = {_fold(r) for r in pinyin_dict.get(ord(char), "").split(",") if r}
    return frozenset(found | {r.replace("v", "u") for r in found})


def _spells(spelling: str, chars: str) -> bool:
    """Whether ``spelling`` (folded) reads the last few of ``chars``, one reading per character."""
    if not spelling:
        return False

    def ends_with(rest: str, k: int) -> bool:  # rest spells chars[k - j:k] for some j >= 1
        if k <= 0:
            return False
        for r in _readings(chars[k - 1]):
            if rest == r or (rest.endswith(r) and ends_with(rest[: -len(r)], k - 1)):
                return True
        return False

    return ends_with(spelling, len(chars))


def _is_gloss(syllable: str, before: str) -> bool:
    """A parenthesised word after the ideographs ``before`` is a gloss: one toned syllable (產(chǎn)), or pinyin
    that reads the last character(s), toned or not (董(dong), 產業(chǎnyè), 議(yi))."""
    if _tone_marks().intersection(syllable) and len(syllable) <= 7 and not _SPELLING_NOISE.search(syllable):
        return True
    return _spells(_fold(syllable).lower(), before)


def _ideographs_before(text: str, at: int) -> str:
    start = at
    while start > 0 and at - start < _WORD_GLOSS and _IDEOGRAPH.match(text[start - 1]):
        start -= 1
    return text[start:at]


def _gloss_run(m: re.Match[str]) -> str:
    """What stays of a run of parentheses after an ideograph: the leading glosses go."""
    run = m.group()
    before = _ideographs_before(m.string, m.start())
    at = 0
    for part in _SYLLABLE.finditer(run):
        if not _is_gloss(part.group(1), before):
            break
        at = part.end()
    return run[at:]


def _markers(text: str) -> int:
    """How many characters of ``text`` are traditional markers (a set intersection first: simplified text
    costs one pass building the set of its characters)."""
    markers = _rules()[1]
    present = markers.intersection(text)
    return sum(text.count(ch) for ch in present) if present else 0


def drop_glosses(text: str) -> str:
    """``text`` without the pinyin glosses a converter left after characters (產(chǎn)業 → 產業,
    董(dong)事 → 董事, 議(yi)(yi) → 議)."""
    gloss = _rules()[0]
    return gloss.sub(_gloss_run, text) if "(" in text or "\uff08" in text else text


def traditional_share(text: str) -> float:
    """Share of the ideographs of ``text`` that exist only in traditional script (0 when none)."""
    found = _markers(text)
    if not found:
        return 0.0
    return found / max(1, len(_IDEOGRAPH.findall(text)))


def is_traditional(text: str) -> bool:
    _, _, share, least = _rules()
    found = _markers(text)
    return found >= least and found / max(1, len(_IDEOGRAPH.findall(text))) >= share


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """OpenCC's traditional → simplified character table, one character to one (its first choice), plus
    the Taiwan / Hong Kong variant forms simplified text never writes."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    table: dict[int, str] = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and target != source:
            table[ord(source)] = target
    # Taiwan and Hong Kong variant forms (衞 for 衛, 敍 for 敘) read as the standard character does, when the
    # table has no entry for them and simplified text never writes them (outside GB 2312: 著 stays).
    for name in _VARIANTS:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, variants = line.partition("\t")
            for v in variants.split(" "):
                if len(source) != 1 or len(v) != 1 or ord(v) in table or not _outside_gb2312(v):
                    continue
                target = table.get(ord(source), source)
                if target != v:
                    table[ord(v)] = target
    return table


_VARIANTS = ("TWVariants.txt", "HKVariants.txt")


def _outside_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def to_simplified(text: str) -> str:
    """``text`` in simplified script, character for character (same length, same offsets)."""
    return text.translate(_table())


@dataclass(frozen=True)
class Page:
    """A page's decoded text made ready for splitting: ``text`` (simplified when converted) and
    ``original`` (the page in its own script, same length; empty when nothing was converted)."""

    text: str
    original: str = ""
    glossed: str = ""  # the page as it came, when glosses were dropped from it

    def mark(self, articles: list[Article]) -> list[Article]:
        """The page's articles with their script, their body in the page's script and the glossed page."""
        if self.glossed:
            articles = [replace(a, glossed=self.glossed) for a in articles]
        if not self.original:
            return articles
        reverse = _reverse_table(self.text, self.original)
        return [replace(a, script=TRADITIONAL, original=_align(a.text, self.text, self.original, reverse))
                for a in articles]


def read_page(text: str) -> Page:
    """Glosses dropped; converted to simplified when the page is in traditional script; the site's
    furniture lines (menus, counters, buttons: ``loaders.noise``) cut from both forms alike."""
    raw, text = text, drop_glosses(text)
    glossed = raw if text != raw else ""
    if not is_traditional(text):
        return Page(drop_furniture(text), glossed=glossed)
    simple = to_simplified(text)
    spans = furniture(simple)
    return Page(cut(simple, spans), cut(text, spans), glossed)


def convert_article(article: Article) -> Article:
    """One article read on its own (a web page's main text, a feed record): glosses dropped, and the
    article converted when its text is in traditional script (uid and SHA-256 of the text it gets)."""
    from econgraph.loaders.split import content_uid

    title, body = drop_glosses(article.title), drop_glosses(article.text)
    glossed = article.text if body != article.text else ""
    if not is_traditional(f"{title}\n{body}"):
        if (title, body) == (article.title, article.text):
            return article
        return replace(article, title=title, text=body, uid=content_uid(title, body),
                       sha256=hashlib.sha256(body.encode()).hexdigest(), glossed=glossed)
    simple_title, simple = to_simplified(title), to_simplified(body)
    return replace(article, title=simple_title, text=simple, subtitle=to_simplified(article.subtitle), glossed=glossed,
                   section=to_simplified(article.section), byline=to_simplified(article.byline),
                   dateline=to_simplified(article.dateline),
                   uid=content_uid(simple_title, simple), sha256=hashlib.sha256(simple.encode()).hexdigest(),
                   script=TRADITIONAL, original=body)


def _reverse_table(simple: str, original: str) -> dict[str, str]:
    """Simplified character → the traditional one it most often came from on this page."""
    seen: Counter[tuple[str, str]] = Counter(
        (s, o) for s, o in zip(simple, original, strict=True) if s != o)
    table: dict[str, str] = {}
    for (s, o), _ in seen.most_common():
        table.setdefault(s, o)
    return table


def _align(body: str, page: str, original: str, reverse: dict[str, str]) -> str:
    """``body`` (an article cut from the converted ``page`` by layout repair) in the page's own script:
    each run of non-space characters is found in the page, in order, and read from ``original`` there;
    a run the page does not hold verbatim (a line joined over a wrap) falls back on ``reverse``."""
    out = list(body)
    pos = 0
    for m in _TOKEN.finditer(body):
        token = m.group()
        at = page.find(token, pos)
        if at < 0:
            at = page.find(token)
        if at >= 0:
            out[m.start():m.end()] = original[at:at + len(token)]
            pos = at + len(token)
        else:
            out[m.start():m.end()] = [reverse.get(ch, ch) for ch in token]
    return "".join(out)


def traditional_form(article: Article, start: int, end: int) -> str:
    """What the page wrote at ``article.text[start:end]`` ("" when the article was not converted)."""
    return article.original[start:end] if article.script == TRADITIONAL else ""


def glossed_forms(article: Article, written: str) -> set[str]:
    """``written`` (a name as the page wrote it, glosses dropped) as the page printed it with its glosses — 華潤(rùn)水泥
    for 華潤水泥 — at each place it stands, with and without a gloss after its last character (readers copy names both
    ways); empty when the page had no glosses, the name carries none, or the page does not hold it."""
    if not article.glossed or not written:
        return set()
    gap = _gloss_between()
    forms: set[str] = set()
    for m in re.finditer(gap.join(map(re.escape, written)) + f"({gap})", article.glossed):
        forms.update((m.group()[:m.start(1) - m.start()], m.group()))
    return forms - {written}


__all__ = ["TRADITIONAL", "Page", "convert_article", "drop_glosses", "glossed_forms", "is_traditional", "read_page",
           "to_simplified", "traditional_form", "traditional_share"]

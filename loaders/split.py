"""Splitting a repaired page into articles: title, subtitle, section, byline, date, body, uid.

A page is read as a sequence of units: heading runs, byline runs, dispatch leads (本报讯…) and
body paragraphs. Cues, in the order they decide:

* Two or more blank lines close the current article (a new box on the page).
* A dispatch lead (本报讯, 本报X讯) starts a new article; 又讯 continues the current one (a second
  dispatch under the same headline).
* Headline position. Most pages print the headline above the article; some column dumps print it
  below (the page then *ends* with a heading run). On such pages a heading run that follows an
  untitled body and precedes a byline, a lead, a box break or the end of the page is that body's
  title. Elsewhere a heading run starts a new article, except a single heading line between body
  paragraphs of an article, which is a subhead and stays in the body as its own paragraph.
* A byline run belongs to the following article, unless it is followed by a heading, a box break,
  the end of the page, or a lead that names its own reporter: then it closes the article above
  (photo bylines such as ``■ 本报记者 张石小`` sit under the caption).

A heading run is read as: section label (a short first line such as 时政动态, or the first of
several lines above the headline), kicker (引题), the headline, and subtitles (——…). A place line
directly above the headline (东阿县 / 实施企业培育“固链”行动) is part of the headline, and a
headline broken over two short column lines (聊城卫生健康产才共融 / 发展交流会在京举行) is
joined. ``Article.subtitle`` holds the kicker and the subtitles, joined by "；".

Photo captions and other untitled pieces (a page's lead-in paragraph) become short articles of
their own, with their photographer byline; their title is the caption's first sentence without
the leading date. Keeping them apart keeps their companies out of the neighbouring article.

Dates: the first 月/日 date near the start of the body. The year comes from the text when it is
written there, else from the page (a date line such as ``2025年4月16日 星期三``, or the caller's
``year``); with no year anywhere the date stays partial, ISO 8601 month-day ``--04-15``.

``uid`` is the first 16 hex digits of SHA-256 over title and body: stable for the same article
wherever it is read from, different when the text changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from econgraph.loaders.article import Article
from econgraph.loaders.layout import (
    BODY,
    BYLINE,
    DATELINE,
    HEADING,
    LEAD,
    Paragraph,
    dateline,
    normalise_byline,
)
from econgraph.loaders.text import DISPATCH_LEAD

_LEAD_PREFIX = re.compile(rf"^({DISPATCH_LEAD})\s*(?:[（(]([^）)]{{1,40}})[）)])?\s*")
_PLACE = re.compile(r"(?:我|全|本)(?:市|县|区)|[\u4e00-\u9fff]{1,4}(?:市|县|区|镇|乡|村|社区|街道)")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_LEADING_DATE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?(?:上午|下午|晚上|晚间|早上|凌晨|傍晚|中午)?[，,]?")
_MIN_DUP = 16  # a repeated paragraph shorter than this may be a legitimate refrain


@dataclass
class _Unit:
    kind: str  # H (heading run), B (byline run), L (lead), P (body paragraph)
    paras: list[Paragraph]
    hard: bool


@dataclass
class _Draft:
    headings: list[Paragraph] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    subheads: list[tuple[int, Paragraph]] = field(default_factory=list)  # (body index, heading)
    has_lead: bool = False
    dateline: str = ""  # the first dispatch lead taken off the body (本报寿光讯)


def _units(paragraphs: list[Paragraph]) -> list[_Unit]:
    units: list[_Unit] = []
    for p in paragraphs:
        if p.kind == DATELINE:
            continue
        kind = {HEADING: "H", BYLINE: "B", LEAD: "L", BODY: "P"}[p.kind]
        if kind in ("H", "B") and units and units[-1].kind == kind and not p.hard_break:
            units[-1].paras.append(p)
        else:
            units.append(_Unit(kind, [p], p.hard_break))
    return units


def _strip_lead(text: str) -> tuple[str, str, str]:
    """The paragraph without its dispatch lead, the lead's reporters, and the lead itself (本报寿光讯)."""
    m = _LEAD_PREFIX.match(text)
    if not m:
        return text, "", ""
    return text[m.end() :], normalise_byline(m.group(2) or ""), m.group(1)


def _lead_names_reporter(unit: _Unit) -> bool:
    m = _LEAD_PREFIX.match(unit.paras[0].text)
    return bool(m and m.group(2))


class _Assembler:
    """Units → article drafts, one unit at a time; ``cur`` is the draft being filled."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.trailing_titles = bool(units) and units[-1].kind == "H"
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None

    def started(self) -> bool:
        """A draft is open and has body text."""
        return self.cur is not None and bool(self.cur.body)

    def draft(self) -> _Draft:
        """The open draft, opened if there is none."""
        if self.cur is None:
            self.cur = _Draft()
        return self.cur

    def close(self) -> None:
        cur, self.cur = self.cur, None
        if cur is None or not cur.body:
            return
        if self.trailing_titles and not cur.headings and cur.subheads:
            # On a title-below page the last "subhead" of an untitled article is its title;
            # what follows it is an untitled piece of its own (a page lead-in).
            at, heading = cur.subheads[-1]
            rest = cur.body[at + 1 :]
            cur.body = cur.body[:at]
            cur.subheads = cur.subheads[:-1]
            cur.headings = [heading]
            if cur.body:
                self.drafts.append(cur)
            if rest:
                self.drafts.append(_Draft(body=rest))
        else:
            self.drafts.append(cur)

    def next_kind(self, i: int) -> str:
        if i + 1 >= len(self.units):
            return "EOF"
        nxt = self.units[i + 1]
        return "HB" if nxt.hard else nxt.kind

    def heading(self, unit: _Unit, nk: str) -> None:
        cur = self.cur
        if self.trailing_titles and cur is not None and cur.body and not cur.headings and nk in ("B", "L", "HB", "EOF"):
            cur.headings = list(unit.paras)
            self.close()
        elif cur is not None and cur.body and len(unit.paras) == 1 and not unit.paras[0].md and nk == "P":
            cur.subheads.append((len(cur.body), unit.paras[0]))
            cur.body.append(unit.paras[0].text)  # a subhead inside the article
        else:
            self.close()
            self.cur = _Draft(headings=list(unit.paras))

    def byline(self, i: int, unit: _Unit, nk: str) -> None:
        texts = [p.text for p in unit.paras]
        trailing = nk in ("H", "HB", "EOF") or (nk == "L" and _lead_names_reporter(self.units[i + 1]))
        if trailing and self.cur is not None and self.cur.body:
            self.cur.bylines += texts
            self.close()
        elif trailing and self.cur is None and self.drafts and nk != "L":
            self.drafts[-1].bylines += texts
        else:
            if self.started():
                self.close()
            self.draft().bylines += texts

    def lead(self, unit: _Unit) -> None:
        raw = unit.paras[0].text
        text, who, lead = _strip_lead(raw)
        if not (raw.startswith("又讯") and self.started()):  # 又讯 goes on in the open article
            if self.started():
                self.close()
            self.draft().has_lead = True
        cur = self.draft()
        cur.dateline = cur.dateline or lead
        if who:
            cur.bylines.append(who)
        cur.body.append(text)

    def run(self) -> list[_Draft]:
        for i, unit in enumerate(self.units):
            if unit.hard:
                self.close()
            nk = self.next_kind(i)
            if unit.kind == "H":
                self.heading(unit, nk)
            elif unit.kind == "B":
                self.byline(i, unit, nk)
            elif unit.kind == "L":
                self.lead(unit)
            else:
                self.draft().body.append(unit.paras[0].text)
        self.close()
        return self.drafts


_PAGE_MIN_BLOCKS = 2  # headline + byline/dispatch blocks that make a file a multi-article page


_WEEKDAY = re.compile(r"(?:星期|周)[一二三四五六日天]$")


def is_newspaper_page(units: list[_Unit], weekday_dateline: bool = False) -> bool:
    """Whether the units read as a multi-article newspaper page rather than one web article.

    A page prints several articles, each a headline run directly followed by its byline or its
    dispatch lead (本报讯…); a column dump prints the headline below the article, so the page ends
    with a heading run and its dispatches name their reporters (本报讯（记者 …）). A web article
    has one title, then paragraphs separated by blank lines (perhaps one byline or dispatch under
    the title, section headings, page furniture at the end). A page date line with its weekday
    (2025年4月16日 星期三, ``weekday_dateline``) is newspaper page furniture too.
    """
    if weekday_dateline:
        return True
    blocks = sum(1 for a, b in zip(units, units[1:], strict=False) if a.kind == "H" and b.kind in ("B", "L"))
    if blocks >= _PAGE_MIN_BLOCKS:
        return True
    return units[-1].kind == "H" and any(u.kind == "L" and _lead_names_reporter(u) for u in units)


def _single(units: list[_Unit]) -> _Draft:
    """A one-article file: the opening heading run is the title, everything after is its body.

    Blank-line boxes do not split it, and later heading runs stay in the body one line per
    paragraph (section titles, project names), so extraction reads them and every paragraph
    shares the article's county.
    """
    draft = _Draft()
    for i, unit in enumerate(units):
        if unit.kind == "H":
            if i == 0:
                draft.headings = list(unit.paras)
                continue
            for p in unit.paras:
                draft.subheads.append((len(draft.body), p))
                draft.body.append(p.text)
        elif unit.kind == "B":
            draft.bylines += [p.text for p in unit.paras]
        elif unit.kind == "L":
            text, who, lead = _strip_lead(unit.paras[0].text)
            draft.has_lead = draft.has_lead or i == 1  # a dispatch right under the title
            draft.dateline = draft.dateline or lead
            if who:
                draft.bylines.append(who)
            draft.body.append(text)
        else:
            draft.body.append(unit.paras[0].text)
    return draft


def _assemble(units: list[_Unit], weekday_dateline: bool = False) -> list[_Draft]:
    if units and not is_newspaper_page(units, weekday_dateline):
        return [_single(units)]
    return _Assembler(units).run()


def _is_place(text: str) -> bool:
    return len(text) <= 6 and bool(_PLACE.fullmatch(text))


def _is_split_headline(first: str, second: str) -> bool:
    """Two short column lines that are one headline (聊城卫生健康产才共融 / 发展交流会在京举行)."""
    return 10 <= len(first) <= 13 and len(second) <= 13 and " " not in first + second


def read_headings(headings: list[Paragraph], lone_label_is_section: bool = True) -> tuple[str, str, str]:
    """A heading run → (section, title, subtitle).

    A lone line of at most four characters is a section label (目击 over a photo) unless
    ``lone_label_is_section`` is false (a dispatch follows: it is a short headline).
    """
    subs: list[str] = []
    mains: list[Paragraph] = []
    for p in headings:
        if p.text.startswith("——") or p.md >= 2:
            subs.append(p.text.lstrip("—-－ ").strip())
        else:
            mains.append(p)
    if not mains:
        return "", "", "；".join(s for s in subs if s)
    marked = [i for i, p in enumerate(mains) if p.md == 1]
    if marked:
        at = marked[0]
        title = mains[at].text
        pre = [p.text for p in mains[:at]]
        subs = [p.text for p in mains[at + 1 :]] + subs
    else:
        texts = [p.text for p in mains]
        title, pre = texts[-1], texts[:-1]
        if pre and (_is_place(pre[-1]) or _is_split_headline(pre[-1], title)):
            title = pre[-1] + title
            pre = pre[:-1]
    section = kicker = ""
    if len(pre) >= 2:
        section, kicker = pre[0], " ".join(pre[1:])
    elif pre:
        if len(pre[0].replace(" ", "")) <= 8 or "·" in pre[0]:
            section = pre[0]
        else:
            kicker = pre[0]
    if lone_label_is_section and not section and not pre and len(title) <= 4 and not marked:
        section, title = title, ""  # a lone label such as 目击 over a photo
    subtitle = "；".join(s for s in [kicker, *subs] if s)
    return section, title, subtitle


def derived_title(body: str, limit: int = 40) -> str:
    """An untitled piece (photo caption, page lead-in) is named by its first sentence."""
    first = re.split(r"[。！？!?]", body, maxsplit=1)[0]
    first = _LEADING_DATE.sub("", first).strip()
    if len(first) > limit:
        cut = max(first.rfind("，", 0, limit), first.rfind("、", 0, limit))
        first = first[:cut] if cut > 8 else first[:limit]
    first = first.rstrip("，、：；,:; ")
    if not first:
        first = re.sub(r"[\s，。、：；！？“”‘’（）—…]+", "", body)[:limit]
    return first or "无题"


def article_date(body: str, page: tuple[int, int | None] | None) -> str:
    """ISO date of the first 月/日 date near the start; partial (--MM-DD) without a year."""
    first = body.split("\n", 1)[0]
    m = _DATE.search(first[:200])
    if not m:
        return ""
    month, day = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    if m.group(1):
        return f"{int(m.group(1)):04d}-{month:02d}-{day:02d}"
    if page is None:
        return f"--{month:02d}-{day:02d}"
    year, page_month = page
    if page_month is not None and month > page_month + 1:
        year -= 1  # a December event reported on a January page
    return f"{year:04d}-{month:02d}-{day:02d}"


def _byline(parts: list[str]) -> str:
    seen: list[str] = []
    for part in parts:
        t = normalise_byline(part).lstrip("■□▲●◆ ").strip()
        t = re.sub(r"\s*报道$", "", t).strip()
        if t and t not in seen:
            seen.append(t)
    return "；".join(seen)


def _dedupe(paragraphs: list[str]) -> list[str]:
    """Drop a paragraph printed again (whole, or its tail) earlier in the same article."""
    kept: list[str] = []
    for p in paragraphs:
        if len(p) >= _MIN_DUP and any(p in q for q in kept):
            continue
        kept.append(p)
    return kept


def content_uid(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:16]


def split_page(paragraphs: list[Paragraph], source: str, year: int | None = None) -> list[Article]:
    """Articles of one page, in page order."""
    page: tuple[int, int | None] | None = None
    for p in paragraphs:
        if p.kind == DATELINE:
            found = dateline(p.text)
            if found:
                page = (found[0], found[1])
                break
    if page is None and year is not None:
        page = (year, None)
    articles: list[Article] = []
    weekday = any(p.kind == DATELINE and _WEEKDAY.search(p.text) for p in paragraphs)
    for draft in _assemble(_units(paragraphs), weekday):
        body = _dedupe([p for p in draft.body if p])
        text = "\n".join(body)
        if not any(ch.isalnum() for ch in text):
            continue  # stray punctuation, not an article
        section, title, subtitle = read_headings(draft.headings, lone_label_is_section=not draft.has_lead)
        if not title:
            title = derived_title(text)
        articles.append(
            Article(
                uid=content_uid(title, text),
                source=source,
                title=title,
                text=text,
                subtitle=subtitle,
                section=section,
                byline=_byline(draft.bylines),
                date=article_date(text, page),
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                index=len(articles),
                dateline=draft.dateline,
            )
        )
    return articles

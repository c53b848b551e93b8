"""Layout repair: newspaper page text → clean paragraphs, each tagged with what it looks like.

Page dumps break lines for the printed column, not for the language: a hard line break every
~20 characters (column layout), a blank line in the middle of a sentence ("专业建在产业链\\n\\n上”"),
letter-spaced digits ("4 0 0 亿元"), ASCII and full-width punctuation mixed. Two layouts occur:

* one paragraph per line, paragraphs separated by one blank line (broken lines are the
  exception), and
* column-wrapped lines where a paragraph starts with an indent (two spaces or U+3000).

Rules: a line that is indented, a byline (■/□/记者/通讯员), a dispatch lead (本报讯, 本报X讯,
又讯), a Markdown heading or a ——subtitle starts a new paragraph; other consecutive lines are one
paragraph. A short line standing alone that reads like a headline (no sentence punctuation, not
starting or ending like a fragment) is a heading. Across one blank line a paragraph continues when
its sentence is unfinished and the next text is not a heading, a byline or a lead; a heading never
interrupts a sentence, so a headline-like line after an unfinished sentence is the rest of it, as is
a line that starts with a comma or a closing mark. On indent-marked pages a short indented line
that the next block continues is a paragraph start. Two or more blank lines are a hard break (a
new box on the page: photo news, another article).

White space removal is the only repair that changes lengths; punctuation is replaced one for one.
The text is deterministic for a given input, and ``Paragraph.lines`` keeps the source line range
for tracing a paragraph back to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from econgraph.loaders.text import DISPATCH_LEAD, is_ideograph

HEADING = "heading"
BYLINE = "byline"
LEAD = "lead"
BODY = "body"
DATELINE = "dateline"

_SPACES = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_WS_RUN = re.compile(f"[{_SPACES}]+")
_MD = re.compile(r"^(#{1,6})\s+")
_TERMINAL = "。！？!?…；;"
_CLOSERS = "”’」』）)》\"'"
_LEAD = re.compile(rf"^(?:{DISPATCH_LEAD})")
_BYLINE_MARK = re.compile(r"^[■□▲●◆]\s*\S")
_BYLINE_ROLE = re.compile(r"^(?:本报)?(?:见习|特约)?(?:记\s*者|通讯员|摄\s*影|实习生)\s+[\u4e00-\u9fff]")
_DATELINE = re.compile(
    r"^(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2}))"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?$"
)
_INLINE_BYLINE = re.compile(r"^(.*?[。！？…”])\s*([■□]\s*[^。！？■□，,]{1,40})$")
_HEAD_BAD_START = (
    "由于", "因为", "但是", "但", "而且", "并且", "所以", "因此", "然而", "如果", "虽然", "尽管",
    "其中", "此外", "以及", "并", "而", "且", "和", "与", "及", "或", "等", "的", "了", "着", "之",
)
_HEAD_BAD_END = set("的了和与及在是把被对向从等将为或并而且之其各该这那于以")
_LEAD_DATE = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日\s*[，,]|^\d{4}\s*年\s*\d{1,2}\s*月")


def is_cjkish(ch: str) -> bool:
    """Ideographs plus the punctuation that lives with them (CJK, full-width, curly quotes)."""
    if not ch:
        return False
    o = ord(ch)
    return (
        is_ideograph(ch)
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or ch in "“”‘’—…·《》〈〉【】"
    )


def ends_sentence(text: str) -> bool:
    t = text.rstrip(_SPACES)
    while t and t[-1] in _CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in _TERMINAL


def heading_like(text: str) -> bool:
    """Short, no sentence punctuation, not starting or ending like a sentence fragment."""
    t = text.strip(_SPACES)
    if not t or len(t) > 34:
        return False
    if any(c in t for c in "。！？!?；;…") or t.count("，") + t.count(",") > 1:
        return False
    if sum(t.count(c) for c in "，,、：:") > 2:
        return False
    if t[-1] in "，,、：:；;（(“‘《" or t[0] in "，,、。：:；;）)”’》":
        return False
    if t.startswith(_HEAD_BAD_START) or t[-1] in _HEAD_BAD_END:
        return False
    if _LEAD_DATE.match(t):
        return False
    for left, right in ("“”", "‘’", "《》", "（）", "()", "「」"):
        if t.count(left) != t.count(right):
            return False
    return sum(1 for c in t if is_ideograph(c)) >= 2


def _is_subtitle(text: str) -> bool:
    """——副题: a dash-led heading line (a lone dash is a wrapped piece of a sentence)."""
    return text.startswith("——") and heading_like(text)


def is_byline(text: str) -> bool:
    t = text.strip(_SPACES)
    if not t or len(t) > 60 or any(c in t for c in "。！？，,"):
        return False
    return bool(_BYLINE_MARK.match(t) or _BYLINE_ROLE.match(t))


def is_lead(text: str) -> bool:
    return bool(_LEAD.match(text.strip(_SPACES)))


def dateline(text: str) -> tuple[int, int, int] | None:
    """A page date line such as ``2025年4月16日 星期三`` → (year, month, day)."""
    m = _DATELINE.match(text.strip(_SPACES))
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    year, month, day = int(y), int(mo), int(d)
    if 1 <= month <= 12 and 1 <= day <= 31:
        return year, month, day
    return None


# --- character-level normalisation (length-preserving except white space) -------------------

_FULLWIDTH_ALNUM = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_PUNCT = re.compile(r"[,:;?!()]")
_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def _ideograph_run(text: str, i: int, step: int) -> int:
    n = 0
    while 0 <= i < len(text) and is_ideograph(text[i]):
        n += 1
        i += step
    return n


def squeeze_spaces(text: str) -> str:
    """Remove layout white space inside Chinese text; keep phrase spaces and spaces between Latin words."""

    def repl(m: re.Match[str]) -> str:
        a = text[m.start() - 1] if m.start() > 0 else ""
        b = text[m.end()] if m.end() < len(text) else ""
        if not a or not b:
            return ""
        if is_ideograph(a) and is_ideograph(b):
            # letter-spaced text ("大 力 招 引") loses its spaces; phrase spaces stay
            if _ideograph_run(text, m.start() - 1, -1) == 1 or _ideograph_run(text, m.end(), 1) == 1:
                return ""
            return " "
        if is_cjkish(a) or is_cjkish(b):
            return ""
        if a.isdigit() and (b.isdigit() or b == ".") or (a == "." and b.isdigit()):
            left = m.start() - 1
            right = m.end()
            single_left = left == 0 or not text[left - 1].isdigit()
            single_right = right + 1 >= len(text) or not text[right + 1].isdigit()
            if b == "." or a == "." or single_left or single_right:
                return ""
        return " "

    return _WS_RUN.sub(repl, text).strip(_SPACES)


def normalise_punctuation(text: str) -> str:
    """ASCII ,:;?!() in Chinese context → full-width; full-width letters and digits → ASCII."""
    if _FULLWIDTH_ALNUM_RE.search(text):
        text = text.translate(_FULLWIDTH_ALNUM)
    out = list(text)
    for m in _ASCII_PUNCT.finditer(text):
        i, c = m.start(), m.group()
        a = text[i - 1] if i else ""
        b = text[i + 1] if i + 1 < len(text) else ""
        if c in ",:" and a.isdigit() and b.isdigit():
            continue
        window = text[max(0, i - 6) : i] + text[i + 1 : i + 7]
        if is_cjkish(a) or is_cjkish(b) or any(is_cjkish(ch) for ch in window):
            out[i] = _TO_FULL[c]
    return "".join(out)


def normalise_body(text: str) -> str:
    return normalise_punctuation(squeeze_spaces(text))


def normalise_heading(text: str) -> str:
    t = _WS_RUN.sub(" ", text).strip(_SPACES)
    return normalise_punctuation(t)


def normalise_byline(text: str) -> str:
    t = _WS_RUN.sub(" ", text).strip(_SPACES)
    t = re.sub(r"记\s+者", "记者", t)
    return re.sub(r"(记者|通讯员|摄影)(?=[\u4e00-\u9fff])", r"\1 ", t)


# --- lines → paragraphs ------------------------------------------------------------------------


@dataclass
class Line:
    no: int  # 1-based line number in the source
    text: str  # without indentation, trailing space and Markdown heading marker
    indented: bool
    md: int  # Markdown heading level, 0 when none
    byline: bool = False
    lead: bool = False
    headlike: bool = False
    date: bool = False

    def __post_init__(self) -> None:
        self.byline = is_byline(self.text)
        self.lead = is_lead(self.text)
        self.headlike = heading_like(self.text)
        self.date = dateline(self.text) is not None


@dataclass
class Paragraph:
    text: str
    kind: str  # heading | byline | lead | body | dateline
    md: int = 0
    indented: bool = False
    hard_break: bool = False  # two or more blank lines before it: a new box on the page
    lines: tuple[int, int] = (0, 0)
    _parts: list[str] = field(default_factory=list, repr=False)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _join(a: str, b: str) -> str:
    """Join two wrapped lines: no space in Chinese (not even inside numbers or Latin runs that
    the column cut), a space between English words that were wrapped at a space."""
    if a and b and _is_latin(a[-1]) and _is_latin(b[0]):
        i = len(a)
        while i > 0 and _is_latin(a[i - 1]):
            i -= 1
        if i > 0 and a[i - 1] == " ":
            return a + " " + b
    return a + b


def _lines(text: str) -> list[Line | None]:
    out: list[Line | None] = []
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip(_SPACES)
        if not stripped:
            out.append(None)
            continue
        indented = raw[:1] in tuple(_SPACES)
        md = 0
        m = _MD.match(stripped)
        if m:
            md = len(m.group(1))
            stripped = stripped[m.end() :].strip(_SPACES)
        out.append(Line(no, stripped, indented, md))
    return out


def _kind(text: str, md: int, single_line: bool) -> str:
    if single_line and dateline(text):
        return DATELINE
    if is_byline(text):
        return BYLINE
    if is_lead(text):
        return LEAD
    if md or _is_subtitle(text):
        return HEADING
    if single_line and heading_like(text):
        return HEADING
    return BODY


_CONTINUATION_START = tuple("，,、。．；;：:！!？?）)」』”’》…")


def _starts_as_continuation(nxt: tuple[int, list[Line]]) -> bool:
    """A line can't begin with a comma or a closing mark: it is the rest of the line above."""
    blanks, block = nxt
    return blanks == 1 and not block[0].indented and block[0].text.startswith(_CONTINUATION_START)


def _continues(nxt: tuple[int, list[Line]], indent_mode: bool = False) -> bool:
    """Whether a block, after one blank line, reads as the rest of the paragraph above it.

    On indent-marked pages an unindented short line may be such a rest too; elsewhere a short
    line on its own is taken for a heading.
    """
    blanks, block = nxt
    first = block[0]
    if blanks != 1 or first.indented or first.md or _is_subtitle(first.text):
        return False
    if first.byline or first.lead or first.date:
        return False
    return indent_mode or not (len(block) == 1 and first.headlike)


Block = tuple[int, list[Line]]  # (blank lines before it, its lines)


def _blocks(lines: list[Line | None]) -> list[Block]:
    """Runs of non-blank lines, with the number of blank lines before each."""
    blocks: list[Block] = []
    blanks = 0
    current: list[Line] = []
    for line in lines:
        if line is None:
            if current:
                blocks.append((blanks, current))
                current = []
                blanks = 0
            blanks += 1
        else:
            current.append(line)
    if current:
        blocks.append((blanks, current))
    return blocks


def _unfinished(paragraphs: list[Paragraph]) -> bool:
    """The last paragraph is body text whose sentence has not ended."""
    return bool(paragraphs) and paragraphs[-1].kind in (BODY, LEAD) and not ends_sentence(paragraphs[-1]._parts[-1])


def _next_starts_as_continuation(blocks: list[Block], k: int) -> bool:
    return k + 1 < len(blocks) and _starts_as_continuation(blocks[k + 1])


def _heading_block(blocks: list[Block], k: int, indent_mode: bool, paragraphs: list[Paragraph]) -> bool:
    """Whether block ``k`` is a run of heading lines (each line its own paragraph)."""
    blanks_before, block = blocks[k]
    if not (len(block) <= 3 and all(ln.md or ln.headlike for ln in block)):
        return False
    if _next_starts_as_continuation(blocks, k):
        return False
    if len(block) > 1 and k + 1 < len(blocks) and _continues(blocks[k + 1], indent_mode):
        return False  # short column lines that merely look like headings: the paragraph goes on below
    if indent_mode and len(block) > 1 and not block[1].indented:
        if block[0].indented or (blanks_before == 1 and _unfinished(paragraphs)):
            return False  # a wrapped paragraph start, or the rest of an unfinished one
    return True


def _starts_segment(ln: Line, prev: Line | None, heading_block: bool) -> bool:
    """Whether a line starts a new paragraph within its block."""
    return (
        prev is None
        or heading_block
        or ln.indented
        or bool(ln.md)
        or bool(prev.md)
        or ln.byline
        or prev.byline
        or ln.lead
        or (ln.headlike and ln.text.startswith("——"))
        or ln.date
        or prev.date
    )


def _segments(block: list[Line], heading_block: bool) -> list[tuple[list[Line], bool]]:
    """The block's lines grouped into paragraphs: (lines, first in block)."""
    segments: list[tuple[list[Line], bool]] = []
    for i, ln in enumerate(block):
        if _starts_segment(ln, block[i - 1] if i else None, heading_block):
            segments.append(([ln], i == 0))
        else:
            segments[-1][0].append(ln)
    return segments


@dataclass
class _Place:
    """Where a segment stands: in which block, whether last of it, and what precedes the block."""

    blocks: list[Block]
    k: int  # the block's index
    last: bool  # the block's last segment
    first_in_block: bool
    blanks_before: int
    indent_mode: bool


def _segment_kind(joined: str, seg_lines: list[Line], at: _Place, paragraphs: list[Paragraph]) -> str:
    md = seg_lines[0].md
    single = len(seg_lines) == 1
    kind = _kind(joined, md, single)
    if kind == HEADING and not md and at.last and _next_starts_as_continuation(at.blocks, at.k):
        return BODY
    if kind != HEADING or not single or md or _is_subtitle(joined):
        return kind
    # A heading never interrupts a sentence: a short line after a paragraph that has not finished its
    # sentence is the rest of it. On indent-marked pages, an indented short line that the next block
    # continues is a paragraph start, not a heading.
    if seg_lines[0].indented:
        if at.indent_mode and at.last and at.k + 1 < len(at.blocks) and _continues(at.blocks[at.k + 1], True):
            return BODY
    elif (
        at.first_in_block
        and at.blanks_before == 1
        and _unfinished(paragraphs)
        and not paragraphs[-1]._parts[-1].endswith(("—", "：", ":"))  # introduces what follows
    ):
        return BODY
    return kind


def _add_segment(paragraphs: list[Paragraph], seg_lines: list[Line], at: _Place, hard: bool) -> None:
    """Append the segment's paragraph(s), or join it to an unfinished paragraph above."""
    joined = seg_lines[0].text
    for ln in seg_lines[1:]:
        joined = _join(joined, ln.text)
    kind = _segment_kind(joined, seg_lines, at, paragraphs)
    md = seg_lines[0].md
    span = (seg_lines[0].no, seg_lines[-1].no)
    pieces: list[tuple[str, str]] = [(joined, kind)]
    if kind in (BODY, LEAD):
        m = _INLINE_BYLINE.match(joined)
        if m and is_byline(m.group(2)):
            pieces = [(m.group(1), kind), (m.group(2), BYLINE)]
    for j, (piece, piece_kind) in enumerate(pieces):
        can_join = (
            j == 0
            and at.first_in_block
            and at.blanks_before == 1
            and piece_kind == BODY
            and not seg_lines[0].indented
            and _unfinished(paragraphs)
        )
        if can_join:
            prev_p = paragraphs[-1]
            prev_p._parts[-1] = _join(prev_p._parts[-1], piece)
            prev_p.lines = (prev_p.lines[0], span[1])
            continue
        paragraphs.append(
            Paragraph(
                text="",
                kind=piece_kind,
                md=md if j == 0 else 0,
                indented=seg_lines[0].indented if j == 0 else False,
                hard_break=hard if j == 0 else False,
                lines=span,
                _parts=[piece],
            )
        )


def _normalised(paragraphs: list[Paragraph]) -> list[Paragraph]:
    for p in paragraphs:
        raw = p._parts[0]
        if p.kind in (BODY, LEAD):
            p.text = normalise_body(raw)
        elif p.kind == BYLINE:
            p.text = normalise_byline(raw)
        else:
            p.text = normalise_heading(raw)
        p._parts = []
    return [p for p in paragraphs if p.text]


def repair(text: str) -> list[Paragraph]:
    """Turn a page's raw text into normalised paragraphs with their layout kind."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.lstrip("\ufeff")
    lines = _lines(text)
    blocks = _blocks(lines)
    # Pages that mark paragraph starts with an indent: there a short line followed by a blank line
    # and an unindented continuation is the start of a paragraph cut by the layout, not a heading.
    indent_mode = sum(1 for ln in lines if ln is not None and ln.indented and not ln.byline) >= 3

    paragraphs: list[Paragraph] = []
    for k, (blanks_before, block) in enumerate(blocks):
        segments = _segments(block, _heading_block(blocks, k, indent_mode, paragraphs))
        for s_index, (seg_lines, first_in_block) in enumerate(segments):
            at = _Place(blocks, k, s_index == len(segments) - 1, first_in_block, blanks_before, indent_mode)
            hard = first_in_block and blanks_before >= 2 and k > 0
            _add_segment(paragraphs, seg_lines, at, hard)
    return _normalised(paragraphs)

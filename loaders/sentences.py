"""Sentences with a cleaned view for matching and a map back to the article's offsets.

Newspaper bodies keep layout residue (line breaks and spaces inside words, full-width and ASCII
punctuation mixed). Matching runs on a cleaned copy (NFKC per character, white space dropped);
``offsets`` maps each cleaned character back to ``Article.text`` so evidence still indexes the
original text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TERMINATORS = frozenset("。!?;")
# A line break starts a new paragraph when the next line is indented or a blank line follows a
# short or finished line; otherwise it is a hard wrap inside a sentence.
_PARAGRAPH = re.compile(r"\n[ \t\u3000]*\n|\n(?=[ \t\u3000])")
_LONG_LINE = 34
_ENDS = TERMINATORS | frozenset("\")”’】」』")


@dataclass
class Sentence:
    start: int  # offsets into Article.text
    end: int
    clean: str  # cleaned text used for matching
    offsets: list[int]  # offsets[i] = index in Article.text of clean[i]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Article offsets of clean[i:j]."""
        return self.offsets[i], self.offsets[j - 1] + 1


def _norm_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    return out if len(out) == 1 else ch


def _paragraph_breaks(text: str) -> set[int]:
    """Positions in ``text`` that end a paragraph (a sentence boundary)."""
    breaks: set[int] = set()
    for m in _PARAGRAPH.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()].strip()
        # a blank line is a paragraph break unless it cuts a long running line mid-sentence
        if m.group().count("\n") >= 2 and len(line) >= _LONG_LINE and _norm_char(line[-1]) not in _ENDS:
            continue
        breaks.add(m.start())
    return breaks | _short_line_breaks(text)


_UNWRAPPED = 80  # characters: a text holding a line this long is not hard-wrapped at a column width
_SHORT_LINE = 0.5  # of the longest line


def _short_line_breaks(text: str) -> set[int]:
    """In a text whose lines are whole paragraphs (its longest line is longer than any column: the page was never
    hard-wrapped, or the layout repair joined its wraps), a line much shorter than the longest one that ends without
    a full stop is a heading, a photo caption or a byline, not the first part of the next line's sentence: its line
    break ends a sentence (a caption 'X公司投资…项目' followed by '今年以来,…' is two sentences)."""
    lines = text.split("\n")
    longest = max(len(line.strip()) for line in lines)
    if longest < _UNWRAPPED:
        return set()
    out: set[int] = set()
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        body = line.strip()
        if body and len(body) < _SHORT_LINE * longest and _norm_char(body[-1]) not in _ENDS:
            out.add(pos)
        pos += 1
    return out


_TERMINAL = re.compile(r"[。!?;][\"”’]?")
_NONSPACE = re.compile(r"\S+")
_SEEN: set[str] = set()  # every character _translate has met
_CHANGED: dict[str, str] = {}  # those of them NFKC changes (to one other character)


def _translate(text: str) -> str:
    """NFKC per character (only where it keeps one character), through a growing table of the characters it
    changes: the few of them in ``text`` (full-width marks and digits) are replaced, the rest are left alone
    (no lookup per character). NFKC is idempotent, so no replacement makes a character another one changes."""
    chars = set(text)
    for ch in chars - _SEEN:
        _SEEN.add(ch)
        norm = _norm_char(ch)
        if norm != ch:
            _CHANGED[ch] = norm
    for ch in chars.intersection(_CHANGED):
        text = text.replace(ch, _CHANGED[ch])
    return text


def split_sentences(text: str) -> list[Sentence]:
    """Split an article body into sentences (terminal punctuation and paragraph breaks)."""
    norm = _translate(text)
    cuts = _paragraph_breaks(text) | {m.end() for m in _TERMINAL.finditer(norm)} | {len(text)}
    sentences: list[Sentence] = []
    prev = 0
    for cut in _bounded(norm, sorted(cuts)):
        chunks = list(_NONSPACE.finditer(norm, prev, cut))
        prev = cut
        if not chunks:
            continue
        clean = "".join([m.group() for m in chunks])
        offsets: list[int] = []
        for m in chunks:
            offsets.extend(range(m.start(), m.end()))
        sentences.append(Sentence(offsets[0], offsets[-1] + 1, clean, offsets))
    return sentences


_MAX_SENTENCE = 600  # characters; a run without full stops is cut at clause breaks beyond this
_SOFT_BREAKS = ",;、 \u3000\n"


def _bounded(norm: str, cuts: list[int]) -> list[int]:
    """Cut overlong runs (a page with no full stops) so per-sentence rules stay linear overall."""
    out: list[int] = []
    prev = 0
    for cut in cuts:
        while cut - prev > _MAX_SENTENCE:
            lo, hi = prev + _MAX_SENTENCE // 2, prev + _MAX_SENTENCE
            k = max(norm.rfind(ch, lo, hi) for ch in _SOFT_BREAKS)
            prev = k + 1 if k >= 0 else hi
            out.append(prev)
        out.append(cut)
        prev = cut
    return out


def clean_text(text: str) -> str:
    """The cleaned form of a short string (names, titles): NFKC per character, no white space."""
    return "".join(_NONSPACE.findall(_translate(text)))

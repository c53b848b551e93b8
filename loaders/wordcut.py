"""``jieba.lcut(text, HMM=False)``, the same words, in about half the time.

Extraction cuts every sentence and many short windows with jieba's dictionary (no HMM); jieba spends
most of that time building a dict of lists per block (``get_DAG``) and a generator per character for
``max`` (``calc``). ``lcut`` below walks the same dictionary (``jieba.dt.FREQ``, ``jieba.dt.total``)
with the same arithmetic in one loop, so its route, ties included, and its words are jieba's:
blocks split by jieba's ``re_han_default``/``re_skip_default``, each block's best path by
``log(freq or 1) - log(total) + rest`` (the larger end wins a tie), single ASCII letters and
digits joined as jieba joins them. ``tests/test_wordcut.py`` compares the two. A word's score
``log(freq) - log(total)`` is kept once it was met (``_SCORES``), not recomputed per word cut.
"""

from __future__ import annotations

import re
from math import log

from econgraph.loaders.dictionary import dictionary

# jieba's re_han_default and re_skip_default (tests/test_wordcut.py checks they are the same)
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
_NO_SCORE = float("-inf")
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba's re_eng


def lcut(text: str) -> list[str]:
    """The words of ``jieba.lcut(text, HMM=False)``."""
    words = dictionary()
    freq, logtotal = words.freq, words.logtotal
    if _SCORED[0] is not freq or len(_SCORES) > _SCORES_MAX:  # another dictionary than the one scored (tests)
        _SCORES.clear()
        _SCORED[0] = freq
    out: list[str] = []
    # split by a pattern with one group: the odd items are its matches, the even ones the text between (which
    # holds none of the pattern's characters), so no item needs matching again
    for k, blk in enumerate(_RE_HAN.split(text)):
        if k & 1:
            _cut_block(blk, freq, logtotal, out)
        elif blk:
            for j, x in enumerate(_RE_SKIP.split(blk)):
                if j & 1:
                    out.append(x)
                else:
                    out.extend(x)
    return out


# the scores of the dictionary's entries met so far: ``log(freq) - logtotal`` of a word (the float jieba's calc adds
# up: the same operations in the same order), _PREFIX for a prefix that is no word (frequency 0: not in jieba's DAG).
# Filled as entries are met (a process meets a small part of the 498,113), so no log per word cut and no table built
# at start; besides dictionary entries it holds the absent fragments met (_ABSENT), cleared at _SCORES_MAX.
_SCORES: dict[str, float] = {}
_SCORED: list[dict[str, int] | None] = [None]  # the frequency table _SCORES holds scores of
_PREFIX = 1.0  # above every score: log(freq / total) is never above 0
# a fragment met that is neither word nor prefix (where a position's words end: one per position cut), kept so that
# the next cut of it asks the small table only, not the dictionary of 498,113; _SCORES is cleared when it outgrows
# _SCORES_MAX (the absent fragments are not bounded by the dictionary)
_ABSENT = 2.0
_SCORES_MAX = 1_000_000


def _cut_block(s: str, freq: dict[str, int], logtotal: float, out: list[str]) -> None:
    """jieba's ``__cut_DAG_NO_HMM`` of one block: ``get_DAG`` and ``calc`` in one backward pass, a word's score read
    from ``_SCORES`` (``freq``'s, see ``lcut``) once it was met."""
    n = len(s)
    get = _SCORES.get
    score: list[float] = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best, bx = _NO_SCORE, -1
        i = k
        frag = s[k]
        while True:  # the words of the dictionary that start at k (jieba's DAG[k])
            f = get(frag)
            if f is None:
                raw = freq.get(frag)
                if raw is None:
                    _SCORES[frag] = _ABSENT
                    break
                f = _SCORES[frag] = log(raw) - logtotal if raw else _PREFIX
            if f <= 0.0:  # a word
                sc = f + score[i + 1]
                if sc >= best:  # ascending ends: >= keeps the larger end on a tie, as max() does
                    best, bx = sc, i
            elif f is _ABSENT:
                break
            i += 1
            if i >= n:
                break
            frag = s[k:i + 1]
        if bx < 0:  # no word: the character alone (freq or 1, as jieba's calc reads it: log(1) - logtotal)
            best, bx = -logtotal + score[k + 1], k
        score[k] = best
        nxt[k] = bx
    x = 0
    buf = ""
    while x < n:
        y = nxt[x] + 1
        word = s[x:y]
        if y - x == 1 and word in _ENG:
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)

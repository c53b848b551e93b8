"""``jieba.lcut(text, HMM=False)``, the same words, in about half the time.

Extraction cuts every sentence and many short windows with jieba's dictionary (no HMM); jieba spends
most of that time building a dict of lists per block (``get_DAG``) and a generator per character for
``max`` (``calc``). ``lcut`` below walks the same dictionary (``jieba.dt.FREQ``, ``jieba.dt.total``)
with the same arithmetic in one loop, so its route, ties included, and its words are jieba's:
blocks split by jieba's ``re_han_default``/``re_skip_default``, each block's best path by
``log(freq or 1) - log(total) + rest`` (the larger end wins a tie), single ASCII letters and
digits joined as jieba joins them. ``tests/test_wordcut.py`` compares the two.
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


def _cut_block(s: str, freq: dict[str, int], logtotal: float, out: list[str]) -> None:
    """jieba's ``__cut_DAG_NO_HMM`` of one block: ``get_DAG`` and ``calc`` in one backward pass."""
    n = len(s)
    get = freq.get
    score: list[float] = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best, bx = _NO_SCORE, -1
        i = k
        first = f = get(s[k])
        while f is not None:  # the words of the dictionary that start at k (jieba's DAG[k])
            if f:
                sc = log(f) - logtotal + score[i + 1]
                if sc >= best:  # ascending ends: >= keeps the larger end on a tie, as max() does
                    best, bx = sc, i
            i += 1
            if i >= n:
                break
            f = get(s[k:i + 1])
        if bx < 0:  # no word: the character alone (freq or 1, as jieba's calc reads it)
            best, bx = log(first or 1) - logtotal + score[k + 1], k
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

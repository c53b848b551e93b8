"""jieba's dictionary without importing jieba: word frequencies, their total and part-of-speech tags.

Extraction reads jieba's dictionary (``dict.txt`` of the installed jieba: one ``word freq tag`` a line) as jieba
does: ``freq_table()`` is ``jieba.dt.FREQ`` (every word with its frequency, and every prefix of a word that is
no word itself with 0, which the word cut walks), ``total()`` is ``jieba.dt.total``, ``tag_table()`` is
``jieba.posseg``'s word → tag table. Importing jieba costs a build's start a third of a second (it imports
``pkg_resources`` and its HMM tables, which extraction never uses), and jieba keeps its own cache in the temporary
folder without checking it against the dictionary; here the three tables are read from one cache file
(``loaders.cache``: keyed by the bytes of ``dict.txt`` and of this module), in which the tag table's words are
the frequency table's strings, so they are made once. ``tests/test_startup_cache.py`` compares them with jieba's.
"""

from __future__ import annotations

import importlib.util
from math import log
from pathlib import Path
from typing import NamedTuple

from econgraph.loaders.cache import cached


class Dictionary(NamedTuple):
    freq: dict[str, int]
    total: int
    tags: dict[str, str]
    logtotal: float  # log(total), what the cut subtracts


_LOADED: list[Dictionary] = []  # the process's dictionary, once read


def jieba_dict_path() -> Path:
    """The installed jieba's ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def parse(text: str) -> Dictionary:
    """The three tables of a dictionary's text, as ``jieba.Tokenizer.gen_pfdict`` and ``jieba.posseg`` read it."""
    freq: dict[str, int] = {}
    total = 0
    tags: dict[str, str] = {}
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        parts = line.split(" ")
        try:
            word, count = parts[0], int(parts[1])
        except (IndexError, ValueError):
            raise ValueError(f"invalid dictionary entry at line {lineno}: {line}") from None
        freq[word] = count
        total += count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
        if len(parts) == 3:
            tags[word] = parts[2]
    # the tag table's keys are the frequency table's own strings (the cache file holds each once)
    own = {w: w for w in freq}
    return Dictionary(freq, total, {own[w]: t for w, t in tags.items()}, log(total) if total else 0.0)


def load(path: Path | None = None) -> Dictionary:
    """The tables of ``path`` (jieba's ``dict.txt`` by default), from the cache when it holds them."""
    path = path or jieba_dict_path()

    def build() -> tuple[dict[str, int], int, dict[str, str]]:
        words = parse(path.read_bytes().decode("utf-8"))
        return words.freq, words.total, words.tags

    freq, total, tags = cached("jieba-dict", [path, Path(__file__)], build)
    return Dictionary(freq, total, tags, log(total) if total else 0.0)


def dictionary() -> Dictionary:
    """The process's dictionary (read once)."""
    if not _LOADED:
        _LOADED.append(load())
    return _LOADED[0]


def freq_table() -> dict[str, int]:
    """``jieba.dt.FREQ``: word (or word prefix, 0) → frequency."""
    return (_LOADED[0] if _LOADED else dictionary()).freq


def tag_table() -> dict[str, str]:
    """``jieba.posseg``'s word → part-of-speech tag."""
    return (_LOADED[0] if _LOADED else dictionary()).tags


def total() -> int:
    return dictionary().total


__all__ = ["Dictionary", "dictionary", "freq_table", "jieba_dict_path", "load", "parse", "tag_table", "total"]

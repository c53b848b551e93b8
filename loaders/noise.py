"""Page furniture: the lines of a saved page that belong to the site, not to the article.

Pages copied from news sites and their mirrors carry the site's furniture between the lines of the
article: navigation menus (要闻 / 视听 / 商城 / 县域, one word a line), hit counters (浏览人次：, 人气：128,
阅读量:4111), share and print buttons (分享到：, A+A-, 【打印】【关闭】), rating prompts (好评理由：) and links
to the previous or next article (上一篇：…). Left in, a counter line joins the sentence it interrupts, a menu
word is read as a place (商城 is a county) and a linked title brings another article's companies.

``drop_furniture`` removes such lines (and a counter at the end of a line that holds the page's date, so
the date stays) before the page is split. It is called by ``loaders.script.read_page`` on the page in
simplified script, and the same lines are cut from the page in its own script, so the two stay aligned
character for character. Rules: ``loaders/rules/noise.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from econgraph.loaders.rules import rules

_PUNCT_OR_DIGIT = re.compile(r"[\d，,。．.；;：:！!？?、“”\"'‘’（）()《》【】\[\]—…·]")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], int, int, re.Pattern[str]]:
    r = rules("noise")
    return (re.compile(r["furniture_line"]), re.compile(r["counter_tail"]), int(r["menu_run"]),
            int(r["menu_item"]), re.compile(r["menu_place_ends"]))


def _menu_item(line: str, longest: int) -> bool:
    return 0 < len(line) <= longest and not _PUNCT_OR_DIGIT.search(line) and " " not in line


def _menu_lines(stripped: list[str], run: int, longest: int, place: re.Pattern[str]) -> set[int]:
    """Indices of lines in runs of at least ``run`` consecutive one-word lines (a site's menu); a run
    holding a place name (柳林镇) is a list in the article and stays."""
    out: set[int] = set()
    start = 0
    for i in range(len(stripped) + 1):
        if i < len(stripped) and _menu_item(stripped[i], longest):
            continue
        if i - start >= run and not any(place.search(s) for s in stripped[start:i]):
            out.update(range(start, i))
        start = i + 1
    return out


def furniture(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (simplified script) to cut: whole furniture lines with their line break, and
    counters at the end of a line. Sorted, not overlapping."""
    if not text:
        return []
    whole, tail, run, longest, place = _rules()
    lines = text.split("\n")
    stripped = [ln.strip(" \t\u3000\u00a0\r") for ln in lines]
    cut = {i for i, s in enumerate(stripped) if s and whole.fullmatch(s)} | _menu_lines(stripped, run, longest, place)
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        if i in cut:
            # the line and its break; a blank line on both sides of it: one of them goes too
            stop = min(end + 1, len(text))
            blank_around = i > 0 and not stripped[i - 1] and i + 1 < len(lines) and not stripped[i + 1]
            if blank_around and stop < len(text):
                stop = min(stop + len(lines[i + 1]) + 1, len(text))
            spans.append((pos, stop))
        else:
            m = tail.search(line)
            if m and m.start() > 0:
                spans.append((pos + m.start(), end))
        pos = end + 1
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without ``spans``."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)


def drop_furniture(text: str) -> str:
    """``text`` without its page furniture."""
    return cut(text, furniture(text))


__all__ = ["cut", "drop_furniture", "furniture"]

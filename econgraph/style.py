"""The graph's look, read from ``assets/style.grass``: one file styles both Neo4j Browser and ``econgraph viz``.

Keeping the colours in the Browser's own style file (instead of a Python table) means the two
views cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from econgraph.graph.schema import LABELS

_BLOCK = re.compile(r'(?P<selector>[A-Za-z_][\w.\-]*)\s*\{(?P<body>(?:"[^"]*"|[^{}"])*)\}')


def style_path() -> Path:
    """The installed ``style.grass`` (a real file: setuptools installs package data unzipped)."""
    return Path(str(resources.files("econgraph") / "assets" / "style.grass"))


def style_text() -> str:
    return style_path().read_text(encoding="utf-8")


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Selector → properties, as Neo4j Browser reads a grass file (quotes stripped from values)."""
    rules: dict[str, dict[str, str]] = {}
    for match in _BLOCK.finditer(text):
        props = rules.setdefault(match["selector"], {})
        for decl in match["body"].split(";"):
            key, sep, value = decl.partition(":")
            if sep and key.strip():
                props[key.strip()] = value.strip().strip("\"'")
    return rules


@dataclass(frozen=True)
class LabelStyle:
    color: str
    border: str
    text: str
    caption: str


@lru_cache(maxsize=1)
def label_styles() -> dict[str, LabelStyle]:
    """Every label's colours, the ``node`` defaults filling what a label does not set."""
    rules = parse_grass(style_text())
    base = rules.get("node", {})
    styles: dict[str, LabelStyle] = {}
    for label in LABELS:
        props = {**base, **rules.get(f"node.{label}", {})}
        styles[label] = LabelStyle(
            color=props.get("color", "#A5ABB6"),
            border=props.get("border-color", "#9AA1AC"),
            text=props.get("text-color-internal", "#FFFFFF"),
            caption=props.get("caption", "{name}"),
        )
    return styles

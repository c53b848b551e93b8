"""Cypher text built from values and names: the one place that quotes them.

Statements the stores run take values as parameters; these are for what cannot: names (labels,
types, property keys, schema names) and the literal values of an exported script or of Neo4j
Browser's ``:param name => value`` commands.
"""

from __future__ import annotations

import math
import re
from typing import Any

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def quote_name(name: str) -> str:
    """A name in backticks, whatever it holds (a backtick is doubled)."""
    return "`" + name.replace("`", "``") + "`"


def cypher_key(name: str) -> str:
    """A name as written in Cypher: bare when it is a plain identifier, otherwise quoted."""
    return name if _IDENT.match(name) else quote_name(name)


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal for any text (control characters and lone surrogates escaped)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A value as a Cypher literal: null, booleans, numbers (NaN and infinities as divisions), lists, strings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "0.0/0.0"
        if math.isinf(value):
            return "1.0/0.0" if value > 0 else "-1.0/0.0"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return cypher_string(str(value))


def cypher_map(props: dict[str, Any]) -> str:
    """A map literal, keys sorted."""
    return "{" + ", ".join(f"{cypher_key(k)}: {cypher_literal(v)}" for k, v in sorted(props.items())) + "}"

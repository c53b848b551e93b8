"""An entity's profile for ``econgraph show``: who it is, what ties it has, and the sentences behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from econgraph.queries.backends import backend_for
from econgraph.queries.catalog import get_query
from econgraph.queries.runner import prepare


@dataclass
class Profile:
    label: str
    uid: str
    name: str | None
    aliases: tuple[str, ...]
    ties: list[dict[str, Any]] = field(default_factory=list)  # entity-evidence rows without MENTIONS
    mentions: list[dict[str, Any]] = field(default_factory=list)  # MENTIONS rows: article, date, sentence

    @property
    def articles(self) -> int:
        return len({(m["article"], m["date"], m["sentence"]) for m in self.mentions})


def entity_profile(store: Any, text: str) -> Profile:
    """Resolve ``text`` (name, alias or Label:name) to one entity and gather its evidence.

    Raises UnknownEntityError with suggestions when nothing carries the name.
    """
    backend = backend_for(store)
    query = get_query("entity-evidence")
    params, _ = prepare(backend, query, {"entity": text})
    entry = backend.lookup(params["entity_label"], params["entity"])
    rows = backend.rows(query, params)
    return Profile(
        label=params["entity_label"],
        uid=params["entity"],
        name=entry.name if entry else None,
        aliases=entry.aliases if entry else (),
        ties=[r for r in rows if r["relation"] != "MENTIONS"],
        mentions=[r for r in rows if r["relation"] == "MENTIONS"],
    )

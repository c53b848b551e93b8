"""The in-memory model shared by loaders (which produce it) and stores (which persist it).

Kept free of any store so that extraction can run in worker processes and its output can be
pickled, compared and loaded into either store unchanged.

Identity rules (both stores rely on them):
- a node is identified by (label, uid); ``uid`` is unique per label;
- a relationship is identified by its ``uid``, derived from (type, start, end, article): one
  relationship per piece of evidence per article, so re-loading an article never duplicates
  evidence and replacing an article replaces exactly its own relationships.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from econgraph.graph.schema import LABELS, REL_TYPES


def normalise_name(name: str) -> str:
    """The comparable form of a name: NFKC, no white space, no quote marks.

    Used to build uids, so 甲乙铜业（山东） and 甲乙铜业(山东) are the same entity.
    """
    # str.split() splits on exactly the characters str.isspace() accepts; translate drops the quote marks
    return "".join(unicodedata.normalize("NFKC", name).split()).translate(_NO_QUOTES)


QUOTES = frozenset("\"'“”‘’「」『』《》〈〉")
_NO_QUOTES = {ord(ch): None for ch in QUOTES}


def names_entity(norm: str, name: object, aliases: Iterable[object] | None = (), uid: str | None = None) -> bool:
    """Whether ``norm`` (a name already passed through ``normalise_name``) names this entity: its
    normalised name or one of its aliases, or its uid when one is given. A ``None`` name is no name."""
    if uid is not None and norm == uid:
        return True
    if name is not None and norm == normalise_name(str(name)):
        return True
    return any(norm == normalise_name(str(a)) for a in aliases or ())


_T = TypeVar("_T")


def plain_init(cls: type[_T]) -> type[_T]:
    """Give a frozen dataclass an ``__init__`` that fills ``__dict__`` directly.

    The dataclass's generated ``__init__`` of a frozen class sets each field through ``object.__setattr__``, twice
    the cost (six fields: 1.04 → 0.43 µs); the classes made per mention (NodeRef, Evidence, Hit, Resolved, Match) use
    this one. Same signature, defaults, equality, hash and repr; assignment after construction still raises."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    params = ", ".join(f.name if f.default is dataclasses.MISSING else f"{f.name}=_d_{f.name}" for f in fields)
    body = "".join(f"\n    d[{f.name!r}] = {f.name}" for f in fields)
    namespace = {f"_d_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    exec(f"def __init__(self, {params}):\n    d = self.__dict__{body}", namespace)  # noqa: S102 — field names only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@lru_cache(maxsize=1 << 14)
def entity_uid(name: str) -> str:
    """``normalise_name``, cached: extraction asks for the uid of the same few names many times an article."""
    return normalise_name(name)


@plain_init
@dataclass(frozen=True)
class NodeRef:
    label: str
    uid: str

    def key(self) -> str:
        """The node's key in the embedded graph and in exports."""
        return f"{self.label}:{self.uid}"


@dataclass
class Node:
    label: str
    uid: str
    props: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown label {self.label!r}")

    @property
    def ref(self) -> NodeRef:
        return NodeRef(self.label, self.uid)

    @property
    def name(self) -> str:
        return str(self.props.get("name", ""))


@plain_init
@dataclass(frozen=True)
class Evidence:
    """Why a relationship exists: ``article_text[start:end] == sentence``."""

    article: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass
class Relationship:
    type: str
    start: NodeRef
    end: NodeRef
    evidence: Evidence
    props: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in REL_TYPES:
            raise ValueError(f"unknown relationship type {self.type!r}")

    @property
    def uid(self) -> str:
        return relationship_uid(self.type, self.start.key(), self.end.key(), self.evidence.article)

    def evidence_values(self) -> tuple[Any, ...]:
        """The values of ``EVIDENCE_KEYS`` but the uid, in that order (the Neo4j store sends them as
        positional rows and derives the uid instead of storing it)."""
        ev = self.evidence
        return (ev.article, ev.sentence, ev.start, ev.end, ev.rule, ev.confidence)

    def properties(self) -> dict[str, Any]:
        """Flat properties as stored (Neo4j properties cannot nest)."""
        return {**self.props, "uid": self.uid, **dict(zip(EVIDENCE_KEYS[1:], self.evidence_values(), strict=True))}


# The properties every relationship has, from its uid and evidence; they win over extra ``props``.
EVIDENCE_KEYS = ("uid", "article", "sentence", "start", "end", "rule", "confidence")


KEY_SEP = "\x1f"  # between the parts of a relationship's key


def relationship_key(rtype: str, start_key: str, end_key: str, article: str) -> str:
    """What a relationship's uid is a hash of: type, both ``Label:uid`` keys and the article, joined by ``KEY_SEP``."""
    return KEY_SEP.join((rtype, start_key, end_key, article))


@lru_cache(maxsize=256)  # the same relationship's uid is asked several times within its article (a few articles kept)
def relationship_uid(rtype: str, start_key: str, end_key: str, article: str) -> str:
    return hashlib.sha1(relationship_key(rtype, start_key, end_key, article).encode("utf-8")).hexdigest()[:20]


@dataclass
class ArticleFacts:
    """Everything one article contributes to the graph: its node, the entities, the relationships.

    ``article`` is the Article node; every relationship's evidence names ``article.uid``.
    """

    article: Node
    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

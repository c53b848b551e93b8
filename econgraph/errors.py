"""Library exceptions. The CLI turns them into one-line ``Error: …`` messages."""

from __future__ import annotations


class EcongraphError(Exception):
    """Base class; ``hint`` is printed after the message when set."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} ({self.hint})" if self.hint else msg


class InputError(EcongraphError):
    """An input file or directory cannot be read as text."""


class StoreError(EcongraphError):
    """The store cannot be opened, read or written."""


class QueryError(EcongraphError):
    """Unknown query, bad parameter, refused Cypher."""


class UnknownEntityError(QueryError):
    """An entity name that matches nothing; carries suggestions."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = "did you mean: " + ", ".join(suggestions) if suggestions else None
        super().__init__(f"no entity named {name!r}", hint)
        self.name = name
        self.suggestions = suggestions


class OutputError(EcongraphError):
    """An output file (``-o``) cannot be written, or is not a regular file."""


class WorkspaceError(EcongraphError):
    """The build's temporary space cannot be used (full or unwritable ``TMPDIR``)."""


class VizError(EcongraphError):
    """The view cannot be made (empty subgraph, unwritable file, external resource left in the page)."""


class BrowserError(EcongraphError):
    """The Neo4j Browser address cannot be worked out, or the asset server cannot start."""

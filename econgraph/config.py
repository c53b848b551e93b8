"""Where the graph lives: the embedded store path and the Neo4j connection (from the environment).

The connection comes from ``NEO4J_URI`` / ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``,
the environment over a ``.env`` file in the working folder (read with python-dotenv).

One rule keeps a ``.env`` from steering credentials elsewhere: **the password goes only to a server
named by the same source**. A ``.env`` that sets ``NEO4J_URI`` but not ``NEO4J_PASSWORD``, while the
environment holds a password, is refused with one line: otherwise a ``.env`` dropped into a folder
could send the environment's password to a host of its choosing. (A URI from the environment with a
password from ``.env`` is allowed: the user chose the host.)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from econgraph.errors import EcongraphError

DEFAULT_STORE = Path(".econgraph") / "graph.sqlite"
DEFAULT_URI = "bolt://127.0.0.1:7687"
KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


class ConfigError(EcongraphError):
    """The settings (environment, ``.env``) cannot be used."""


def _read_dotenv(path: Path = Path(".env")) -> dict[str, str]:
    """The values a ``.env`` file sets (python-dotenv: ``export X=…``, quotes, ``# comments``)."""
    from dotenv import dotenv_values

    try:
        if not path.is_file():
            return {}
        values = dotenv_values(path, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (invalid byte at offset {exc.start})",
                          "save it as UTF-8 or remove it") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    return {k: v for k, v in values.items() if v is not None}


_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/?#]*)@")


def redact_uri(uri: str) -> str:
    """The URI without credentials written into it (``bolt://user:pw@host`` → ``bolt://***@host``)."""
    return _USERINFO.sub(r"\1***@", uri)


def strip_userinfo(uri: str) -> str:
    """The URI without any user information (for links such as the Browser's)."""
    return _USERINFO.sub(r"\1", uri)


def uri_secret(uri: str) -> str | None:
    """The user-information part of a URI (``user:password``), which must never be shown."""
    match = _USERINFO.match(uri)
    return match.group(2) if match and match.group(2) else None


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    username: str | None
    password: str | None
    database: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.username and self.password is not None:
            return (self.username, self.password)
        return None

    @property
    def display_uri(self) -> str:
        return redact_uri(self.uri)

    def secrets(self) -> list[str]:
        """Strings that must not appear in any message: the password and credentials in the URI."""
        userinfo = uri_secret(self.uri) or ""
        found = [self.password or "", userinfo, userinfo.partition(":")[2]]
        return [s for s in found if s]

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        text = text.replace(self.uri, self.display_uri) if self.uri else text
        for secret in sorted(self.secrets(), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text

    def __repr__(self) -> str:  # never show the password
        return f"Neo4jSettings(uri={self.display_uri!r}, username={self.username!r}, password=***)"


def neo4j_settings(env: dict[str, str] | None = None, dotenv: Path = Path(".env")) -> Neo4jSettings:
    """NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, the environment over ``.env``.

    Raises ``ConfigError`` when the ``.env`` names the server but the password would come from the
    environment (see the module's docstring), or when ``.env`` is not UTF-8.
    """
    environ = {k: v for k, v in (env if env is not None else os.environ).items() if k in KEYS}
    dot = {k: v for k, v in _read_dotenv(dotenv).items() if k in KEYS}
    merged = {**dot, **environ}
    uri_from_dotenv = "NEO4J_URI" in dot and "NEO4J_URI" not in environ
    password_from_env = "NEO4J_PASSWORD" in environ
    if uri_from_dotenv and password_from_env and dot.get("NEO4J_PASSWORD") != environ["NEO4J_PASSWORD"]:
        raise ConfigError(
            f"{dotenv} sets NEO4J_URI ({redact_uri(dot['NEO4J_URI'])}) but the password would come from the "
            "environment: refusing to send it to a server that another source chose",
            f"set NEO4J_URI in the environment too, or put NEO4J_PASSWORD in {dotenv}",
        )
    return Neo4jSettings(
        uri=merged.get("NEO4J_URI", DEFAULT_URI),
        username=merged.get("NEO4J_USERNAME", "neo4j"),
        password=merged.get("NEO4J_PASSWORD"),
        database=merged.get("NEO4J_DATABASE") or None,
    )

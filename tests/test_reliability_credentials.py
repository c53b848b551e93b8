"""Issue 18, point 7: a ``.env`` must not steer the environment's password to a host of its choosing,
and credentials written into a URI are never echoed.

The rule (econgraph/config.py): the password goes only to a server named by the same source. A
``.env`` that sets ``NEO4J_URI`` while the password would come from the environment is refused with
one line, before any connection. Checked with a fake Bolt server on 127.0.0.1 that records every byte
it receives (``fake_bolt.py``).
"""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_bolt import FakeBolt

from econgraph.cli import cli
from econgraph.config import neo4j_settings, redact_uri

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]

COMMANDS = [
    ["stats", "--neo4j"],
    ["cypher", "RETURN 1 AS one", "--neo4j"],
    ["build", str(SEED), "--neo4j"],
    ["query", "run", "companies-in-county", "--neo4j"],
]


@pytest.fixture
def listener() -> Iterator[FakeBolt]:
    fake = FakeBolt()
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    return tmp_path


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args)


def test_the_listener_does_capture_a_password(clean_env: Path, listener: FakeBolt,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the environment names the listener itself, so its password is sent there."""
    password = "env-pw-" + secrets.token_hex(8)
    monkeypatch.setenv("NEO4J_URI", listener.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    result = _run(["stats", "--neo4j"])
    assert result.exit_code != 0
    assert password.encode() in bytes(listener.received)
    assert password not in result.output


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_dotenv_uri_never_receives_the_environment_password(clean_env: Path, listener: FakeBolt,
                                                            monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    password = "env-pw-" + secrets.token_hex(8)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    (clean_env / ".env").write_text(f"NEO4J_URI={listener.uri}\n", encoding="utf-8")
    result = _run(args)
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and ".env sets NEO4J_URI" in lines[0], result.output
    assert password not in result.output
    assert password.encode() not in bytes(listener.received)
    assert listener.connections == 0, "nothing may be sent to a server the .env chose"


def test_dotenv_with_its_own_password_but_environment_password_too_is_refused(
        clean_env: Path, listener: FakeBolt, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment's password would win over the .env's (the environment comes first): refused too."""
    password = "env-pw-" + secrets.token_hex(8)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    (clean_env / ".env").write_text(f"NEO4J_URI={listener.uri}\nNEO4J_PASSWORD=dotenv-pw\n", encoding="utf-8")
    result = _run(["stats", "--neo4j"])
    assert result.exit_code != 0 and ".env sets NEO4J_URI" in result.output
    assert listener.connections == 0


def test_dotenv_with_uri_and_password_is_used_as_one_source(clean_env: Path, listener: FakeBolt) -> None:
    """The same source names the host and the password: allowed, and only the .env's password goes."""
    mine = "dotenv-pw-" + secrets.token_hex(8)
    (clean_env / ".env").write_text(f'export NEO4J_URI="{listener.uri}"\nNEO4J_PASSWORD={mine}  # a comment\n',
                                    encoding="utf-8")
    result = _run(["stats", "--neo4j"])
    assert result.exit_code != 0  # the fake server answers nothing
    assert mine.encode() in bytes(listener.received), "export/quotes/comments are read as a shell would"
    assert f"{mine}  # a comment".encode() not in bytes(listener.received)
    assert mine not in result.output


def test_environment_uri_with_dotenv_password_is_allowed(clean_env: Path, listener: FakeBolt,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", listener.uri)
    mine = "dotenv-pw-" + secrets.token_hex(8)
    (clean_env / ".env").write_text(f"NEO4J_PASSWORD={mine}\n", encoding="utf-8")
    _run(["stats", "--neo4j"])
    assert mine.encode() in bytes(listener.received)


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("where", ["environment", "dotenv"])
def test_uri_credentials_are_never_echoed(clean_env: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                          where: str) -> None:
    secret = "S3cr3tInUri" + secrets.token_hex(4)
    uri = f"bolt://neo4j:{secret}@127.0.0.1:{_dead_port()}"
    if where == "environment":
        monkeypatch.setenv("NEO4J_URI", uri)
    else:
        (clean_env / ".env").write_text(f"NEO4J_URI={uri}\n", encoding="utf-8")
    result = _run(args)
    assert result.exit_code != 0
    assert secret not in result.output, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "bolt://***@127.0.0.1" in errors[0], result.output


def test_redaction_and_settings_repr() -> None:
    assert redact_uri("neo4j+s://u:p@host:7687/db") == "neo4j+s://***@host:7687/db"
    assert redact_uri("bolt://host:7687") == "bolt://host:7687"
    settings = neo4j_settings({"NEO4J_URI": "bolt://u:pw-in-uri@h:1", "NEO4J_PASSWORD": "pw-x"}, dotenv=Path("/nonexistent"))
    assert "pw-in-uri" not in repr(settings) and "pw-x" not in repr(settings)
    assert settings.scrub("failed at bolt://u:pw-in-uri@h:1 with pw-x") == "failed at bolt://***@h:1 with ***"

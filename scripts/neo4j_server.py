#!/usr/bin/env python3
"""A real Neo4j 5.26 community server without Docker: jars from Maven Central, run with Java 17.

Used by the test suite (a session fixture starts one on free ports) and by people without Docker:

    python scripts/neo4j_server.py fetch            # download the jars into the cache once
    python scripts/neo4j_server.py run              # start in the foreground, Ctrl-C stops it

The jar cache lives outside the checkout (``$ECONGRAPH_NEO4J_CACHE`` or
``~/.cache/econgraph/neo4j-<version>``) and is reused across runs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEO4J_VERSION = os.environ.get("ECONGRAPH_NEO4J_VERSION", "5.26.0")
BROWSER_VERSION = os.environ.get("ECONGRAPH_NEO4J_BROWSER_VERSION", "5.24.0")

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>econgraph</groupId><artifactId>neo4j-test-server</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version></dependency>
  </dependencies>
</project>
"""

# Heap and collector, measured with bench/bench_neo4j_load.py on 2 cores: the batched load spends
# 2.5 s of server CPU on 55k elements with G1 and a 1 GiB heap (a young collection every few MB of
# transaction state), 2.15 s with G1 and 2 GiB, 1.55 s with the parallel collector and 2 GiB.
HEAP = os.environ.get("ECONGRAPH_NEO4J_HEAP", "2g")

JVM_OPTS = [
    f"-Xms{HEAP}",
    f"-Xmx{HEAP}",
    "-XX:+UseParallelGC",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dfile.encoding=UTF-8",
]


class ServerError(RuntimeError):
    pass


def cache_dir() -> Path:
    env = os.environ.get("ECONGRAPH_NEO4J_CACHE")
    base = Path(env) if env else Path.home() / ".cache" / "econgraph" / f"neo4j-{NEO4J_VERSION}"
    return base


def ensure_jars(cache: Path | None = None, quiet: bool = True) -> Path:
    """Fetch the server's jars with Maven once; return the lib directory."""
    cache = cache or cache_dir()
    lib = cache / "lib"
    done = cache / ".complete"
    if done.exists() and any(lib.glob("neo4j-server-*.jar")):
        return lib
    if shutil.which("mvn") is None:
        raise ServerError("Maven (mvn) is not installed; it is needed to fetch the Neo4j jars")
    if shutil.which("java") is None:
        raise ServerError("Java 17 is not installed; it is needed to run Neo4j")
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "pom.xml").write_text(POM.format(neo4j=NEO4J_VERSION, browser=BROWSER_VERSION), encoding="utf-8")
    tmp_lib = cache / "lib.partial"
    shutil.rmtree(tmp_lib, ignore_errors=True)
    cmd = ["mvn", "-B", "-f", str(cache / "pom.xml"), "dependency:copy-dependencies",
           f"-DoutputDirectory={tmp_lib}"]
    if quiet:
        cmd.insert(1, "-q")
    result = subprocess.run(cmd, capture_output=quiet, text=True)
    if result.returncode != 0:
        tail = (result.stdout or "")[-2000:] + (result.stderr or "")[-2000:] if quiet else ""
        raise ServerError(f"mvn could not fetch Neo4j {NEO4J_VERSION}: exit {result.returncode}\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    tmp_lib.rename(lib)
    done.write_text(f"neo4j {NEO4J_VERSION}\nbrowser {BROWSER_VERSION}\n", encoding="utf-8")
    return lib


def port_busy(port: int, host: str = "127.0.0.1") -> str | None:
    """Why ``port`` cannot be listened on (e.g. "Address already in use"), or None when it is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


BUSY_MARKERS = ("Address already in use", "BindException", "Port already in use")


def startup_cause(console: str) -> str | None:
    """The one line of a failed start's console log that says why (a busy port), if there is one."""
    for line in console.splitlines():
        if any(marker in line for marker in BUSY_MARKERS):
            return line.strip()
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


CONF = """server.directories.data={home}/data
server.directories.logs={home}/logs
server.directories.run={home}/run
server.directories.plugins={home}/plugins
server.directories.import={home}/import
server.directories.lib={lib}
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{bolt}
server.bolt.advertised_address=127.0.0.1:{bolt}
server.http.listen_address=127.0.0.1:{http}
server.http.advertised_address=127.0.0.1:{http}
server.https.enabled=false
dbms.security.auth_enabled={auth}
server.memory.pagecache.size={pagecache}
server.memory.heap.initial_size={heap}
server.memory.heap.max_size={heap}
dbms.usage_report.enabled=false
db.tx_log.rotation.retention_policy=1 files
"""

# Browser settings are declared by the server module only; the admin tool would reject them.
BROWSER_CONF = """browser.post_connect_cmd=style {style_url}
"""


class Neo4jServer:
    """One server process with its own temporary home. Use as a context manager."""

    def __init__(
        self,
        bolt_port: int | None = None,
        http_port: int | None = None,
        password: str | None = None,
        home: Path | None = None,
        pagecache: str = "256m",
        style_url: str = "",
    ) -> None:
        self.bolt_port = bolt_port or free_port()
        self.http_port = http_port or free_port()
        self.username = "neo4j"
        self.password = password if password is not None else "t-" + secrets.token_hex(12)
        self._own_home = home is None
        self.home = home or Path(tempfile.mkdtemp(prefix="econgraph-neo4j-"))
        self.pagecache = pagecache
        self.style_url = style_url
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        self.lib: Path | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.username, self.password)

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}

    def _java(self, main: str, *args: str) -> list[str]:
        assert self.lib is not None
        return ["java", *JVM_OPTS, "-cp", f"{self.lib}/*", main, *args]

    def config(self) -> str:
        """neo4j.conf for this server (without the Browser settings, which the admin tool rejects)."""
        return CONF.format(home=self.home, lib=self.lib, bolt=self.bolt_port, http=self.http_port,
                           auth="true", pagecache=self.pagecache, heap=HEAP)

    def start(self, timeout: float = 180.0) -> Neo4jServer:
        self.lib = ensure_jars()
        began = time.monotonic()
        conf_dir = self.home / "conf"
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        conf = self.config()
        (conf_dir / "neo4j.conf").write_text(conf, encoding="utf-8")
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf_dir)}
        # The initial password is set offline, before the first start (as neo4j-admin does).
        pw = subprocess.run(
            self._java("org.neo4j.cli.AdminTool", "dbms", "set-initial-password", self.password),
            env=env, capture_output=True, text=True, cwd=self.home,
        )
        if pw.returncode != 0:
            raise ServerError(f"could not set the initial password: {pw.stderr.strip()[-500:]}")
        browser = BROWSER_CONF.format(style_url=self.style_url)
        if not self.style_url:
            browser = "\n".join(x for x in browser.splitlines() if "post_connect_cmd" not in x) + "\n"
        (conf_dir / "neo4j.conf").write_text(conf + browser, encoding="utf-8")
        log = open(self.home / "logs" / "console.log", "wb")  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(
            self._java("org.neo4j.server.CommunityEntryPoint", f"--home-dir={self.home}",
                       f"--config-dir={conf_dir}", "--console-mode"),
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.home,
            start_new_session=True,
        )
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def _wait_ready(self, timeout: float) -> None:
        from neo4j import GraphDatabase

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            cause = startup_cause(self.console_tail(400))
            if cause is not None:  # a busy port: the JVM may linger for a minute before it exits
                self.kill()
                raise ServerError(cause)
            if self.process is not None and self.process.poll() is not None:
                raise ServerError(f"Neo4j exited with {self.process.returncode}; see {self.home}/logs/console.log\n"
                                  + self.console_tail())
            try:
                # a plain session run: execute_query would retry for 30 s on its own
                with GraphDatabase.driver(self.uri, auth=self.auth, connection_timeout=2.0) as driver, \
                        driver.session() as session:
                    record = session.run("RETURN 1 AS one").single()
                    if record and record["one"] == 1:
                        return
            except Exception as exc:  # not up yet
                last = exc
            time.sleep(0.5)
        raise ServerError(f"Neo4j did not answer within {timeout:.0f}s: {last}\n{self.console_tail()}")

    def console_tail(self, n: int = 30) -> str:
        try:
            lines = (self.home / "logs" / "console.log").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 60.0) -> None:
        proc = self.process
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)

    def kill(self) -> None:
        """Stop abruptly (SIGKILL), as a crash would."""
        proc = self.process
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)

    def restart(self, timeout: float = 180.0) -> None:
        """Start again on the same ports and data (after stop or kill)."""
        assert self.lib is not None
        conf_dir = self.home / "conf"
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf_dir)}
        log = open(self.home / "logs" / "console.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            self._java("org.neo4j.server.CommunityEntryPoint", f"--home-dir={self.home}",
                       f"--config-dir={conf_dir}", "--console-mode"),
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.home, start_new_session=True,
        )
        self._wait_ready(timeout)

    def cleanup(self) -> None:
        self.stop()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("fetch", help="download the Neo4j jars into the cache")
    run = sub.add_parser("run", help="start a server in the foreground until Ctrl-C")
    run.add_argument("--bolt-port", type=int, default=int(os.environ.get("BOLT_PORT") or 7687))
    run.add_argument("--http-port", type=int, default=int(os.environ.get("HTTP_PORT") or 7474))
    run.add_argument("--home", type=Path, help="keep data here (default: a temporary directory, removed on exit)")
    run.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"),
                     help="initial password (default: $NEO4J_PASSWORD, or a random one printed once)")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "fetch":
            lib = ensure_jars(quiet=False)
            size = sum(p.stat().st_size for p in lib.glob("*.jar"))
            print(f"Neo4j {NEO4J_VERSION} jars in {lib}: {len(list(lib.glob('*.jar')))} files, {size / 2**20:.0f} MiB")
            return 0
        for what, port, option in (("Bolt", args.bolt_port, "BOLT_PORT"), ("HTTP", args.http_port, "HTTP_PORT")):
            why = port_busy(port)
            if why is not None:
                raise ServerError(f"{what} port {port} is busy ({why}): stop what holds it, or choose another, "
                                  f"e.g. make neo4j {option}={port + 1}")
        server = Neo4jServer(args.bolt_port, args.http_port, args.password, args.home)
        try:
            server.start()
        except BaseException as exc:
            cause = startup_cause(server.console_tail(400))
            server.kill()
            server.cleanup()  # a temporary home goes; a --home stays
            if cause is not None and isinstance(exc, ServerError):
                raise ServerError(f"Neo4j could not start: Bolt port {args.bolt_port} or HTTP port "
                                  f"{args.http_port} is busy (Address already in use); choose others, "
                                  f"e.g. make neo4j BOLT_PORT={args.bolt_port + 1} HTTP_PORT={args.http_port + 1}"
                                  ) from None
            raise
        print(f"Neo4j {NEO4J_VERSION} is up in {server.startup_seconds:.1f}s; Browser at {server.http_url}/browser/")
        print("Point econgraph at it with:")
        for key, value in server.env().items():
            print(f"  export {key}={value}")
        stop = {"now": False}

        def _stop(*_: object) -> None:
            stop["now"] = True

        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
        while not stop["now"] and server.running():
            time.sleep(0.5)
        if args.home:
            server.stop()
        else:
            server.cleanup()
        return 0
    except ServerError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

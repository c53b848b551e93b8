"""A fake Bolt server on 127.0.0.1 that records every byte a client sends it (for credential tests).

It answers the handshake with Bolt 5.4 and the client's HELLO with SUCCESS, so that the client sends
its LOGON message (which carries the credentials), then reads whatever comes for a moment and closes.
"""

from __future__ import annotations

import socket
import threading


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    assert len(data) < 16
    return bytes([0x80 + len(data)]) + data


# SUCCESS {server: "Neo4j/5.26.0", connection_id: "bolt-1"}, as one chunk and its end marker
_BODY = b"\xb1\x70\xa2" + _text("server") + _text("Neo4j/5.26.0") + _text("connection_id") + _text("bolt-1")
_SUCCESS = len(_BODY).to_bytes(2, "big") + _BODY + b"\x00\x00"


class FakeBolt:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.received = bytearray()
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(1.0)
                try:
                    hello = conn.recv(20)
                    self.received += hello
                    if hello.startswith(b"\x60\x60\xb0\x17"):
                        conn.sendall(b"\x00\x00\x04\x05")  # Bolt 5.4
                    answered = False
                    while True:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        self.received += chunk
                        if not answered and chunk.endswith(b"\x00\x00"):  # the end of HELLO
                            conn.sendall(_SUCCESS)
                            answered = True
                except OSError:
                    pass

    def close(self) -> None:
        self._stop = True
        self._thread.join(timeout=5)
        self.sock.close()

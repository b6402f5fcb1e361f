"""A small LSP client over standard input and output, written from the protocol's text: JSON-RPC
messages framed by a ``Content-Length`` header. It shares no code with pygls, so a framing or
encoding mistake on the server's side is not mirrored by the client's.

It runs the real ``uhc-roadmap lsp`` command in a subprocess, reads its messages on a thread
and keeps every notification, so that tests can wait for the diagnostics of a given version.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

COMMAND = [sys.executable, "-m", "uhc_roadmap", "lsp"]
TIMEOUT = 30.0


class ServerError(Exception):
    """An error response: its code and message."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code = error.get("code")
        self.message = str(error.get("message"))


class Client:
    """A client of ``command`` (``uhc-roadmap lsp`` by default) over its standard streams, or
    over TCP when ``port`` is given (the command is then started with ``--tcp PORT``)."""

    def __init__(
        self, cwd: Path | None = None, command: list[str] | None = None, port: int | None = None
    ) -> None:
        self.process = subprocess.Popen(
            command or COMMAND,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self._out: IO[bytes] | None = self.process.stdin
        self._in: IO[bytes] | None = self.process.stdout
        if port is not None:
            self._in, self._out = _connect(port, self.process)
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.requests_from_server: list[dict[str, Any]] = []
        self.stderr = b""
        self.broken = ""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- the wire ---------------------------------------------------------------------------

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self._out is not None
        self._out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._out.flush()

    def _read(self) -> None:
        stream = self._in
        assert stream is not None
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    if line == b"\r\n":
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    self.broken = "a message without Content-Length"
                    return
                body = stream.read(length)
                if len(body) != length:
                    self.broken = f"a body of {len(body)} bytes where {length} were announced"
                    return
                self._received(json.loads(body.decode("utf-8")))
        finally:
            with self._lock:
                self._lock.notify_all()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr += line

    def _received(self, message: dict[str, Any]) -> None:
        with self._lock:
            if "id" in message and "method" in message:
                self.requests_from_server.append(message)
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message:
                self.responses[message["id"]] = message
            else:
                self.notifications.append(message)
            self._lock.notify_all()

    # -- requests and notifications ----------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        ident = next(self._ids)
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        response = self.wait_until(lambda: self.responses.pop(ident, None), timeout, method)
        if "error" in response:
            raise ServerError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_until(self, found: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = found()
                if value is not None:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"no answer to {what} in {timeout} s; stderr: {self.stderr!r}"
                    )
                if self.process.poll() is not None and not self.broken:
                    value = found()
                    if value is not None:
                        return value
                    raise RuntimeError(
                        f"the server exited ({self.process.returncode}) while waiting for "
                        f"{what}; stderr: {self.stderr.decode(errors='replace')}"
                    )
                self._lock.wait(min(left, 0.1))

    # -- the session -------------------------------------------------------------------------

    def initialize(self, root: Path, capabilities: dict[str, Any] | None = None) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": capabilities or {},
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}},
        )
        return uri

    def change(self, uri: str, version: int, text: str, at: dict[str, Any] | None = None) -> None:
        change: dict[str, Any] = {"text": text}
        if at is not None:
            change["range"] = at
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )

    def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = TIMEOUT
    ) -> list[Any]:
        """The diagnostics published for ``uri`` (for ``version`` when given), waiting for them."""

        def latest() -> list[Any] | None:
            for message in reversed(self.notifications):
                if message["method"] != "textDocument/publishDiagnostics":
                    continue
                params = message["params"]
                if params["uri"] == uri and (version is None or params.get("version") == version):
                    return list(params["diagnostics"])
            return None

        return self.wait_until(latest, timeout, f"diagnostics of {uri} v{version}")

    def published(self, uri: str) -> list[dict[str, Any]]:
        with self._lock:
            return [
                m["params"]
                for m in self.notifications
                if m["method"] == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ]

    def shutdown_and_exit(self, timeout: float = TIMEOUT) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        streams = (
            self.process.stdin,
            self.process.stdout,
            self.process.stderr,
            self._in,
            self._out,
        )
        for stream in streams:
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _connect(port: int, process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    """Connect to the server's port as soon as it listens."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
            continue
        connection.settimeout(None)
        return connection.makefile("rb"), connection.makefile("wb")


def free_port() -> int:
    """A TCP port of this machine that nothing listens on (as far as can be known)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def position(text: str, offset: int) -> dict[str, int]:
    """The LSP position (UTF-16 code units) of a character offset, computed independently
    of the server: lines end at LF, CRLF or CR."""
    before = text[:offset]
    line = before.count("\n") + before.count("\r") - before.count("\r\n")
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return {"line": line, "character": len(before[start:].encode("utf-16-le")) // 2}

"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server as
an editor does: initialise a workspace, hand it settings, open files, read the diagnostics it
publishes, ask for completion and hover."""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

TIMEOUT = 60.0


class LanguageServer:
    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- the wire ----------------------------------------------------------------------------

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def _wait(self, done: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the language server did not answer")
            message = self.messages.get(timeout=remaining)
            self._handle(message)
            if done(message):
                return message

    def _handle(self, message: dict[str, Any]) -> None:
        """Answer the server's own requests; keep the diagnostics it publishes."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration" and "id" in message:
            result = [self._section(item.get("section", "")) for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        elif method is not None and "id" in message:  # registrations, progress...
            self._send({"id": message["id"], "result": None})

    def _section(self, section: str) -> Any:
        value: Any = self.settings
        for part in filter(None, section.split(".")):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    # -- what an editor does -----------------------------------------------------------------

    def open(self, path: Path) -> list[dict[str, Any]]:
        """Open the file; the diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text("utf-8")}
        self.notify("textDocument/didOpen", {"textDocument": document})
        self._wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        # The schema may arrive after a first, empty publication: give it a moment.
        with contextlib.suppress(TimeoutError, queue.Empty):
            self._wait(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                ),
                timeout=1.5,
            )
        return self.diagnostics.get(uri, [])

    def completion(self, path: Path, line: int, character: int) -> list[str]:
        position = {"line": line, "character": character}
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.as_uri()}, "position": position},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return [item["label"] for item in items]

    def hover(self, path: Path, line: int, character: int) -> str:
        position = {"line": line, "character": character}
        result = self.request(
            "textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": position}
        )
        if not result:
            return ""
        contents = result["contents"]
        return str(contents.get("value", "") if isinstance(contents, dict) else contents)

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (TimeoutError, queue.Empty, BrokenPipeError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()

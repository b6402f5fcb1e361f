"""The protocol glue: pygls speaks JSON-RPC over standard input and output (or TCP), and each
request is answered by a plain function of this package over a text and a position.

Documents are kept here rather than in pygls's workspace: their lines are counted as LSP
counts them (``\\n``, ``\\r\\n`` and ``\\r`` only; Python's ``splitlines`` also breaks at form
feeds and NEL), and an incremental change to a file of megabytes updates the line index
instead of splitting the whole text again.

Checks run on one worker thread, one document at a time. A change schedules a check of the
document; changes that arrive while it runs are folded into one more check of the latest text
(a burst of a hundred changes costs two or three checks, not a hundred), and a result is
published only while its version is still the document's: a stale one is dropped. The first
change after a quiet spell is checked at once, so a single edit is answered in about the time
``validate`` takes for the same text.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import select
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from uhc_roadmap import __version__
from uhc_roadmap.errors import UsageError
from uhc_roadmap.lsp import actions, completion, formatting, hover, navigation
from uhc_roadmap.lsp.analysis import Checked, check, looks_like_roadmap
from uhc_roadmap.lsp.diagnostics import configuration_problem, to_lsp
from uhc_roadmap.lsp.ids import Catalogue
from uhc_roadmap.lsp.project import CONFIG_NAMES, Project, Projects
from uhc_roadmap.lsp.text import UTF16, TextDocument

LOG = logging.getLogger("uhc_roadmap.lsp")
QUIET = 0.05
"""Seconds without a change after which a burst of changes is checked."""
MAX_WAIT = 0.5
"""Seconds after which changes are checked even if they keep coming (continuous typing)."""
NAME = "uhc-roadmap"
REQUEST_FAILED = types.LSPErrorCodes.RequestFailed.value
Range = tuple[tuple[int, int], tuple[int, int]]
"""An LSP range as (line, character) pairs."""


@dataclass
class Entry:
    """One open document: its text (changed on the event loop, under ``lock``), its latest
    findings, and the ids of the last version that loaded (for completion while typing)."""

    doc: TextDocument
    path: Path | None
    lock: threading.Lock = field(default_factory=threading.Lock)
    checking: threading.Lock = field(default_factory=threading.Lock)
    changed_at: float = 0.0
    """When the text last changed (``time.monotonic``)."""
    pending_since: float | None = None
    """When the first change not yet checked was made (None: every change is checked)."""
    checked_at: float = 0.0
    """When the last check of this document ended."""
    checked: Checked | None = None
    loaded: Checked | None = None
    """The last version that loaded as YAML: its ids are completed while the text is broken."""
    published: bool = False

    @property
    def known(self) -> Catalogue:
        return self.loaded.catalogue() if self.loaded is not None else Catalogue.of(None)

    def snapshot(self) -> TextDocument:
        with self.lock:
            return TextDocument(self.doc.uri, self.doc.text, self.doc.version, self.doc.encoding)


class Session:
    """The server's state and behaviour, apart from the protocol: open documents, their
    configuration, the checking thread, and the answers to requests."""

    def __init__(self, publish: Callable[[str, int | None, list[types.Diagnostic]], None]) -> None:
        self.publish_now = publish
        self.documents: dict[str, Entry] = {}
        self.projects = Projects()
        self.root = Path.cwd()
        self.encoding = UTF16
        self.shutdown_requested = False
        self.call_soon: Callable[[Callable[[], None]], None] = lambda f: f()
        self.problems: set[str] = set()
        self.notify_problem: Callable[[str], None] = lambda message: None
        self._queue: list[str] = []
        self._wake = threading.Condition()
        self._stopping = False
        self._worker: threading.Thread | None = None

    # -- documents --------------------------------------------------------------------------

    def open(self, uri: str, text: str, version: int | None) -> None:
        doc = TextDocument(uri, text, version, self.encoding)
        self.documents[uri] = Entry(doc, path_of(uri))
        self.schedule(uri)

    def change(
        self,
        uri: str,
        version: int | None,
        changes: list[tuple[Range | None, str]],
    ) -> None:
        entry = self.documents.get(uri)
        if entry is None:
            return
        with entry.lock:
            for change_range, text in changes:
                entry.doc.apply(change_range, text)
            entry.doc.version = version
            entry.changed_at = time.monotonic()
            if entry.pending_since is None:
                entry.pending_since = entry.changed_at
        self.schedule(uri)

    def close(self, uri: str) -> None:
        entry = self.documents.pop(uri, None)
        if entry is not None and entry.published:
            self.publish_now(uri, None, [])

    def saved(self, uri: str) -> None:
        path = path_of(uri)
        if path is not None and path.name in CONFIG_NAMES:
            self.configuration_changed()
        elif uri in self.documents:
            self.schedule(uri)

    def configuration_changed(self) -> None:
        """A configuration file was saved, created or deleted: check every open roadmap again."""
        self.projects.forget()
        for uri in list(self.documents):
            self.schedule(uri)

    def project(self, entry: Entry) -> Project:
        return self.projects.for_path(entry.path, self.root)

    # -- checking ---------------------------------------------------------------------------

    def start(self) -> None:
        self._worker = threading.Thread(target=self._work, name="uhc-roadmap-checks", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=5)

    def schedule(self, uri: str) -> None:
        """Check ``uri`` soon (once, however many changes arrive before the check starts)."""
        if self._worker is None:
            self.check_and_publish(uri)
            return
        with self._wake:
            if uri not in self._queue:
                self._queue.append(uri)
                self._wake.notify()

    def _work(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                uri = self._queue[0]
                delay = self._delay(uri)
                if delay > 0:  # a burst of changes: wait for it to pause, or for MAX_WAIT
                    self._wake.wait(delay)
                    continue
                self._queue.pop(0)
            try:
                self.check_and_publish(uri)
            except Exception as exc:  # a bug: said once, and the server goes on
                self._bug(f"checking {uri}", exc)

    def _delay(self, uri: str) -> float:
        """How long to wait before checking ``uri``: none for the first change after a quiet
        spell (a single edit is answered at once), else until the changes pause for
        ``QUIET`` seconds, and never more than ``MAX_WAIT`` after the first unchecked one."""
        entry = self.documents.get(uri)
        if entry is None:
            return 0.0
        with entry.lock:
            first, last = entry.pending_since, entry.changed_at
        if first is None or first - entry.checked_at >= QUIET:
            return 0.0
        now = time.monotonic()
        return max(0.0, min(last + QUIET - now, first + MAX_WAIT - now))

    def check_and_publish(self, uri: str) -> None:
        entry = self.documents.get(uri)
        if entry is None:
            return
        with entry.lock:
            snapshot = TextDocument(
                entry.doc.uri, entry.doc.text, entry.doc.version, entry.doc.encoding
            )
            entry.pending_since = None
        try:
            diagnostics = self.diagnostics(entry, snapshot)
        finally:
            entry.checked_at = time.monotonic()
        if diagnostics is None:
            return
        self.call_soon(lambda: self._publish(entry, snapshot.version, diagnostics))

    def _publish(
        self, entry: Entry, version: int | None, diagnostics: list[types.Diagnostic]
    ) -> None:
        """On the event loop: send the findings of ``version`` unless the document moved on."""
        if self.documents.get(entry.doc.uri) is not entry or entry.doc.version != version:
            return  # stale: a newer version is already scheduled
        entry.published = bool(diagnostics) or entry.published
        self.publish_now(entry.doc.uri, version, diagnostics)

    def diagnostics(self, entry: Entry, snapshot: TextDocument) -> list[types.Diagnostic] | None:
        """The diagnostics of one version (None: not a roadmap, and nothing was published)."""
        if not looks_like_roadmap(snapshot.text):
            return [] if entry.published else None
        project = self.project(entry)
        if project.problem is not None:
            return configuration_problem(project, snapshot)
        if project.excluded:
            return [] if entry.published else None
        checked = self.checked(entry, snapshot, project)
        return to_lsp(checked, snapshot)

    def checked(
        self, entry: Entry, snapshot: TextDocument, project: Project | None = None
    ) -> Checked:
        """The findings of ``snapshot`` (computed once per version, whoever asks first)."""
        project = project or self.project(entry)
        with entry.checking:
            found = entry.checked
            if (
                found is not None
                and _same_version(found, snapshot)
                and found.options == project.options
            ):
                return found
            name = str(entry.path) if entry.path is not None else entry.doc.uri
            fresh = check(snapshot.text, name, project.options, snapshot.version)
            if found is None or (fresh.version or 0) >= (found.version or 0):
                entry.checked = fresh  # a slower check of an older version never replaces it
                if fresh.data is not None:
                    entry.loaded = fresh
            return fresh

    def roadmap(self, uri: str) -> tuple[Entry, TextDocument] | None:
        """An open document's text now, when it is a roadmap (it has ``schema_version``)."""
        entry = self.documents.get(uri)
        if entry is None:
            return None
        snapshot = entry.snapshot()
        if not looks_like_roadmap(snapshot.text):
            return None
        return entry, snapshot

    def current(self, uri: str) -> tuple[Entry, TextDocument, Checked] | None:
        """A request's view of a document: its text now, and that text's findings."""
        opened = self.roadmap(uri)
        if opened is None:
            return None
        entry, snapshot = opened
        return entry, snapshot, self.checked(entry, snapshot)

    def _bug(self, doing: str, exc: BaseException) -> None:
        message = f"uhc-roadmap: internal error while {doing}: {type(exc).__name__}: {exc}"
        LOG.error("%s\n%s", message, "".join(traceback.format_exception(exc)))
        if message not in self.problems:
            self.problems.add(message)
            self.notify_problem(message + " (this is a bug in uhc-roadmap; please report it)")

    # -- requests ---------------------------------------------------------------------------

    def completion(self, uri: str, line: int, character: int) -> types.CompletionList | None:
        opened = self.roadmap(uri)
        if opened is None:
            return None
        entry, snapshot = opened
        return completion.complete(snapshot, line, character, entry.known)

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        found = self.current(uri)
        if found is None:
            return None
        entry, doc, checked = found
        return hover.hover(doc, line, character, checked, entry.known)

    def definition(self, uri: str, line: int, character: int) -> list[types.Location] | None:
        found = self.current(uri)
        if found is None:
            return None
        _, doc, checked = found
        return navigation.definition(doc, checked, doc.offset(line, character))

    def references(
        self, uri: str, line: int, character: int, declaration: bool
    ) -> list[types.Location] | None:
        found = self.current(uri)
        if found is None:
            return None
        _, doc, checked = found
        return navigation.references(
            doc, checked, doc.offset(line, character), declaration=declaration
        )

    def prepare_rename(
        self, uri: str, line: int, character: int
    ) -> types.PrepareRenameResult | None:
        found = self.current(uri)
        if found is None:
            return None
        _, doc, checked = found
        target = navigation.prepare_rename(checked, doc.offset(line, character))
        if target is None:
            return None
        start, end, name = target
        return types.PrepareRenamePlaceholder(range=doc.lsp_range(start, end), placeholder=name)

    def rename(self, uri: str, line: int, character: int, new: str) -> types.WorkspaceEdit:
        found = self.current(uri)
        if found is None:
            raise JsonRpcException("this document is not a roadmap", code=REQUEST_FAILED)
        _, doc, checked = found
        try:
            return navigation.rename(doc, checked, doc.offset(line, character), new)
        except navigation.RenameRefused as exc:
            raise JsonRpcException(str(exc), code=REQUEST_FAILED) from None

    def code_actions(
        self, uri: str, start: tuple[int, int], end: tuple[int, int], only: list[str] | None
    ) -> list[types.CodeAction] | None:
        found = self.current(uri)
        if found is None:
            return None
        _, doc, checked = found
        return actions.code_actions(doc, checked, doc.offset(*start), doc.offset(*end), only)

    def format(self, uri: str) -> list[types.TextEdit] | None:
        opened = self.roadmap(uri)
        if opened is None:
            return None
        entry, snapshot = opened
        project = self.project(entry)
        name = str(entry.path) if entry.path is not None else uri
        try:
            return formatting.format_document(snapshot, name, project.options.limits)
        except formatting.FormatRefused as exc:
            raise JsonRpcException(str(exc), code=REQUEST_FAILED) from None


def _same_version(checked: Checked, doc: TextDocument) -> bool:
    return checked.version == doc.version and (checked.text is doc.text or checked.text == doc.text)


def path_of(uri: str) -> Path | None:
    """The file a ``file:`` URI names (None for an unsaved document)."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return None
    return Path(unquote(parts.path))


# -- the protocol ------------------------------------------------------------------------------


class RoadmapProtocol(LanguageServerProtocol):
    """pygls's protocol, minus its own copy of the documents (the session keeps them)."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class _Refusals(logging.Filter):
    """pygls logs every error response with a traceback; a refusal the server means (a rename
    to an id already taken) is an answer, not a failure, and stays out of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, JsonRpcException) and error.code == REQUEST_FAILED)


_REFUSALS = _Refusals()


class Input:
    """Standard input as pygls's reader thread reads it (``readline``, ``read``), able to stop
    waiting as if the input had ended. pygls joins that thread when it stops; blocked in a read
    of a pipe that the editor keeps open, it would hold an interrupted server (Ctrl-C, SIGTERM)
    until the editor wrote again."""

    CHUNK = 1 << 20

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._closed = threading.Event()
        self._fd: int | None = None
        self._wake: tuple[int, int] | None = None
        try:
            self._fd = stream.fileno()
            self._wake = os.pipe()
        except (OSError, ValueError):
            self._fd = None  # not a file (a test's stream): read it as it is

    def readline(self) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                return self._take(end + 1)
            if not self._fill():
                return self._take(len(self._buffer))

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size and self._fill():
            pass
        return self._take(size)

    def close(self) -> None:
        """Stop waiting for input: the reads under way and to come see the end of input."""
        self._closed.set()
        if self._wake is not None:
            with contextlib.suppress(OSError):
                os.write(self._wake[1], b"x")

    def release(self) -> None:
        """Close the wake-up pipe (once the reader thread is done)."""
        if self._wake is not None:
            for fd in self._wake:
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._wake = None

    def _take(self, size: int) -> bytes:
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _fill(self) -> bool:
        """Read what is there into the buffer; False at the end of input, or once closed."""
        if self._closed.is_set():
            return False
        if self._fd is None or self._wake is None:
            chunk = self._stream.read1(self.CHUNK) if hasattr(self._stream, "read1") else b""
        else:
            ready, _, _ = select.select([self._fd, self._wake[0]], [], [])
            if self._wake[0] in ready:
                return False
            chunk = os.read(self._fd, self.CHUNK)
        self._buffer += chunk
        return bool(chunk)


class RoadmapServer(LanguageServer):
    """pygls's server, whose standard input stops waiting when the server stops."""

    input: Input | None = None

    def shutdown(self) -> None:
        if self.input is not None:
            self.input.close()
        super().shutdown()  # type: ignore[no-untyped-call]  # pygls leaves it untyped


def build_server() -> tuple[RoadmapServer, Session]:
    """The language server and its session, every feature registered."""
    logging.getLogger("pygls.protocol.json_rpc").addFilter(_REFUSALS)
    server = RoadmapServer(
        NAME,
        __version__,
        text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        protocol_cls=RoadmapProtocol,
    )

    def publish(uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    session = Session(publish)

    def show(message: str) -> None:
        server.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=message)
        )

    session.notify_problem = lambda message: session.call_soon(lambda: show(message))
    _register(server, session)
    return server, session


def _register(server: RoadmapServer, session: Session) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        encoding = server.workspace.position_encoding
        session.encoding = str(getattr(encoding, "value", encoding) or UTF16)
        root = _root_of(params)
        if root is not None:
            session.root = root
        loop = _running_loop()
        if loop is not None:
            session.call_soon = lambda f: loop.call_soon_threadsafe(f)
        session.start()

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        if _can_watch(server.client_capabilities):
            server.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="uhc-roadmap-configuration",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[
                                    types.FileSystemWatcher(glob_pattern=f"**/{name}")
                                    for name in sorted(CONFIG_NAMES)
                                ]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(params: types.DidChangeWatchedFilesParams) -> None:
        if any((path_of(c.uri) or Path()).name in CONFIG_NAMES for c in params.changes):
            session.configuration_changed()

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        session.shutdown_requested = True
        session.stop()

    @server.feature(types.EXIT)
    def exit_(params: Any) -> None:
        session.stop()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        session.open(item.uri, item.text, item.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        changes: list[tuple[Range | None, str]] = []
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                changes.append(
                    (((start.line, start.character), (end.line, end.character)), change.text)
                )
            else:
                changes.append((None, change.text))
        session.change(params.text_document.uri, params.text_document.version, changes)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        session.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        session.saved(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=completion.TRIGGERS),
    )
    def complete(params: types.CompletionParams) -> types.CompletionList | None:
        at = params.position
        return session.completion(params.text_document.uri, at.line, at.character)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        at = params.position
        return session.hover(params.text_document.uri, at.line, at.character)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(params: types.DefinitionParams) -> list[types.Location] | None:
        at = params.position
        return session.definition(params.text_document.uri, at.line, at.character)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def on_references(params: types.ReferenceParams) -> list[types.Location] | None:
        at = params.position
        declaration = params.context.include_declaration
        return session.references(params.text_document.uri, at.line, at.character, declaration)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def on_prepare_rename(params: types.PrepareRenameParams) -> types.PrepareRenameResult | None:
        at = params.position
        return session.prepare_rename(params.text_document.uri, at.line, at.character)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def on_rename(params: types.RenameParams) -> types.WorkspaceEdit:
        at = params.position
        return session.rename(params.text_document.uri, at.line, at.character, params.new_name)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=actions.KINDS)
    )
    def on_code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        span = params.range
        only = [str(getattr(k, "value", k)) for k in params.context.only or []] or None
        return session.code_actions(
            params.text_document.uri,
            (span.start.line, span.start.character),
            (span.end.line, span.end.character),
            only,
        )

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def on_format(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        return session.format(params.text_document.uri)


def _can_watch(capabilities: types.ClientCapabilities) -> bool:
    """Whether the client lets the server ask it to watch files (the configuration's)."""
    workspace = capabilities.workspace
    watching = workspace.did_change_watched_files if workspace is not None else None
    return bool(watching is not None and watching.dynamic_registration)


def _root_of(params: types.InitializeParams) -> Path | None:
    if params.workspace_folders:
        found = path_of(params.workspace_folders[0].uri)
        if found is not None:
            return found
    if params.root_uri:
        return path_of(params.root_uri)
    return Path(params.root_path) if params.root_path else None


def _running_loop() -> Any:
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


# -- running -----------------------------------------------------------------------------------


def settle() -> None:
    """Load what every check needs now, and set it aside from the garbage collector: the
    hundreds of thousands of objects of the imported modules live as long as the server, and
    a full collection during a check would otherwise walk them all again."""
    from uhc_roadmap.validation import prepare

    prepare()
    gc.collect()
    gc.freeze()


def exit_code(session: Session) -> int:
    """0 when the client asked for a shutdown first, as LSP wants; 1 when it did not (an
    ``exit`` alone, or a client that went away without a word)."""
    return 0 if session.shutdown_requested else 1


def serve_stdio(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Serve one client over a pair of byte streams until ``exit`` or the end of ``stdin``."""
    server, session = build_server()
    settle()
    server.input = Input(stdin)
    try:
        server.start_io(server.input, stdout)  # type: ignore[arg-type]  # reads as pygls reads
    finally:
        session.stop()
        server.input.release()
    return exit_code(session)


def serve_tcp(port: int, host: str = "127.0.0.1") -> int:
    """Serve one client that connects to ``host:port`` (this machine only, by default)."""
    server, session = build_server()
    settle()
    try:
        server.start_tcp(host, port)
    except SystemExit:
        pass  # pygls ends the loop of an `exit` notification this way
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise UsageError(f"cannot listen on {host}:{port} ({reason})") from None
    finally:
        session.stop()
    return exit_code(session)

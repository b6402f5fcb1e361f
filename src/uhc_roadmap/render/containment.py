"""Template files are read only from inside the template folders, only as regular files, bounded.

A template folder may come from an untrusted branch or pull request, so what it holds is not
trusted either: a link ``leak.txt -> /etc/passwd`` or ``etc -> /etc`` must not let
``{% include %}`` copy a machine's files into a document, and a FIFO or device named like a
template must not make ``render`` or ``render --list`` wait forever. So a template is opened only
when the real path of the entry (every link resolved) lies inside the real path of the folder
it was found in, the entry is a regular file, and it is no larger than ``MAX_TEMPLATE_BYTES``;
it is opened without following a final link and without blocking, and checked again once open.
Links that stay inside the folder keep working.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from jinja2 import BaseLoader, Environment, TemplateNotFound, TemplateSyntaxError
from jinja2.loaders import split_template_path

# The largest built-in template is 6 kB; a megabyte of template is no template.
MAX_TEMPLATE_BYTES = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class TemplateRefused(TemplateNotFound):
    """A template name that leads to something no template may be read from.

    A TemplateNotFound, so that ``{% include ... ignore missing %}`` and a list of choices treat
    it as absent, as Jinja does for names outside the folders; the message says why.
    """

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"`{name}` {reason}")
        self.reason = reason


class TemplateDecodeError(TemplateSyntaxError):
    """A template that is not UTF-8 text, located at its first invalid byte."""

    kind = "encoding"


def entry_kind(mode: int) -> str | None:
    """``"a FIFO"``, ``"a folder"`` ... for what is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def contained(folder: Path, relative: str) -> Path | None:
    """The real path of ``folder/relative`` when that lies inside ``folder``'s real path."""
    real = os.path.realpath(os.path.join(folder, relative))
    return Path(real) if _inside(os.path.realpath(folder), real) else None


def open_template(folder: Path, relative: str) -> BinaryIO:
    """``folder/relative`` opened for reading, or TemplateRefused saying why it cannot be.

    Raises FileNotFoundError when the folder has no entry of that name.
    """
    try:
        os.lstat(os.path.join(folder, relative))
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(relative) from None  # not in this folder: look in the next one
    except OSError as exc:
        raise TemplateRefused(relative, f"cannot be read ({exc.strerror})") from None
    real = contained(folder, relative)
    if real is None:
        raise TemplateRefused(relative, "leads outside the template folder (through a link)")
    try:
        kind = entry_kind(os.stat(real).st_mode)
        descriptor = None if kind is not None else os.open(real, _OPEN_FLAGS)
    except FileNotFoundError:
        raise TemplateRefused(relative, "is a link to nothing") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise TemplateRefused(relative, "is a link that loops or changed") from None
        raise TemplateRefused(relative, f"cannot be read ({exc.strerror})") from None
    if descriptor is None:
        raise TemplateRefused(relative, f"is {kind}, not a regular file")
    return _checked(descriptor, os.path.realpath(folder), relative)


def _checked(descriptor: int, root: str, relative: str) -> BinaryIO:
    """The open file, once it is seen to be a regular file, and, where the system tells
    (Linux), the file opened is still inside the folder: no folder was swapped for a link
    between the check and the opening."""
    kind = entry_kind(os.fstat(descriptor).st_mode)
    try:
        opened = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        opened = None
    if kind is None and (opened is None or _inside(root, opened)):
        return open(descriptor, "rb")
    os.close(descriptor)
    if kind is not None:
        raise TemplateRefused(relative, f"is {kind}, not a regular file")
    raise TemplateRefused(relative, "leads outside the template folder (through a link)")


def _inside(root: str, path: str) -> bool:
    return path != root and path.startswith(os.path.join(root, ""))


def read_template(folder: Path, relative: str, limit: int = MAX_TEMPLATE_BYTES) -> bytes:
    """The bytes of a template file, at most ``limit`` of them (a larger file is refused)."""
    with open_template(folder, relative) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TemplateRefused(relative, f"is larger than {limit // 1024} KiB, too large to read")
    return data


def decode(data: bytes, name: str, filename: str) -> str:
    """UTF-8 text, or TemplateDecodeError at the line and column of the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"byte 0x{byte} at column {column} is not UTF-8; save the template as UTF-8"
        raise TemplateDecodeError(message, line, name, filename) from None


def template_file(folder: Path, relative: str) -> bool:
    """True when ``folder/relative`` can be read as a template (for ``--list``): never blocks."""
    real = contained(folder, relative)
    try:
        return real is not None and stat.S_ISREG(os.stat(real).st_mode)
    except OSError:
        return False


def present(folder: Path, relative: str) -> bool:
    """True when the folder has an entry of that name that is not a folder (a link counts)."""
    try:
        return not stat.S_ISDIR(os.lstat(os.path.join(folder, relative)).st_mode)
    except OSError:
        return False


class ContainedLoader(BaseLoader):
    """Jinja's FileSystemLoader, with every file opened through ``read_template``.

    The first folder holding an entry of the name answers: a refused entry in the user's folder
    is an error, never a silent fall back to the built-in template of the same name.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        if not pieces:
            raise TemplateNotFound(template)
        relative = os.path.join(*pieces)
        for folder in self.folders:
            try:
                data = read_template(folder, relative)
            except FileNotFoundError:
                continue
            filename = os.path.normpath(os.path.join(folder, relative))
            return decode(data, template, filename), filename, _always_current
        raise TemplateNotFound(template)


def _always_current() -> bool:
    return True  # auto_reload is off: a template is read once per rendering

"""Putting a built site in place: written whole into a temporary folder beside the target,
then moved into place by rename; the previous site, if any, is replaced only then.

The target is refused (one line, exit 2) when it is a link or a file, when it is a folder that
holds something and is not a site this tool made (no ``.uhc-roadmap-site`` marker) unless
``force``, and always when it holds the roadmaps, the configuration or the working directory:
``site -o . --force`` must never delete a repository. An interruption leaves the previous site
as it was and removes the temporary folder (docs/safety.md).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from uhc_roadmap import __version__
from uhc_roadmap.discovery import printable
from uhc_roadmap.output import OutputError

MARKER = ".uhc-roadmap-site"
MARKER_TEXT = f"uhc-roadmap site\n# Made by uhc-roadmap {__version__}; `uhc-roadmap site` replaces this folder whole.\n"


class SiteFolderError(OutputError):
    """The output folder cannot be (re)placed by a site (exit 2)."""


def check_target(target: Path, *, force: bool, protected: Sequence[Path]) -> None:
    """Refuse a target that must not be replaced, before anything is built."""
    shown = printable(str(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise SiteFolderError(f"{shown}: the folder {printable(str(parent))} does not exist")
    real = target.resolve()
    for path in protected:
        inside = path.resolve()
        if inside == real or real in inside.parents:
            raise SiteFolderError(
                f"{shown}: holds {printable(str(path))}; write the site into a folder of its own"
            )
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise SiteFolderError(f"{shown}: is a symbolic link; give the folder itself")
    if not stat.S_ISDIR(info.st_mode):
        raise SiteFolderError(f"{shown}: is not a folder")
    if force or is_site(target) or not os.listdir(target):
        return
    raise SiteFolderError(
        f"{shown}: exists and is not a site made by uhc-roadmap (it has no {MARKER}); "
        "choose another folder, or --force to replace it"
    )


def is_site(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return False
        with open(marker, "rb") as handle:
            return handle.readline() == b"uhc-roadmap site\n"
    except OSError:
        return False


def publish(
    files: Mapping[str, bytes], target: Path, *, force: bool, protected: Sequence[Path]
) -> None:
    """Write ``files`` (relative path → content) as the folder ``target``."""
    check_target(target, force=force, protected=protected)
    parent = target.parent if str(target.parent) else Path(".")
    shown = printable(str(target))
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise SiteFolderError(
            f"{shown}: cannot write in {printable(str(parent))} ({exc.strerror})"
        ) from None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        _write_all(staging, files)
        _swap(staging, target)
    except OSError as exc:
        raise SiteFolderError(f"{shown}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _write_all(folder: Path, files: Mapping[str, bytes]) -> None:
    mode = 0o666 & ~_umask()
    for name, content in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
        os.chmod(path, mode)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _swap(staging: Path, target: Path) -> None:
    """The new site in place of the old in two renames; the old one is removed afterwards."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current

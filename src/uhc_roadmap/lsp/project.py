"""The configuration of an open document, found as ``validate`` finds it.

``validate`` reads the nearest ``.uhc-roadmap.yaml`` or ``pyproject.toml`` (with a
``[tool.uhc-roadmap]`` table) up from the folder it runs in; the server looks up from the
document's own folder, so a roadmap is checked with its repository's settings whichever folder
the editor was started in. The answer is kept per folder and looked up again only when a
candidate file along the way appears, disappears or changes (a few ``stat`` calls per check).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from uhc_roadmap.config import PYPROJECT, YAML_NAMES, Config, ConfigError, load_config
from uhc_roadmap.discovery import is_excluded
from uhc_roadmap.validation import ValidationOptions

CONFIG_NAMES = frozenset({*YAML_NAMES, PYPROJECT})
Signature = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Project:
    """What a document is checked with: the options of its configuration, or the problem that
    stops the configuration from being read (``validate`` exits 2 on it, checking nothing)."""

    options: ValidationOptions
    config: Config | None = None
    problem: ConfigError | None = None
    excluded: bool = False

    @property
    def name(self) -> str:
        """How the configuration file is named in messages."""
        if self.config is None or self.config.path is None:
            return "the defaults"
        return str(self.config.path)


class Projects:
    """The configuration of each folder, kept until one of its candidate files changes."""

    def __init__(self) -> None:
        self._found: dict[Path, tuple[Signature, Config | ConfigError]] = {}
        self._lock = threading.Lock()

    def for_path(self, path: Path | None, fallback: Path) -> Project:
        """The project of a document at ``path`` (None: an unsaved document, checked with the
        configuration of ``fallback``, the workspace folder)."""
        folder = (path.parent if path is not None else fallback).resolve()
        signature = _signature(folder)
        with self._lock:
            known = self._found.get(folder)
        if known is None or known[0] != signature:
            try:
                found: Config | ConfigError = load_config(folder)
            except ConfigError as exc:
                found = exc
            with self._lock:
                self._found[folder] = (signature, found)
        else:
            found = known[1]
        if isinstance(found, ConfigError):
            return Project(ValidationOptions(), problem=found)
        excluded = path is not None and is_excluded(path.resolve(), found.exclude, found.root)
        return Project(found.validation_options(), found, excluded=excluded)

    def forget(self) -> None:
        """Look every configuration up again (a configuration file was saved)."""
        with self._lock:
            self._found.clear()


def _signature(folder: Path) -> Signature:
    """Every candidate configuration file from ``folder`` up, with its modification time and
    size: the configuration found cannot change while this stays the same."""
    found: list[tuple[str, int, int]] = []
    for place in (folder, *folder.parents):
        for name in (*YAML_NAMES, PYPROJECT):
            try:
                stat = (place / name).stat()
            except OSError:
                continue
            found.append((str(place / name), stat.st_mtime_ns, stat.st_size))
    return tuple(found)

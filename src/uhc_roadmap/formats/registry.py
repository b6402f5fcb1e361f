"""The registry mechanism every family of formats shares (see ``formats/__init__.py``)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Generic, TypeVar

from uhc_roadmap.errors import UsageError
from uhc_roadmap.suggest import did_you_mean

T = TypeVar("T")
Rendered = str | bytes
"""What a format produces: text for the terminal and text files, bytes for xlsx, pdf…"""


class UnknownFormat(UsageError):
    """``--format`` names no format of the family."""


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """One format: its name on the command line, where its class lives, what it is for."""

    name: str
    target: str
    """``module:Class``, imported when the format is chosen."""
    summary: str
    suffixes: tuple[str, ...] = ()
    """File suffixes (``.md``) that choose this format when ``-o`` names such a file."""


class Registry(Generic[T]):
    """The formats of one family, in the order help lists them."""

    def __init__(self, option: str, entries: Iterable[FormatInfo]) -> None:
        self.option = option
        self.entries = {entry.name: entry for entry in entries}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.entries)

    def choices(self) -> str:
        """``text, json or sarif``: the names as a sentence lists them."""
        names = list(self.entries)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def help(self, default: str = "") -> str:
        """The ``--format`` help text: the choices and what each is, then the default."""
        listed = "; ".join(f"{e.name}: {e.summary}" for e in self.entries.values())
        return f"Output format: {listed}." + (f" Default: {default}." if default else "")

    def check(self, name: str) -> str:
        """``name`` when it is a format of the family, else UnknownFormat with a suggestion."""
        if name in self.entries:
            return name
        hint = did_you_mean(name, self.entries, otherwise=f"choose {self.choices()}")
        raise UnknownFormat(f"{self.option}: unknown format `{name}`; {hint}")

    def get(self, name: str) -> type[T]:
        """The class of a format, imported now."""
        module_name, _, attribute = self.entries[self.check(name)].target.partition(":")
        found: type[T] = getattr(importlib.import_module(module_name), attribute)
        return found

    def for_path(self, path: PurePath | None) -> str | None:
        """The format whose suffix ``path`` has (``report.md`` → markdown), if any."""
        if path is None:
            return None
        suffix = path.suffix.lower()
        return next((e.name for e in self.entries.values() if suffix in e.suffixes), None)

"""The core knows nothing of the terminal: no cli imports, no printing, no Typer or Rich."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "uhc_roadmap"
CORE = (
    "loading",
    "spreadsheets",
    "model",
    "rules",
    "progress",
    "render",
    "authoring",
    "bulk",
    "formats",
    "i18n",
    "editing",
    "history",
    "site",
    "lsp",
)
CORE_MODULES = (
    "validation.py",
    "diagnostics.py",
    "discovery.py",
    "output.py",
    "schema.py",
    "selection.py",
    "errors.py",
    "suggest.py",
    "config.py",
    "configfile.py",
    "cache.py",
    "countries.py",
    "suppression.py",
    "codelists.py",
)
FORBIDDEN = ("uhc_roadmap.cli", "typer", "rich", "click")
RICH_TEXT = {
    PACKAGE / "formats" / "progress" / "table.py",
    PACKAGE / "formats" / "history" / "table.py",
}
"""Formats that draw text with Rich (a table rendered to a string, never to the terminal)."""


def core_files() -> list[Path]:
    files = [PACKAGE / name for name in CORE_MODULES]
    for package in CORE:
        files.extend(sorted((PACKAGE / package).rglob("*.py")))
    return [f for f in files if f.exists()]


def test_every_module_is_core_or_cli() -> None:
    """A new top-level module is placed deliberately: in the core list above, or in cli/."""
    placed = set(core_files()) | set((PACKAGE / "cli").rglob("*.py"))
    allowed = {
        PACKAGE / n for n in ("__init__.py", "__main__.py", "countries.py", "suppression.py")
    }
    allowed |= set((PACKAGE / "i18n").rglob("*.py"))
    stray = sorted(
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if p not in placed | allowed
    )
    assert not stray, f"place these modules in CORE or CORE_MODULES: {stray}"


def imported_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_stays_out_of_the_terminal(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    forbidden = tuple(f for f in FORBIDDEN if not (f == "rich" and path in RICH_TEXT))
    bad = {n for n in imported_names(tree) if n.startswith(forbidden)}
    assert not bad, f"{path.name} imports {sorted(bad)}"
    prints = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    assert not prints, f"{path.name} prints at lines {prints}"

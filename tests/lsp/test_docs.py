"""docs/editors.md stays true: its settings parse, and name what the server does."""

from __future__ import annotations

import json
import re
import tomllib

from tests.conftest import ROOT
from uhc_roadmap.lsp.actions import FIX_ALL

EDITORS = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", EDITORS, re.S)


def test_the_vs_code_settings_are_json_and_name_the_fix_all_action() -> None:
    settings = [json.loads(block) for block in blocks("json")]
    [server] = [s for s in settings if "glspc.server.command" in s]
    assert server["glspc.server.commandArguments"] == ["lsp"]
    assert FIX_ALL in server["[yaml]"]["editor.codeActionsOnSave"]


def test_the_helix_settings_are_toml_that_start_the_server() -> None:
    parsed = [tomllib.loads(block) for block in blocks("toml")]
    [helix] = [p for p in parsed if "uhc-roadmap" in p.get("language-server", {})]
    assert helix["language-server"]["uhc-roadmap"] == {"command": "uhc-roadmap", "args": ["lsp"]}
    assert helix["language"][0]["language-servers"][0] == "uhc-roadmap"


def test_the_neovim_settings_run_the_command() -> None:
    lua = "\n".join(blocks("lua"))
    assert lua.count('cmd = { "uhc-roadmap", "lsp" }') == 2

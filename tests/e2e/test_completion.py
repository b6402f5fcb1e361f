"""Shell completion, as bash runs it: the script `--show-completion` prints, sourced in a real
bash, completes commands, options and format names (from the registries, importing no
format)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import cli_command, run_cli
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

pytestmark = pytest.mark.e2e


def test_help_offers_completion() -> None:
    completed = run_cli("--help")
    assert "--install-completion" in completed.stdout
    assert "--show-completion" in completed.stdout


def bash_complete(words: str) -> list[str]:
    """COMPREPLY for the command line ``words`` (a trailing space starts a new word)."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("needs bash")
    [command] = cli_command()[-1:]
    # As a user asks for it: from bash, whose process tells the tool which shell it is (a
    # second command keeps bash from replacing itself with the tool).
    script = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", f"'{command}' --show-completion; exit $?"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert script.returncode == 0, script.stderr
    assert "complete -o default -F _uhc_roadmap_completion uhc-roadmap" in script.stdout
    program = f"""
{script.stdout}
COMP_WORDS=({words}{" ''" if words.endswith(" ") else ""})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_uhc_roadmap_completion '{command}'
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    completed = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return [line for line in completed.stdout.splitlines() if line]


def test_bash_completes_commands_options_and_formats() -> None:
    if len(cli_command()) > 1:
        pytest.skip("completion needs the installed uhc-roadmap command")
    assert bash_complete("uhc-roadmap val") == ["validate"]
    assert {"report", "render"} <= set(bash_complete("uhc-roadmap re"))
    assert "--strict" in bash_complete("uhc-roadmap validate --st")
    assert bash_complete("uhc-roadmap validate --format ") == list(DIAGNOSTIC_FORMATS.names)
    assert bash_complete("uhc-roadmap report -f c") == ["csv"]

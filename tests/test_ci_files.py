"""The CI files a roadmap repository uses: action.yml, .pre-commit-hooks.yaml and docs/ci.md.

They name options, inputs and hook ids of this project; these tests fail when one of them drifts
from what the code offers. (tests/e2e/test_action.py and test_pre_commit.py run them.)
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
import typer
import yaml

from tests.conftest import ROOT
from uhc_roadmap.cli.app import app
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
)
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
HOME: str = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]["Source"]
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = ACTION["runs"]["steps"]
    return found


def validate_options() -> set[str]:
    group: Any = typer.main.get_command(app)
    params = group.commands["validate"].params
    options = {o for p in params for o in p.opts if o.startswith("-")}
    assert {"--format", "--strict", "--output"} <= options
    return options


def options_in(command_line: str) -> set[str]:
    return {t.split("=")[0] for t in command_line.split() if t.startswith("-") and t != "--"}


def yaml_blocks(markdown: str) -> list[Any]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", markdown, re.S)]


def test_composite_action_with_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {
        "paths",
        "format",
        "args",
        "version",
        "python-version",
        "cache",
    }
    assert all(i["description"] for i in ACTION["inputs"].values())
    assert steps()[0]["uses"].startswith("actions/setup-python@")
    assert ACTION["inputs"]["format"]["default"] in DIAGNOSTIC_FORMATS.names


def test_every_input_is_used_and_every_reference_declared() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\binputs\.([\w-]+)", text))  # in ${{ }} and in `if:`
    assert referenced == set(ACTION["inputs"])


def test_no_expression_is_pasted_into_a_script() -> None:
    """Inputs are attacker-controlled in some workflows: they go through env, never into run."""
    for step in steps():
        assert not EXPRESSION.search(step.get("run", "")), step["name"]
        assert step.get("shell", "bash") == "bash"


def test_installs_from_the_action_path() -> None:
    install = next(s for s in steps() if "pip install" in s.get("run", ""))
    assert install["env"]["UHC_ROADMAP_SOURCE"] == "${{ github.action_path }}"
    assert (ROOT / "pyproject.toml").is_file()  # the action path is an installable project


def test_the_validate_line_uses_real_options() -> None:
    run = next(s["run"] for s in steps() if "uhc-roadmap validate" in s.get("run", ""))
    line = next(x for x in run.splitlines() if "uhc-roadmap validate" in x)
    assert options_in(line)
    assert options_in(line) <= validate_options()


@pytest.mark.parametrize(
    ("hook", "entry"),
    list(zip(HOOKS, ["uhc-roadmap validate", "uhc-roadmap fmt"], strict=True)),
    ids=lambda h: h["id"] if isinstance(h, dict) else "",
)
def test_pre_commit_hook(hook: dict[str, Any], entry: str) -> None:
    assert hook["id"] == entry.replace(" ", "-")
    assert hook["entry"] == entry
    assert (hook["language"], hook["types"]) == ("python", ["yaml"])
    files = re.compile(hook["files"])
    assert files.search("roadmaps/morocco.yaml")
    assert files.search("countries/roadmaps/kz.yml")
    assert not files.search(".github/workflows/ci.yaml")
    assert hook.get("pass_filenames", True)


def test_ci_doc_workflows_use_real_inputs_options_and_hook() -> None:
    blocks = yaml_blocks(CI_DOC)
    uses = [
        step
        for block in blocks
        if isinstance(block, dict)
        for job in block.get("jobs", {}).values()
        for step in job["steps"]
        if "uhc-roadmap@" in step.get("uses", "")
    ]
    assert len(uses) == 2
    for step in uses:
        assert set(step.get("with", {})) <= set(ACTION["inputs"])
        assert options_in(step.get("with", {}).get("args", "")) <= validate_options()
        assert step.get("with", {}).get("format", "github") in DIAGNOSTIC_FORMATS.names
    commands = re.findall(r"uhc-roadmap validate[^\n`]*", CI_DOC)
    assert commands
    for command in commands:
        assert options_in(command) <= validate_options(), command
    repos = [r for b in blocks if isinstance(b, dict) and "repos" in b for r in b["repos"]]
    assert [r["repo"] for r in repos] == ["local", HOME]
    assert [h["id"] for r in repos for h in r["hooks"]] == [HOOKS[0]["id"]] * 2


def test_the_local_hook_in_the_docs_repeats_the_published_one() -> None:
    """docs/ci.md's `repo: local` hook is the published hook run from an installed tool."""
    [local] = local_hooks()
    published = HOOKS[0]
    for key in ("id", "name", "entry", "types", "files"):
        assert local[key] == published[key], key
    assert local["language"] == "system"


def local_hooks() -> list[dict[str, Any]]:
    return [
        hook
        for block in yaml_blocks(CI_DOC)
        if isinstance(block, dict) and "repos" in block
        for repo in block["repos"]
        if repo["repo"] == "local"
        for hook in repo["hooks"]
    ]


def test_the_project_home_is_the_one_recorded_in_pyproject() -> None:
    """Every link to the project's repository, in the docs and the CI files, is the home
    recorded in [project.urls], and every ref it names is `main` (no tag exists yet)."""
    texts = [ROOT / "README.md", ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]
    texts += sorted((ROOT / "docs").glob("*.md"))
    owner = HOME.removeprefix("https://github.com/")
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "OWNER/" not in text, path.name
        for repo in re.findall(r"github\.com/([\w.-]+/uhc-roadmap)\b", text):
            assert repo == owner, f"{path.name} links to {repo}, not the recorded {owner}"
        for ref in re.findall(rf"{re.escape(owner)}@([\w.-]+)", text):
            assert ref == "main", f"{path.name}: @{ref} names no ref that exists"
    assert re.search(r"rev: main\b", CI_DOC)


def test_the_site_workflow_uses_real_options() -> None:
    group: Any = typer.main.get_command(app)
    site_options = {o for p in group.commands["site"].params for o in p.opts if o.startswith("-")}
    commands = re.findall(r"uhc-roadmap site[^\n`]*", CI_DOC)
    assert commands
    for command in commands:
        assert options_in(command) <= site_options, command
    pages = [
        b for b in yaml_blocks(CI_DOC) if isinstance(b, dict) and "deploy" in b.get("jobs", {})
    ]
    assert len(pages) == 1
    checkout = pages[0]["jobs"]["build"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # the history charts need every version


def test_the_cache_is_kept_between_runs_keyed_on_version_and_configuration() -> None:
    """The action (by default) and the documented workflows keep the folder the tool uses,
    keyed on the installed version and every file the configuration can come from."""
    from uhc_roadmap.cache import CACHE_DIR
    from uhc_roadmap.configfile import PYPROJECT, YAML_NAMES

    assert ACTION["inputs"]["cache"]["default"] == "true"
    action_steps = [s for s in steps() if s.get("uses", "").startswith("actions/cache@")]
    documented = [
        step
        for block in yaml_blocks(CI_DOC)
        for step in (block if isinstance(block, list) else [])
        + [
            s
            for job in (block.get("jobs", {}) if isinstance(block, dict) else {}).values()
            for s in job["steps"]
        ]
        if step.get("uses", "").startswith("actions/cache@")
    ]
    assert len(action_steps) == 1
    assert len(documented) == 2
    hashed = "hashFiles(" + ", ".join(f"'{n}'" for n in (*YAML_NAMES, PYPROJECT)) + ")"
    for step in action_steps + documented:
        spec = step["with"]
        assert spec["path"] == CACHE_DIR
        assert "outputs.version" in spec["key"]
        assert hashed in spec["key"]
        assert spec["key"].endswith("${{ github.sha }}")
        assert spec["key"].removesuffix("${{ github.sha }}") == spec["restore-keys"].strip()

"""The real `uhc-roadmap validate` command, run as users run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, run_cli

pytestmark = pytest.mark.e2e
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<sev>error|warning|info): .+$"
)


def test_example_roadmaps_are_valid() -> None:
    completed = run_cli("validate", str(ROADMAPS))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "3 files checked: no problems." in completed.stdout


def test_duplicate_key_exits_1_and_names_both_lines(tmp_path: Path) -> None:
    roadmap = tmp_path / "dup.yaml"
    roadmap.write_text('schema_version: "1"\ncountry: MA\ncountry: DZ\n', encoding="utf-8")
    completed = run_cli("validate", str(roadmap))
    assert completed.returncode == 1
    first = completed.stdout.splitlines()[0]
    match = LINE.match(first)
    assert match, first
    assert (match["line"], match["col"], match["code"]) == ("3", "1", "Y002")
    assert "line 2" in first
    assert "line 3" in first
    assert completed.stdout.splitlines()[1].strip().startswith("hint:")


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    completed = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.strip().count("\n") == 0
    assert "no such file" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_dangling_symlink_and_fifo_are_unreadable_paths(tmp_path: Path) -> None:
    (tmp_path / "link.yaml").symlink_to(tmp_path / "gone.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    for name in ("link.yaml", "pipe.yaml"):
        completed = run_cli("validate", str(tmp_path / name), timeout=20)
        assert completed.returncode == 2, name
        assert "Traceback" not in completed.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_exits_2(tmp_path: Path) -> None:
    roadmap = tmp_path / "secret.yaml"
    roadmap.write_text("a: 1\n", encoding="utf-8")
    roadmap.chmod(0)
    completed = run_cli("validate", str(roadmap))
    assert completed.returncode == 2
    assert "permission denied" in completed.stderr


def test_non_utf8_file_is_a_located_finding(tmp_path: Path) -> None:
    roadmap = tmp_path / "latin1.yaml"
    roadmap.write_bytes("title: Santé\n".encode("latin-1"))
    completed = run_cli("validate", str(roadmap))
    assert completed.returncode == 1
    assert completed.stdout.startswith(f"{roadmap}:1:12: Y005 error: invalid UTF-8")


def test_empty_file(tmp_path: Path) -> None:
    roadmap = tmp_path / "empty.yaml"
    roadmap.write_bytes(b"")
    completed = run_cli("validate", str(roadmap))
    assert completed.returncode == 1
    assert ":1:1: Y006 error: the file is empty" in completed.stdout


def test_standard_input() -> None:
    data = (ROADMAPS / "morocco.yaml").read_bytes()
    completed = run_cli("validate", "-", stdin=data)
    assert completed.returncode == 0, completed.stdout
    completed = run_cli("validate", "-", stdin=b"a: 1\na: 2\n")
    assert completed.returncode == 1
    assert completed.stdout.startswith("<stdin>:2:1: Y002 error")


def test_directory_is_searched_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yml").write_text("a: 1\na: 1\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("- x\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("a: 1\na: 1\n", encoding="utf-8")
    completed = run_cli("validate", str(tmp_path))
    files = [LINE.match(line)["file"] for line in completed.stdout.splitlines() if LINE.match(line)]  # type: ignore[index]
    assert files == [f"{tmp_path}/a.yaml", f"{tmp_path}/b/z.yml"]


def test_colour_only_when_asked(tmp_path: Path) -> None:
    roadmap = tmp_path / "dup.yaml"
    roadmap.write_text("a: 1\na: 2\n", encoding="utf-8")
    plain = run_cli("validate", str(roadmap))
    assert "\x1b[" not in plain.stdout
    forced = run_cli("validate", str(roadmap), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[31m" in forced.stdout


def _imported(*args: str, cwd: Path | None = None, codes: tuple[int, ...] = (0,)) -> set[str]:
    """The modules a run of `uhc-roadmap ARGS` imports, from ``python -X importtime``."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "uhc_roadmap", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        check=False,
        timeout=60,
    )
    assert completed.returncode in codes, completed.stderr[-2000:]
    return {
        line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines() if "|" in line
    }


def _under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


def test_validate_one_file_does_not_import_jinja2() -> None:
    modules = _imported("validate", "--no-cache", str(ROADMAPS / "morocco.yaml"))
    assert "uhc_roadmap.validation" in modules
    assert not _under(modules, "jinja2", "babel", "uhc_roadmap.render", "uhc_roadmap.progress")


def test_json_output_does_not_import_rich() -> None:
    modules = _imported("validate", "--no-cache", "-f", "json", str(ROADMAPS / "morocco.yaml"))
    assert (
        "uhc_roadmap.formats.diagnostics" in modules
    )  # (importlib.import_module escapes importtime)
    assert not _under(modules, "rich", "jinja2")


def test_help_imports_neither_models_nor_parsers() -> None:
    modules = _imported("--help")
    assert "uhc_roadmap.cli.app" in modules
    assert not _under(modules, "pydantic", "yaml", "rich", "jinja2", "babel", "pycountry")
    assert not _under(modules, "uhc_roadmap.model", "uhc_roadmap.rules", "uhc_roadmap.loading")


def test_a_warm_cache_builds_no_model_and_runs_no_rule(tmp_path: Path) -> None:
    (tmp_path / "morocco.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    cold = _imported("validate", "morocco.yaml", cwd=tmp_path)
    assert _under(cold, "uhc_roadmap.model", "uhc_roadmap.rules")
    warm = _imported("validate", "morocco.yaml", cwd=tmp_path)
    assert "uhc_roadmap.cache" in warm
    assert not _under(warm, "uhc_roadmap.model", "uhc_roadmap.rules", "pycountry")


@pytest.mark.parametrize("config", ["", "ignore: [Q]\nexclude: [drafts]\n"])
def test_a_warm_run_imports_neither_pydantic_nor_yaml_nor_rich(tmp_path: Path, config: str) -> None:
    """pre-commit's and the editor's common case: everything from the cache (cli/warm.py)."""
    (tmp_path / "morocco.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    if config:
        (tmp_path / ".uhc-roadmap.yaml").write_text(config, encoding="utf-8")
    cold = _imported("validate", "morocco.yaml", cwd=tmp_path)
    assert _under(cold, "pydantic", "yaml")
    warm = _imported("validate", "morocco.yaml", cwd=tmp_path)
    assert "uhc_roadmap.cli.warm" in warm
    assert not _under(warm, "pydantic", "yaml", "rich", "typer", "logging", "uhc_roadmap.config")


SAME_RUNS = [
    ("clean.yaml",),
    ("findings.yaml",),
    ("findings.yaml", "clean.yaml", "--strict"),
    ("findings.yaml", "-q"),
    ("findings.yaml", "--format", "json"),
    ("findings.yaml", "-f", "github"),
    ("findings.yaml", "-f", "markdown", "--ignore", "D"),
    ("findings.yaml", "--select", "B,D", "--as-of", "2025-06-30"),
    ("findings.yaml", "--color", "always"),
    ("findings.yaml", "--no-config"),
    ("roadmaps",),
    (),
]


@pytest.mark.parametrize("args", SAME_RUNS, ids=" ".join)
def test_a_warm_run_prints_what_the_cold_run_printed(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Byte for byte, with the same exit code: the cache changes only the time a run takes."""
    (tmp_path / "clean.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    (tmp_path / "findings.yaml").write_bytes(
        (FIXTURES / "invalid" / "d002_after_phase_end.yaml").read_bytes()
    )
    (tmp_path / "roadmaps").mkdir()
    (tmp_path / "roadmaps" / "clean.yaml").write_bytes((ROADMAPS / "kazakhstan.yaml").read_bytes())
    (tmp_path / "roadmaps" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.uhc-roadmap]\nseverity = { D002 = "error" }\n', encoding="utf-8"
    )
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    cold = run_cli("validate", *args, cwd=tmp_path, env=env)
    cold_summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    summary.unlink(missing_ok=True)
    warm = run_cli("validate", *args, cwd=tmp_path, env=env)
    warm_summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        cold.returncode,
        cold.stdout,
        cold.stderr,
    )
    assert warm_summary == cold_summary
    assert _was_answered_warm(tmp_path, args)


def _was_answered_warm(folder: Path, args: tuple[str, ...]) -> bool:
    """The second run was the warm path's (not the full command's, which prints the same)."""
    return "uhc_roadmap.cli.app" not in _imported("validate", *args, cwd=folder, codes=(0, 1))


def test_one_run_shows_an_unknown_field_and_an_unknown_dependency_elsewhere() -> None:
    """A schema error in one activity does not hide the rule findings of the others."""
    fixture = FIXTURES / "invalid" / "s002_rules_run_on_the_valid_parts.yaml"
    completed = run_cli("validate", str(fixture))
    assert completed.returncode == 1
    found = [m["code"] for m in map(LINE.match, completed.stdout.splitlines()) if m]
    assert found == ["S004", "S002", "R004", "T002", "S001"]
    assert "unknown activity `GOV-1`" in completed.stdout


# -- messages in the user's language ------------------------------------------------------------

BROKEN = [
    FIXTURES / "invalid" / name
    for name in (
        "r004_unknown_dependency.yaml",
        "d001_planned_end_before_start.yaml",
        "q001_missing_english.yaml",
        "s001_missing_end.yaml",
        "s002_typo.yaml",
    )
    if (FIXTURES / "invalid" / name).exists()
]
PLACE = re.compile(r"^(\S+:\d+:\d+: [A-Z]\d{3} (?:error|warning|info)): (.*)$")


def findings(stdout: str) -> list[tuple[str, str]]:
    return [m.groups() for m in map(PLACE.match, stdout.splitlines()) if m]  # type: ignore[misc]


@pytest.mark.parametrize("how", ["--lang", "config", "LANG"])
def test_validate_speaks_french_with_the_same_codes_and_positions(how: str, tmp_path: Path) -> None:
    english = run_cli("validate", *map(str, BROKEN), "--no-cache")
    args, env = ["validate", *map(str, BROKEN), "--no-cache"], None
    if how == "--lang":
        args += ["--lang", "fr"]
    elif how == "config":
        (tmp_path / ".uhc-roadmap.yaml").write_text("language: fr\n", encoding="utf-8")
    else:
        env = {"LANG": "fr_FR.UTF-8"}
    french = run_cli(*args, cwd=tmp_path, env=env)
    assert french.returncode == english.returncode == 1, french.stderr
    before, after = findings(english.stdout), findings(french.stdout)
    assert [place for place, _ in after] == [place for place, _ in before]  # codes, lines, cols
    assert len(before) >= 3
    translated = [fr for (_, en), (_, fr) in zip(before, after, strict=True) if fr != en]
    assert len(translated) == len(before), after
    assert "activité inconnue `GOV-1`" in french.stdout
    assert "vouliez-vous dire `GOV-01` ?" in french.stdout


@pytest.mark.parametrize("how", ["config", "LANG"])
def test_a_warm_cache_answers_in_the_language_asked(how: str, tmp_path: Path) -> None:
    """The cache keeps English findings and the warm path prints English only: a run in
    another language is never answered from it, however often it is repeated."""
    for path in BROKEN:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    names = [p.name for p in BROKEN]
    english = [run_cli("validate", *names, cwd=tmp_path).stdout for _ in range(2)]
    env = None
    if how == "config":
        (tmp_path / ".uhc-roadmap.yaml").write_text("language: fr\n", encoding="utf-8")
    else:
        env = {"LANG": "fr_FR.UTF-8"}
    french = [run_cli("validate", *names, cwd=tmp_path, env=env).stdout for _ in range(2)]
    assert english[0] == english[1]
    assert french[0] == french[1] != english[0]
    assert "activité inconnue `GOV-1`" in french[1]


def test_an_unknown_language_exits_2_naming_the_available_ones() -> None:
    completed = run_cli("validate", str(BROKEN[0]), "--lang", "xx")
    assert completed.returncode == 2
    assert "no labels for `xx`; choose one of: ar, en, es, fr, pt, ru" in completed.stderr


def test_a_language_without_translated_messages_prints_english() -> None:
    """Russian has no validate messages yet: English, never a broken string."""
    english = run_cli("validate", str(BROKEN[0]), "--no-cache")
    russian = run_cli("validate", str(BROKEN[0]), "--no-cache", "--lang", "ru")
    assert russian.stdout == english.stdout

"""The real `uhc-roadmap new` command: output, overwrite protection, errors on one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import golden, run_cli
from uhc_roadmap.i18n import LANGUAGES
from uhc_roadmap.schema import schema_text

pytestmark = pytest.mark.e2e
ARGS = (
    "new",
    "--country",
    "MA",
    "--phase",
    "UHCP-IV",
    "--start",
    "2024-01-01",
    "--end",
    "2026-12-31",
)


NOTE = (
    "uhc-roadmap: note: the first line points editors at roadmap.schema.json beside the "
    "roadmap; write it there with `uhc-roadmap schema -o roadmap.schema.json`\n"
)


def test_writes_a_file_that_validates_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "morocco.yaml"
    completed = run_cli(*ARGS, "--lang", "fr,en", "-o", str(target))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    checked = run_cli("validate", str(target))
    assert checked.returncode == 0
    assert checked.stdout.strip() == "1 file checked: no problems."


def test_prints_to_standard_output_without_output_option() -> None:
    completed = run_cli(
        "new", "-c", "Norway", "--phase", "P1", "--start", "2025-01-01", "--end", "2025-12-31"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("# yaml-language-server: $schema=")
    assert 'country: "NO"' in completed.stdout
    checked = run_cli("validate", "-", stdin=completed.stdout.encode("utf-8"))
    assert checked.returncode == 0, checked.stdout


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "roadmap.yaml"
    target.write_text("# my work\n", encoding="utf-8")
    completed = run_cli(*ARGS, "-o", str(target))
    assert completed.returncode == 2
    assert (
        completed.stderr
        == f"uhc-roadmap: error: {target} already exists; use --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "# my work\n"
    forced = run_cli(*ARGS, "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    # no temporary file left; the schema the roadmap points at, beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roadmap.schema.json", "roadmap.yaml"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--country", "Atlantis"), "unknown country `Atlantis`"),
        (("--start", "2027-01-01"), "--start 2027-01-01 must be before --end 2026-12-31"),
        (("--end", "31/12/2026"), "--end: `31/12/2026` is not a date written YYYY-MM-DD"),
        (("--phase", "iv"), "--phase: `iv` is not an id"),
    ],
)
def test_bad_options_exit_2_with_one_line(change: tuple[str, str], message: str) -> None:
    args = list(ARGS)
    args[args.index(change[0]) + 1] = change[1]
    completed = run_cli(*args)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr


def test_other_languages_are_noted_on_standard_error() -> None:
    completed = run_cli(*ARGS, "--lang", "de,fr")
    assert completed.returncode == 0
    assert "no built-in texts in `de`" in completed.stderr
    assert "English placeholders" in completed.stdout


@pytest.mark.parametrize("languages", [*LANGUAGES, "fr,en"])
def test_skeleton_text_is_the_golden_one(languages: str) -> None:
    """Every byte of the skeleton in each language, and in two: its words come from catalogs."""
    completed = run_cli(*ARGS, "--lang", languages)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == NOTE
    golden(f"new/morocco-{languages.replace(',', '-')}.yaml", completed.stdout)


def test_the_schema_the_roadmap_points_at_exists(tmp_path: Path) -> None:
    target = tmp_path / "roadmaps" / "senegal.yaml"
    target.parent.mkdir()
    completed = run_cli(*ARGS, "-o", str(target))
    assert completed.returncode == 0, completed.stderr
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=roadmap.schema.json"
    schema = target.parent / "roadmap.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert f"wrote {schema}" in completed.stderr
    # A second roadmap in the folder finds it there and leaves it alone.
    again = run_cli(*ARGS, "-o", str(target.with_name("other.yaml")))
    assert "roadmap.schema.json" not in again.stderr
    # The roadmaps folder still holds only roadmaps for `validate`.
    checked = run_cli("validate", str(target.parent))
    assert checked.stdout.strip() == "2 files checked: no problems."


def test_a_repository_with_a_schema_folder_is_pointed_at_it(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "roadmap.schema.json").write_text(schema_text(), encoding="utf-8")
    (tmp_path / "roadmaps").mkdir()
    target = tmp_path / "roadmaps" / "senegal.yaml"
    completed = run_cli(*ARGS, "-o", str(target))
    assert completed.returncode == 0, completed.stderr
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/roadmap.schema.json"
    assert sorted(p.name for p in target.parent.iterdir()) == ["senegal.yaml"]


def test_an_explicit_schema_ref_is_written_as_given_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "senegal.yaml"
    completed = run_cli(*ARGS, "-o", str(target), "--schema-ref", "https://example.org/s.json")
    assert completed.returncode == 0, completed.stderr
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=https://example.org/s.json\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["senegal.yaml"]


def test_comments_follow_the_users_locale(tmp_path: Path) -> None:
    """new's teaching comments are messages: in the POSIX locale's language (texts follow
    --lang as before)."""
    french = run_cli(*ARGS, "--lang", "ar", cwd=tmp_path, env={"LANG": "fr_FR.UTF-8"})
    assert french.returncode == 0, french.stderr
    assert "# Écrit par `uhc-roadmap new`." in french.stdout
    assert '"وزارة الصحة"' in french.stdout
    english = run_cli(*ARGS, "--lang", "ar", cwd=tmp_path)
    assert "# Written by `uhc-roadmap new`." in english.stdout

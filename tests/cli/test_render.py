"""`uhc-roadmap render`: options, exit codes, messages, and output files written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.cli import app as app_module

XSS = FIXTURES / "render" / "xss.yaml"
USER_TEMPLATES = FIXTURES / "render" / "templates"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["render", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_country_by_french_name_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "maroc.html"
    code, out, err = run(capsys, str(ROADMAPS), "--country", "Maroc", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    html = target.read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in html  # the roadmap's first language by default
    assert "Feuille de route du Partenariat pour la CSU – Maroc" in html


def test_format_follows_the_output_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.md"
    code, _, _ = run(capsys, "--country", "KAZ", "-t", "brief", "--lang", "en", "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Progress brief – UHC Partnership")


def test_path_instead_of_country_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(ROADMAPS / "algeria.yaml"), "-f", "md", "--lang", "en")
    assert code == 0
    assert out.startswith("# ")
    assert "Algeria" in out


def test_as_of_sets_the_reference_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "-c", "MA", "-t", "brief", "-f", "md", "--lang", "en", "--as-of", "2020-01-31"
    )
    assert code == 0
    assert "Situation at 31 January 2020" in out


def test_list_shows_builtin_and_user_templates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list", "--template-dir", str(USER_TEMPLATES))
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert set(lines) == {"brief", "onepager", "roadmap"}
    assert "user, overrides built-in" in lines["roadmap"]
    assert "built-in" in lines["brief"]
    assert "progress brief" in lines["brief"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-c", "MA", "-t", "../../etc/passwd"], "is not a template name"),
        (["-c", "MA", "-t", "nope"], "no template `nope`"),
        (["-c", "MA", "-f", "docx"], "--format: `docx` is not a format"),
        (["-c", "MA", "--lang", "de"], "--lang: no labels for `de`"),
        (["-c", "MA", "--as-of", "2021-13-01"], "--as-of: `2021-13-01` is not a date"),
        (["-c", "Narnia"], "unknown country `Narnia`; countries found: Algeria (DZ)"),
        (["-c", "MA", "--phase", "X"], "no phase `X`; phases found: UHCP-III"),
        ([str(ROADMAPS)], "give one roadmap file, or --country"),
        (["missing.yaml"], "missing.yaml: no such file or directory"),
        (["-c", "MA", "--template-dir", "no-such-dir"], "is not a directory"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_invalid_roadmap_prints_its_errors_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("axis: FIN\n", "axis: FINANCE\n", 1), encoding="utf-8")
    target = tmp_path / "out.html"
    code, out, err = run(capsys, str(broken), "-o", str(target))
    assert code == 1
    assert out == ""
    assert "R002 error" in err
    assert "FINANCE" in err
    assert "no document: fix the validation errors above first" in err
    assert not target.exists()


def test_template_error_names_template_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.md.j2").write_text("ok\n{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    code, out, err = run(
        capsys, "-c", "MA", "-t", "bad", "-f", "md", "--template-dir", str(tmp_path)
    )
    assert code == 1
    assert out == ""
    assert f"template error: {tmp_path / 'bad.md.j2'}:2: forbidden by the sandbox" in err
    assert "Traceback" not in err


def test_failed_write_leaves_the_previous_document_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.html"
    assert run(capsys, "-c", "MA", "-t", "brief", "--lang", "en", "-o", str(target))[0] == 0
    before = target.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run(capsys, "-c", "MA", "-t", "brief", "--lang", "fr", "-o", str(target))
    assert code == 2
    assert "No space left on device" in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]  # no temporary file left


def test_failed_temp_write_leaves_no_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.md"
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    code, _, err = run(capsys, "-c", "MA", "-f", "md", "-o", str(target))
    assert code == 2
    assert "Input/output error" in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_no_roadmap_stops_a_country_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "morocco.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    (tmp_path / "draft.yaml").write_text("country: [\n", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path), "-c", "MA", "-f", "md")
    assert code == 1
    assert out == ""
    assert "draft.yaml:" in err

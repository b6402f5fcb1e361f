"""The entry point's contract: exit codes, and no traceback unless --debug asks for one."""

from __future__ import annotations

import pytest

from uhc_roadmap import __version__
from uhc_roadmap.cli import app as app_module
from uhc_roadmap.errors import Bug, FindingsError, UhcRoadmapError, UsageError


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"uhc-roadmap {__version__}"


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.main(["validate", "--no-such-option"]) == 2


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_message_and_its_own_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    assert app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"]) == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    assert app_module.main(["--debug", "validate", "--no-cache", "roadmaps/morocco.yaml"]) == 70
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (UsageError("bad option"), 2, "uhc-roadmap: error: bad option"),
        (FindingsError("a finding"), 1, "uhc-roadmap: error: a finding"),
        (Bug("the export failed its own check"), 70, "uhc-roadmap: internal error: the export"),
    ],
)
def test_each_expected_error_is_caught_once_with_its_exit_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: UhcRoadmapError,
    code: int,
    line: str,
) -> None:
    def _raise(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _raise)
    assert app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"]) == code
    err = capsys.readouterr().err
    assert err.startswith(line)
    assert "Traceback" not in err

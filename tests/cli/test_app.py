"""The entry point's contract: exit codes, and no traceback unless --debug asks for one."""

from __future__ import annotations

import pytest

from uhc_roadmap import __version__
from uhc_roadmap.cli import app as app_module


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"uhc-roadmap {__version__}"


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.main(["validate", "--no-such-option"]) == 2


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    assert app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    assert app_module.main(["--debug", "validate", "--no-cache", "roadmaps/morocco.yaml"]) == 2
    assert "Traceback" in capsys.readouterr().err

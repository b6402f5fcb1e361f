"""The entry point's contract: exit codes, and no traceback unless --debug asks for one."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable

import pytest

from uhc_roadmap import __version__
from uhc_roadmap.cli import app as app_module
from uhc_roadmap.cli import guard
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


def _signal_self(number: signal.Signals) -> Callable[..., None]:
    def send(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), number)
        time.sleep(5)  # the handler raises before this ends
        raise AssertionError("the signal was not handled")

    return send


@pytest.mark.parametrize(
    ("number", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["TERM", "HUP"]
)
def test_a_stop_signal_is_an_exit_code_and_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    number: signal.Signals,
    code: int,
) -> None:
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _signal_self(number))
    assert app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"]) == code
    assert capsys.readouterr().err == f"uhc-roadmap: terminated by {number.name}\n"


def test_the_signal_handlers_are_given_back(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[int, object] = {}

    def look(*args: object, **kwargs: object) -> None:
        seen.update({n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP)})

    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", look)
    before = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP)}
    app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"])
    assert seen == dict.fromkeys(before, guard.terminate)
    assert {n: signal.getsignal(n) for n in before} == before


def test_a_signal_ignored_by_the_caller_stays_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """`nohup uhc-roadmap ...` must survive the terminal closing."""
    seen: list[object] = []
    monkeypatch.setattr(
        "uhc_roadmap.validation.check_bytes",
        lambda *a, **k: seen.append(signal.getsignal(signal.SIGHUP)),
    )
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        app_module.main(["validate", "--no-cache", "roadmaps/morocco.yaml"])
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert seen == [signal.SIG_IGN]

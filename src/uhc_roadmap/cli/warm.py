"""A warm ``validate``: every file's findings from the cache, before Typer, pydantic, PyYAML
or Rich is imported.

pre-commit and editors run ``uhc-roadmap validate FILE…`` over files that mostly have not
changed. When the cache holds every answer, the run is: find the configuration file and read
its bytes, read the files, compute their keys, read the entries and print them; that is what
this module does, with the standard library and the tool's light modules only.

The settings a run checks with the models are remembered under a key of their raw sources
(``settings_key``: the configuration file's path and bytes, the command-line options that
change results, the locale variables); the full command writes that entry once it has checked
them (``remember``), and a warm run reads it (``recall``) for what it needs: the options'
fingerprint that keys each file's result, ``exclude`` and the size limit. A changed byte in
the configuration is a miss, and the full command runs and checks it.

Anything this path does not answer exactly as the full command would falls back to it:
an option it does not parse, an output file, ``--verbose``, standard input, an unknown
format, a missed entry, a file it cannot read or find (whose error the full command words),
a search that finds nothing. Warnings (a broken link in a folder) are held until the answer
is certain, so that a fallback does not print them twice. The command-line parsing here must agree with Typer's for every invocation it accepts;
tests/cli/test_warm.py runs every ``validate`` option through both and compares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uhc_roadmap.cli.terminal import ColorChoice, warn
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.config import Config
    from uhc_roadmap.diagnostics import FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.validation import ValidationOptions

SETTINGS = "settings"
RESULTS = "validate"  # bulk.check.NAMESPACE, without importing the checking code
SUMMARY_ROWS = 1000  # GitHub refuses step summaries over 1 MiB
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
"""Environment variables that key the settings too: a message language chosen from them
must not be answered from an entry written in another language."""
ANSWERED_FORMATS = frozenset({"text", "json", "github", "markdown"})
"""Formats that need nothing but the findings and the files' bytes (sarif reads the rule
catalogue; those run the full command)."""

_FLAGS = {
    "--strict": "strict",
    "--no-config": "no_config",
    "--warn-unused-ignores": "warn_unused_ignores",
    "--allow-empty": "allow_empty",
    "--quiet": "quiet",
    "-q": "quiet",
    "--verbose": "verbose",
    "-v": "verbose",
    "--no-cache": "no_cache",
    "--fix": "fix",
    "--diff": "show_diff",
}
_VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--output": "output",
    "-o": "output",
    "--as-of": "as_of",
    "--select": "select",
    "--ignore": "ignore",
    "--config": "config",
    "--color": "color",
    "--jobs": "jobs",
    "-j": "jobs",
}
_MULTIPLE = frozenset({"select", "ignore"})
_LONGEST_JOBS = 6


def defaults() -> dict[str, Any]:
    """``validate``'s parameters when none is given, as Typer's parser gives them."""
    return {
        "paths": (),
        "output_format": None,
        "output": None,
        "as_of": None,
        "strict": False,
        "select": (),
        "ignore": (),
        "config": None,
        "no_config": False,
        "warn_unused_ignores": False,
        "allow_empty": False,
        "color": ColorChoice.AUTO,
        "quiet": False,
        "verbose": False,
        "no_cache": False,
        "jobs": None,
        "fix": False,
        "show_diff": False,
        "lang": None,  # --lang and --locale-dir are left to the full command: it translates
        "locale_dir": None,
    }


def parse(args: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s parameters for ``args`` exactly as Typer parses them, or None for any
    form this parser does not take on (combined short options, ``-fjson``, a value that
    looks like an option, ``--help``…): the full command then parses them."""
    params = defaults()
    paths: list[str] = []
    queue = list(args)
    while queue:
        token = queue.pop(0)
        if token == "--":
            paths.extend(queue)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _FLAGS and not equals:
            params[_FLAGS[name]] = True
            continue
        if name not in _VALUED:
            return None
        if not equals:
            if not queue or (queue[0].startswith("-") and queue[0] != "-"):
                return None
            value = queue.pop(0)
        key = _VALUED[name]
        converted = _convert(key, value)
        if converted is None:
            return None
        if key in _MULTIPLE:
            params[key] = [*params[key], converted]
        else:
            params[key] = converted
    if paths:
        params["paths"] = paths
    return params


def _convert(key: str, value: str) -> Any:
    """An option's value as Typer gives it to the command; None: leave it to Typer."""
    if key == "output":  # `-o -` (standard output) is None to Typer: left to it
        return Path(value) if value != "-" else None
    if key == "config":
        return Path(value) if value else None
    if key == "color":
        return ColorChoice(value) if value in {c.value for c in ColorChoice} else None
    if key == "jobs":
        plain = value.isascii() and value.isdigit() and not value.startswith("0")
        return int(value) if plain and len(value) <= _LONGEST_JOBS else None
    return value


def parse_command(argv: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s parameters when ``argv`` is a ``validate`` this parser takes, else None."""
    if not argv or argv[0] != "validate":
        return None
    return parse(argv[1:])


def arguments(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as Typer passes them to the command function: an absent list is None."""
    return {k: (None if v == () else v) for k, v in params.items()}


def runnable(params: dict[str, Any]) -> bool:
    """Whether ``run`` may take the command: not the write path (``--fix``, ``--diff``), whose
    code speaks Typer's exit (cli/edit.py)."""
    return not (params["fix"] or params["show_diff"])


def run(params: dict[str, Any]) -> int:
    """The ``validate`` command itself, called with the parameters this parser found, without
    building Typer's command table or its per-parameter pydantic adapters (~50 ms of a cold
    run); it ends as every command does (``guard.py``)."""
    from uhc_roadmap.cli.guard import guarded

    def call() -> int:
        from uhc_roadmap.cli import validating

        return validating.run(**arguments(params))

    return guarded(call, debug=lambda: False)  # --debug goes before the command: not here


def answer(argv: Sequence[str]) -> int | None:
    """The exit code of a ``validate`` answered wholly from the cache, its report printed;
    None when the full command must run (nothing has been printed then)."""
    params = parse_command(argv)
    if params is None or not _answerable(params):
        return None
    HELD.clear()
    try:
        found = _from_cache(params)
    except (OSError, ValueError, UsageError):
        return None  # the full command says what is wrong, in its words
    if found is None:
        return None
    from uhc_roadmap.cli.guard import guarded
    from uhc_roadmap.cli.validating import failed, report

    results, texts, chosen = found
    strict = bool(params["strict"])

    def print_answer() -> int:
        for message in HELD:
            warn(message)
        report(
            results,
            chosen,
            None,
            texts,
            color=params["color"],
            quiet=bool(params["quiet"]),
            verbose=False,
            strict=strict,
        )
        return int(failed(results, strict=strict))

    # A closed pipe or a signal while printing ends it as it ends the full command.
    return guarded(print_answer, debug=lambda: False, warnings=False)


def _answerable(params: dict[str, Any]) -> bool:
    wanted = not any(params[k] for k in ("output", "verbose", "no_cache", "fix", "show_diff"))
    both = params["no_config"] and params["config"] is not None  # a usage error
    return wanted and not both and "-" not in params["paths"]


def _from_cache(
    params: dict[str, Any],
) -> tuple[list[FileResult], dict[str, bytes], str] | None:
    from uhc_roadmap.bulk.codec import decode_result, job_key
    from uhc_roadmap.bulk.jobs import Job
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.cli.validating import choose_format, split_codes
    from uhc_roadmap.discovery import read

    chosen = choose_format(params["output_format"], None, check=False)
    if chosen not in ANSWERED_FORMATS:
        return None
    source = _config_source(params)
    if source is None:
        return None
    path, raw, root = source
    cache = Cache.in_project(root)
    as_of = date.fromisoformat(params["as_of"]) if params["as_of"] is not None else None
    key = settings_key(
        cache,
        path,
        raw,
        select=split_codes(params["select"]),
        ignore=split_codes(params["ignore"]),
        as_of=as_of,
        warn_unused_ignores=bool(params["warn_unused_ignores"]),
    )
    settled = recall(cache, key)
    if settled is None:
        return None
    kept = _sources(params["paths"], settled, root)
    if not kept:
        return None  # the full command explains why nothing is checked
    jobs = [Job(s.name, read(s, max_bytes=settled.max_bytes)) for s in kept]
    today = date.today()
    results: list[FileResult] = []
    for job in jobs:
        entry = cache.get(RESULTS, job_key(cache, RESULTS, settled.fingerprint, "", job))
        result = decode_result(entry, job.name, today)
        if result is None:
            return None
        results.append(result)
    return results, {job.name: job.raw for job in jobs}, chosen


def _config_source(params: dict[str, Any]) -> tuple[Path | None, bytes, Path] | None:
    """The configuration file (resolved), its bytes and the project root, or None when only
    the full command can tell (an unreadable file: its error is located there)."""
    from uhc_roadmap.configfile import nearest

    if params["no_config"]:
        return None, b"", Path.cwd()
    explicit: Path | None = params["config"]
    if explicit is not None:
        if explicit.suffix not in (".yaml", ".yml", ".toml"):
            return None
        resolved = explicit.resolve()
        return resolved, explicit.read_bytes(), resolved.parent
    found = nearest(Path.cwd())
    if found is None:
        return None, b"", Path.cwd()
    resolved = found.path.resolve()
    return resolved, found.raw, resolved.parent


def _sources(paths: Sequence[str], settled: Settled, root: Path) -> list[Source]:
    """The files the full command would check (``selection.find``), found the same way; the
    warnings a folder's walk gives are held (``HELD``) until the answer is certain."""
    from uhc_roadmap.discovery import select_sources

    if not paths:
        folder = root / settled.roadmaps
        if not folder.is_dir():
            return []
        paths = [os.path.relpath(folder)]
    if all(_regular_file(path) for path in paths):
        return select_sources(paths, settled.exclude, root)[0]
    with _held_warnings():
        return select_sources(paths, settled.exclude, root)[0]


def _regular_file(path: str) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


HELD: list[str] = []
"""Warnings logged while a warm run looked for its files, printed once it answers."""


@contextmanager
def _held_warnings() -> Iterator[None]:
    import logging

    class Hold(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            HELD.append(record.getMessage())

    core_log = logging.getLogger("uhc_roadmap")
    before = (core_log.handlers, core_log.propagate)
    core_log.handlers, core_log.propagate = [Hold(logging.WARNING)], False
    try:
        yield
    finally:
        core_log.handlers, core_log.propagate = before


# -- the settings entry: what the full command checked, keyed by its raw sources ------------


@dataclass(frozen=True, slots=True)
class Settled:
    """What a warm run needs of checked settings: the fingerprint of the validation options
    (``bulk.codec.options_fingerprint``), the configured ``exclude``, the size limit and the
    ``roadmaps`` folder (relative to the project root)."""

    fingerprint: str
    exclude: list[str]
    max_bytes: int
    roadmaps: str


def settings_key(
    cache: Cache,
    config: Path | None,
    raw: bytes,
    *,
    select: list[str] | None,
    ignore: list[str] | None,
    as_of: date | None,
    warn_unused_ignores: bool,
) -> str:
    """The key of the settings a run checks, from their raw sources: the configuration
    file (resolved path and bytes), validate's options that change results, the locale."""
    import json

    cli = {
        "select": select,
        "ignore": ignore,
        "as_of": as_of.isoformat() if as_of else None,
        "warn_unused_ignores": warn_unused_ignores,
    }
    locale = {name: os.environ.get(name) for name in LOCALE_VARIABLES}
    return cache.key(
        SETTINGS,
        str(config) if config is not None else "",
        raw,
        json.dumps(cli, sort_keys=True),
        json.dumps(locale, sort_keys=True),
    )


def remember(cache: Cache, key: str, conf: Config, options: ValidationOptions) -> None:
    """Store what a warm run needs of the settings just checked (once per key)."""
    from uhc_roadmap.bulk.codec import options_fingerprint

    value = {
        "fingerprint": options_fingerprint(options),
        "exclude": conf.exclude,
        "max_bytes": conf.limits.max_bytes,
        "roadmaps": conf.settings.roadmaps,
    }
    if cache.get(SETTINGS, key) != value:
        cache.put(SETTINGS, key, value)


def recall(cache: Cache, key: str) -> Settled | None:
    """The settings stored under ``key``, or None unless the entry has exactly their shape."""
    value = cache.get(SETTINGS, key)
    if not isinstance(value, dict) or set(value) != set(Settled.__slots__):
        return None
    fingerprint, exclude, max_bytes = value["fingerprint"], value["exclude"], value["max_bytes"]
    if not isinstance(fingerprint, str) or type(max_bytes) is not int or max_bytes <= 0:
        return None
    if not isinstance(exclude, list) or not all(isinstance(p, str) for p in exclude):
        return None
    if not isinstance(value["roadmaps"], str):
        return None
    return Settled(fingerprint, exclude, max_bytes, value["roadmaps"])

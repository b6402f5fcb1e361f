"""The uhc-roadmap benchmark: whole processes, alternating A B A B, medians and paired ratios.

Run with `make bench` (which installs the peer tools), or `.venv/bin/python bench/run.py`
after `pip install -e '.[bench]'`. It generates the corpora under bench/corpus/, times
uhc-roadmap against check-jsonschema (with ruamel.yaml.clib, using our exported JSON
Schema), yamllint (default rules) and the floor `yaml.load(..., CSafeLoader)`, prints the
table and writes it into docs/performance.md. A benchmark, not a test: it asserts nothing
about speed, only that every tool ran on the corpus as expected.

`--quick` takes fewer runs (about four minutes on 2 cores instead of about eight).
"""

from __future__ import annotations

import argparse
import compileall
import gc
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import countries, roadmap, write_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
SCHEMA = ROOT / "schema" / "roadmap.schema.json"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
BIN = Path(sys.executable).parent
FRAMEWORKS = "import typer, pydantic, yaml\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)\n"
"""What any Typer command that validates with pydantic pays before doing anything."""
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
MEMORY_LIMIT_MB = 250.0
LSP_LATENCY_S = 0.150
LSP_MEMORY_LIMIT_MB = 80.0
Command = Sequence[str]


@dataclass
class Timing:
    """Medians of whole-process times in seconds, and the median of the paired ratios."""

    ours: float
    theirs: float
    ratio: float
    runs: int


@dataclass
class Row:
    measure: str
    other: str
    timing: Timing
    target: float | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        if self.timing.ratio <= self.target:
            return "met"
        return f"NOT met ({self.timing.ratio / self.target:.2f}× the target)"


@dataclass
class Budget:
    """A command against an absolute budget in seconds (the publishing issue's rows)."""

    measure: str
    seconds: float
    runs: int
    limit: float
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.seconds <= self.limit:
            return "met"
        return f"NOT met ({self.seconds / self.limit:.2f}× the budget)"


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)
    load: list[tuple[str, str]] = field(default_factory=list)
    lsp_memory: dict[str, float] = field(default_factory=dict)
    budgets: list[Budget] = field(default_factory=list)
    scale: list[str] = field(default_factory=list)


# -- running commands ---------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """As users run the tools: bytecode written and read (this sandbox sets
    PYTHONDONTWRITEBYTECODE, which would make every run compile every module), no colour, no
    CI mode."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONDONTWRITEBYTECODE"}}
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR", "CI"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    return env


ENV = child_env()


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if located is None:
        sys.exit(f"bench: `{name}` is not installed; run `pip install -e '.[bench]'` first")
    return located


def run_once(command: Command) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=CORPUS, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def expect(command: Command, codes: Sequence[int], needle: str = "") -> None:
    """Each tool must really do the work on the corpus before it is timed."""
    done = subprocess.run(command, cwd=CORPUS, env=ENV, capture_output=True, text=True)
    if done.returncode not in codes or needle not in done.stdout + done.stderr:
        sys.exit(
            f"bench: {' '.join(command[:3])}... exited {done.returncode}, expected {codes}"
            f"{f' and {needle!r}' if needle else ''}:\n{(done.stdout + done.stderr)[-2000:]}"
        )


def paired(
    a: Command,
    b: Command,
    runs: int,
    *,
    warm_up: bool = True,
    before_a: Callable[[], None] | None = None,
) -> Timing:
    """A B A B ...: both medians and the median of the per-pair ratios A/B."""
    if warm_up:
        (before_a or (lambda: None))()
        run_once(a)
        run_once(b)
    times_a, times_b = [], []
    for _ in range(runs):
        if before_a is not None:
            before_a()
        times_a.append(run_once(a))
        times_b.append(run_once(b))
    ratios = [x / y for x, y in zip(times_a, times_b, strict=True)]
    return Timing(
        statistics.median(times_a), statistics.median(times_b), statistics.median(ratios), runs
    )


def paired_calls(a: Callable[[], None], b: Callable[[], None], runs: int) -> Timing:
    a()
    b()
    times_a, times_b = [], []
    for _ in range(runs):
        for fn, times in ((a, times_a), (b, times_b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    ratios = [x / y for x, y in zip(times_a, times_b, strict=True)]
    return Timing(
        statistics.median(times_a), statistics.median(times_b), statistics.median(ratios), runs
    )


# -- memory -----------------------------------------------------------------------------------


def _rss_kib(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def peak_memory(command: Command) -> dict[str, float]:
    """Peak resident memory in MB: of the process and its workers together (sampled every
    2 ms), and of the largest single process (its own high-water mark)."""
    process = subprocess.Popen(command, cwd=CORPUS, env=ENV, stdout=subprocess.DEVNULL)
    peak_sum = peak_single = 0
    while process.poll() is None:
        pids = [process.pid, *_descendants(process.pid)]
        peak_sum = max(peak_sum, sum(_rss_kib(p, "VmRSS") for p in pids))
        peak_single = max([peak_single, *(_rss_kib(p, "VmHWM") for p in pids)])
        time.sleep(0.002)
    return {"together": peak_sum * 1024 / 1e6, "single": peak_single * 1024 / 1e6}


# -- in-process cost --------------------------------------------------------------------------


def in_process(files: list[Path], runs: int) -> tuple[Timing, Timing]:
    """check_bytes (strict loading with positions, model, rules) against yaml.load with
    CSafeLoader plus the same pydantic model, on the same bytes; with the collector running,
    as a caller of yaml.load has it, and paused, as our loader has it."""
    import yaml

    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.validation import ValidationOptions, check_bytes

    blobs = [(p.name, p.read_bytes()) for p in files]
    options = ValidationOptions()

    def ours() -> None:
        for name, raw in blobs:
            check_bytes(raw, name, options)

    def floor() -> None:
        for _, raw in blobs:
            Roadmap.model_validate(yaml.load(raw, Loader=yaml.CSafeLoader))

    def floor_paused() -> None:
        gc.disable()
        try:
            floor()
        finally:
            gc.enable()

    return _per_file(paired_calls(ours, floor, runs), len(blobs)), _per_file(
        paired_calls(ours, floor_paused, runs), len(blobs)
    )


def _per_file(timing: Timing, files: int) -> Timing:
    return Timing(timing.ours / files, timing.theirs / files, timing.ratio, timing.runs)


# -- the measures ------------------------------------------------------------------------------


def prepare() -> dict[str, list[Path]]:
    corpus = write_corpus(CORPUS)
    # The example roadmap users meet first (roadmaps/morocco.yaml, ~550 lines): the file of
    # the warm single-file row, pre-commit's and the editor's common case.
    shutil.copyfile(ROOT / "roadmaps" / "morocco.yaml", CORPUS / "example.yaml")
    # The corpus is its own project: the benchmark never picks up the repository's settings,
    # and the cache lives in bench/corpus/.uhc-roadmap-cache.
    (CORPUS / ".uhc-roadmap.yaml").write_text(
        "roadmaps: repo\niati: {reporting_org: {ref: XM-DAC-928, type: 40, name: WHO}}\n",
        encoding="utf-8",
    )
    package = ROOT / "src" / "uhc_roadmap"
    if package.is_dir():  # an editable install: compile as `pip install` does for a wheel
        compileall.compile_dir(package, quiet=1)
    return corpus


def measure(runs: int, slow_runs: int) -> Results:
    corpus = prepare()
    out = Results()
    out.load.append(("start", load_average()))
    small, large = "small.yaml", "large.yaml"
    repo = [p.relative_to(CORPUS).as_posix() for p in corpus["repo"]]
    ours = [tool("uhc-roadmap")]
    cjs = [tool("check-jsonschema"), "--schemafile", str(SCHEMA)]
    yamllint = [tool("yamllint"), "-d", "default", "-f", "parsable"]
    floor = [sys.executable, "-c", FLOOR]
    cache = CORPUS / ".uhc-roadmap-cache"
    help_ = [*ours, "--help"]
    cold_repo = [*ours, "validate", "--no-cache", "repo"]
    warm_repo = [*ours, "validate", "repo"]
    report = [*ours, "report", "--format", "json", "repo"]

    def clear_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def warm() -> None:  # report and validate each fill their own entries
        if not cache.exists():
            run_once(warm_repo)
            run_once(report)

    for command, codes, needle in (
        (cold_repo, (0,), "115 files checked: no problems"),
        ([*cjs, *repo[:3]], (0,), "ok"),
        ([*yamllint, small], (0, 1), ""),
        ([*floor, small], (0,), ""),
        (report, (0,), '"countries"'),
        ([*ours, "render", large, "-f", "html", "-o", "large.html"], (0,), ""),
        ([*ours, "export", large, "-f", "iati", "-o", "large.iati.xml"], (0,), ""),
        ([*ours, "regions", "SN"], (0,), "SN-DK"),
        ([*ours, "diff", small, large], (0,), ""),
    ):
        expect(command, codes, needle)

    def add(
        measure_: str, other: str, timing: Timing, target: float | None = None, note: str = ""
    ) -> None:
        row = Row(measure_, other, timing, target, note)
        out.rows.append(row)
        print(
            f"{measure_:<52} {timing.ours * 1000:9.0f} ms  {other:<28} "
            f"{timing.theirs * 1000:9.0f} ms  {timing.ratio:7.3f}×  {row.verdict}",
            flush=True,
        )

    add(
        "`uhc-roadmap --help`",
        "`python -c pass`",
        paired(help_, [sys.executable, "-c", "pass"], runs),
        8.0,
    )
    example = [*ours, "validate", "example.yaml"]
    expect(example, (0,), "1 file checked: no problems.")
    add(
        "`validate` the example roadmap (550 lines), cache warm",
        "`uhc-roadmap --help`",
        paired(example, help_, runs),
        1.3,
        "pre-commit's and the editor's case: no Typer, pydantic, PyYAML or Rich (cli/warm.py)",
    )
    add(
        "`validate --no-cache` the example roadmap",
        "check-jsonschema",
        paired([*ours, "validate", "--no-cache", "example.yaml"], [*cjs, "example.yaml"], runs),
        0.40,
    )
    frameworks = [sys.executable, "-c", FRAMEWORKS]
    add(
        "import Typer, pydantic, PyYAML; build one model",
        "check-jsonschema, 20-activity file",
        paired(frameworks, [*cjs, small], runs),
    )
    for label, path, target in (("20-activity", small, 0.40), ("200-activity", large, 0.20)):
        cold = [*ours, "validate", "--no-cache", path]
        add(
            f"`validate` one {label} file, cold",
            "check-jsonschema",
            paired(cold, [*cjs, path], runs),
            target,
        )
        add(f"`validate` one {label} file, cold", "yamllint", paired(cold, [*yamllint, path], runs))
        add(
            f"`validate` one {label} file, cold",
            "`yaml.load` floor",
            paired(cold, [*floor, path], runs),
        )
    slow = {"warm_up": False}
    vs_cjs = paired(cold_repo, [*cjs, *repo], slow_runs, **slow)
    add("`validate` 115-file repository, cold", "check-jsonschema", vs_cjs, 0.08)
    add(
        "`validate` 115-file repository, cold",
        "yamllint",
        paired(cold_repo, [*yamllint, *repo], slow_runs, **slow),
        0.05,
    )
    add(
        "`validate` 115-file repository, cold",
        "`yaml.load` floor",
        paired(cold_repo, [*floor, *repo], slow_runs, **slow),
    )
    serial = [*ours, "validate", "--no-cache", "--jobs", "1", "repo"]
    add(
        "`validate --jobs 1` 115-file repository, cold",
        "`validate`, cold (workers)",
        paired(serial, cold_repo, slow_runs, **slow),
    )
    clear_cache()
    warm_timing = paired(warm_repo, help_, runs, before_a=warm)
    add(
        "`validate` 115-file repository, cache warm",
        "check-jsonschema",
        Timing(warm_timing.ours, vs_cjs.theirs, warm_timing.ours / vs_cjs.theirs, runs),
        0.01,
        "check-jsonschema's median from the cold rows",
    )
    add(
        "portfolio `report` over 115 roadmaps, cache warm",
        "`uhc-roadmap --help`",
        paired(report, help_, runs, before_a=warm),
        1.5,
    )
    clear_cache()
    add(
        "portfolio `report` over 115 roadmaps, cold",
        "`uhc-roadmap --help`",
        paired(report, help_, max(1, slow_runs), before_a=clear_cache, warm_up=False),
    )
    render = [*ours, "render", large, "-f", "html", "-o", "large.html"]
    add(
        "`render` 200-activity roadmap to HTML", "`uhc-roadmap --help`", paired(render, help_, runs)
    )
    export = [*ours, "export", large, "-f", "iati", "-o", "large.iati.xml"]
    add(
        "`export --format iati` 200-activity roadmap",
        "`validate` one 200-activity file, cold",
        paired(export, [*ours, "validate", "--no-cache", large], runs),
        3.0,
        "the XSD, ruleset and codelist checks included",
    )
    add(
        "`diff` of a 20- and a 200-activity roadmap",
        "`uhc-roadmap --help`",
        paired([*ours, "diff", small, large], help_, runs),
    )
    add(
        "`regions SN` (ISO 3166-2 codes and names)",
        "`uhc-roadmap --help`",
        paired([*ours, "regions", "SN"], help_, runs),
        4.0,
    )
    country = [*ours, "report", "--country", "MA", "-f", "json", "repo"]
    expect(country, (0,), '"country": "MA"')
    add(
        "`report --country MA` over the 115-file repository",
        "`validate --no-cache --jobs 1` of it",
        paired(country, serial, max(1, slow_runs), warm_up=False),
        1.1,
        "both check every file; the report adds one country's figures",
    )
    new = [*ours, "new", "-c", "SN", "--phase", "UHCP-IV", "--start", "2024-01-01",
           "--end", "2026-12-31", "-o", "new.yaml", "--force"]  # fmt: skip
    expect(new, (0,), "")
    for label, command in (
        ("`new` (a skeleton roadmap for Senegal)", new),
        ("`rules` (the catalogue)", [*ours, "rules"]),
        ("`schema` (the JSON Schema)", [*ours, "schema"]),
        ("`cache info`", [*ours, "cache", "info"]),
    ):
        add(label, "`uhc-roadmap --help`", paired(command, help_, runs), 3.0, "set from measure")
    per_file, per_file_paused = in_process([CORPUS / p for p in repo[:30]], max(3, runs // 2))
    add(
        "in-process cost per file, cold cache (mean of 30 files)",
        "`yaml.load(CSafeLoader)` + pydantic",
        per_file,
        1.0,
    )
    add(
        "in-process cost per file, cold cache (mean of 30 files)",
        "same, collector paused",
        per_file_paused,
    )
    clear_cache()
    out.memory = peak_memory(cold_repo)
    out.memory |= {f"serial {k}": v for k, v in peak_memory(serial).items()}
    print(f"peak memory of the cold 115-file validate: {out.memory}", flush=True)
    out.load.append(("end", load_average()))
    return out


def measure_write_path(out: Results, runs: int, slow_runs: int) -> None:
    """The write path (issue: set ≤ 1.5× validate of the same file; fmt --check over the
    corpus ≤ 1.2× validate --no-cache of it)."""
    ours = tool("uhc-roadmap")
    original = CORPUS / "large.yaml"
    edited = CORPUS / "edit.yaml"
    # An ongoing activity of the 200-activity file, set as a quarterly update would.
    update = ["FIN-002", "progress=90", "budget.2022.UE.spent=95000"]
    set_ = [ours, "set", "edit.yaml", *update]
    validate = [ours, "validate", "--no-cache", "edit.yaml"]

    def fresh_copy() -> None:
        shutil.copyfile(original, edited)

    fresh_copy()
    expect(set_, (0,), "FIN-002: progress")
    fresh_copy()
    row(out, "`set` two fields in the 200-activity roadmap", "`validate --no-cache` of it",
        paired(set_, validate, runs, before_a=fresh_copy), 1.5)  # fmt: skip
    check = [ours, "fmt", "--check", "repo"]
    cold = [ours, "validate", "--no-cache", "repo"]
    expect(check, (1,), "would reformat")
    row(out, "`fmt --check` 115-file repository", "`validate --no-cache` of it",
        paired(check, cold, slow_runs, warm_up=False), 1.2)  # fmt: skip
    formatted = CORPUS / "repo-formatted"
    shutil.rmtree(formatted, ignore_errors=True)
    shutil.copytree(CORPUS / "repo", formatted)
    expect([ours, "fmt", "repo-formatted"], (0,), "115 files reformatted")
    check_formatted = [ours, "fmt", "--check", "repo-formatted"]
    expect(check_formatted, (0,), "115 files already formatted")
    row(out, "`fmt --check` 115 files already in fmt's layout", "`validate --no-cache` of them",
        paired(check_formatted, [ours, "validate", "--no-cache", "repo-formatted"], slow_runs,
               warm_up=False))  # fmt: skip
    record = [ours, "record", "edit.yaml", "IND-01", "--value", "55", "--date", "2023-06-30",
              "--replace"]  # fmt: skip
    fresh_copy()
    expect(record, (0,), "")
    fresh_copy()
    row(out, "`record` an indicator value in the 200-activity roadmap",
        "`validate --no-cache` of it", paired(record, validate, runs, before_a=fresh_copy),
        1.5)  # fmt: skip


def measure_lsp(out: Results, runs: int) -> None:
    """The language server (issue: diagnostics of the 200-activity roadmap within 150 ms of
    a change, ≤ 1.2× one in-process `validate` of the same text; idle memory ≤ 80 MB).

    A real client (tests/lsp/client.py) changes one value of the open roadmap, alternately
    breaking and fixing it, and times the change until the diagnostics of that version
    arrive; each change is paired with `check_bytes` of the same text in this process."""
    sys.path.insert(0, str(ROOT))
    from tests.lsp.client import Client, position

    from uhc_roadmap.validation import ValidationOptions, check_bytes

    large = CORPUS / "large.yaml"
    text = large.read_text(encoding="utf-8")
    needle = "status: ongoing"
    start = text.index(needle) + len("status: ")
    texts = [text, text[:start] + "en cours" + text[start + len("ongoing") :]]
    client = Client(cwd=CORPUS, command=[tool("uhc-roadmap"), "lsp"])
    try:
        client.initialize(CORPUS)
        time.sleep(1.0)
        started_rss = _rss_kib(client.process.pid, "VmRSS") * 1024 / 1e6
        uri = client.open(large, text)
        client.diagnostics(uri, 1, timeout=60)
        version = 1
        options = ValidationOptions()
        latencies: list[float] = []
        validations: list[float] = []
        for index in range(2 * runs + 4):
            current, new = texts[index % 2], texts[(index + 1) % 2]
            old_end = start + (len("ongoing") if index % 2 == 0 else len("en cours"))
            replaced = new[start : start + (len("en cours") if index % 2 == 0 else len("ongoing"))]
            at = {"start": position(current, start), "end": position(current, old_end)}
            version += 1
            sent = time.perf_counter()
            client.change(uri, version, replaced, at=at)
            found = client.diagnostics(uri, version, timeout=60)
            latency = time.perf_counter() - sent
            assert [d["code"] for d in found] == (["S004"] if index % 2 == 0 else [])
            began = time.perf_counter()
            check_bytes(new.encode("utf-8"), "large.yaml", options)
            if index >= 4:  # the first changes warm both sides up
                latencies.append(latency)
                validations.append(time.perf_counter() - began)
        time.sleep(1.0)
        idle_rss = _rss_kib(client.process.pid, "VmRSS") * 1024 / 1e6
        assert client.shutdown_and_exit() == 0
    finally:
        client.close()
    ratios = [a / b for a, b in zip(latencies, validations, strict=True)]
    timing = Timing(
        statistics.median(latencies),
        statistics.median(validations),
        statistics.median(ratios),
        len(ratios),
    )
    budget = "met" if timing.ours <= LSP_LATENCY_S else "NOT met"
    note = f"the 150 ms budget: {budget}"
    row = Row("`lsp`: diagnostics of the 200-activity roadmap after a change", "one in-process "
              "`validate` of the same text", timing, 1.2, note)  # fmt: skip
    out.rows.append(row)
    out.lsp_memory = {"started": started_rss, "idle": idle_rss}
    print(
        f"{row.measure:<52} {timing.ours * 1000:9.0f} ms  {row.other:<28} "
        f"{timing.theirs * 1000:9.0f} ms  {timing.ratio:7.3f}×  {row.verdict} ({note}); "
        f"memory {started_rss:.0f} MB started, {idle_rss:.0f} MB idle with it open",
        flush=True,
    )


def measure_spreadsheets(out: Results, runs: int) -> None:
    """Spreadsheets (issue: export --format xlsx and import of the 200-activity roadmap each
    at most 3x validate of it)."""
    ours = tool("uhc-roadmap")
    validate = [ours, "validate", "--no-cache", "large.yaml"]
    export = [ours, "export", "large.yaml", "-o", "large.xlsx"]
    expect(export, (0,), "")
    imported = [ours, "import", "large.xlsx", "-o", "large-imported.yaml"]
    expect(imported, (0,), "")
    row(out, "`export --format xlsx` 200-activity roadmap", "`validate --no-cache` of it",
        paired(export, validate, runs), 3.0)  # fmt: skip
    row(out, "`import` its workbook into a new file", "`validate --no-cache` of the roadmap",
        paired(imported, validate, runs), 3.0)  # fmt: skip
    shutil.copyfile(CORPUS / "large.yaml", CORPUS / "large-into.yaml")
    into = [ours, "import", "large.xlsx", "--into", "large-into.yaml"]
    expect(into, (0,), "nothing to change")
    row(out, "`import --into` the roadmap it came from", "`validate --no-cache` of the roadmap",
        paired(into, validate, runs), 3.0)  # fmt: skip


def row(
    out: Results, measure_: str, other: str, timing: Timing, target: float | None = None
) -> None:
    added = Row(measure_, other, timing, target)
    out.rows.append(added)
    print(
        f"{measure_:<52} {timing.ours * 1000:9.0f} ms  {other:<28} "
        f"{timing.theirs * 1000:9.0f} ms  {timing.ratio:7.3f}×  {added.verdict}",
        flush=True,
    )


def git_repository(folder: Path) -> Callable[..., None]:
    """A fresh repository in ``folder``; returns ``commit(message, day)``."""
    shutil.rmtree(folder / ".git", ignore_errors=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    for key, value in (("user.email", "bench@example.org"), ("user.name", "Bench"),
                       ("commit.gpgsign", "false")):  # fmt: skip
        subprocess.run(["git", "-C", str(folder), "config", key, value], check=True)

    def commit(message: str, day: int) -> None:
        stamp = f"{1_600_000_000 + day * 86_400} +0000"
        env = ENV | {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", "-C", str(folder), "add", "-A"], check=True, env=env)
        subprocess.run(
            ["git", "-C", str(folder), "commit", "-q", "-m", message], check=True, env=env
        )

    return commit


def publishing_corpora() -> None:
    """site-repo/: the 115 files in git, 10 of them changed by a second commit; history-repo/:
    the 200-activity file committed 200 times, each version a day later (its as_of too)."""
    site = CORPUS / "site-repo"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir()
    for path in sorted((CORPUS / "repo").glob("*.yaml")):
        shutil.copyfile(path, site / path.name)
    commit = git_repository(site)
    commit("roadmaps adopted", 0)
    for path in sorted(site.glob("*.yaml"))[:10]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("as_of: 2023-06-30", "as_of: 2023-09-30")
        )
    commit("quarterly update", 90)
    history = CORPUS / "history-repo"
    shutil.rmtree(history, ignore_errors=True)
    history.mkdir()
    commit = git_repository(history)
    text = (CORPUS / "large.yaml").read_text(encoding="utf-8")
    for number in range(200):
        day = date(2023, 6, 30) - timedelta(days=199 - number)
        version = text.replace("as_of: 2023-06-30", f"as_of: {day}") + f"# revision {number}\n"
        (history / "large.yaml").write_text(version, encoding="utf-8")
        commit(f"revision {number}", number)


def measure_publishing(out: Results, runs: int, slow_runs: int) -> None:
    """The publishing issue: site over the 115 files ≤ 30 s cold, ≤ 5 s warm; report --history
    over 200 revisions of the 200-activity file ≤ 20 s cold, ≤ 2 s warm; one PDF ≤ 3 s."""
    ours = tool("uhc-roadmap")
    publishing_corpora()
    cache = CORPUS / ".uhc-roadmap-cache"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    site = [ours, "site", "site-repo", "-o", "site-public", "--no-pdf", "--force"]
    history = [
        ours,
        "report",
        "--history",
        "history-repo/large.yaml",
        "-f",
        "json",
        "-o",
        "history.json",
    ]
    expect(site, (0,), "115 countries")
    expect(history, (0,), "")
    budget(
        out,
        "`site` 115-file repository (2 languages, history, no PDF), cold",
        site,
        slow_runs,
        30.0,
        clear,
    )
    budget(out, "`site` 115-file repository, cache warm", site, runs, 5.0)
    budget(
        out,
        "`report --history` 200 revisions of the 200-activity file, cold",
        history,
        slow_runs,
        20.0,
        clear,
    )
    budget(out, "`report --history` 200 revisions, cache warm", history, runs, 2.0)
    pdf = [ours, "render", "large.yaml", "-t", "brief", "-o", "large-brief.pdf"]
    if subprocess.run(pdf, cwd=CORPUS, env=ENV, capture_output=True, check=False).returncode != 0:
        print("bench: no PDF rows: WeasyPrint is not installed (pip install '.[pdf]')", flush=True)
        return
    budget(out, "`render --format pdf` brief of the 200-activity roadmap", pdf, runs, 3.0)
    small = [ours, "render", "small.yaml", "-o", "small.pdf"]
    budget(out, "`render --format pdf` 20-activity roadmap", small, runs, 3.0)
    large = [ours, "render", "large.yaml", "-o", "large.pdf"]
    budget(
        out,
        "`render --format pdf` 200-activity roadmap (40-odd pages)",
        large,
        max(1, slow_runs),
        3.0,
    )


def budget(
    out: Results,
    measure_: str,
    command: Command,
    runs: int,
    limit: float,
    before: Callable[[], None] | None = None,
) -> None:
    times = []
    for _ in range(max(1, runs)):
        if before is not None:
            before()
        times.append(run_once(command))
    found = Budget(measure_, statistics.median(times), len(times), limit)
    out.budgets.append(found)
    print(f"{measure_:<70} {found.seconds:8.2f} s  (≤ {limit:g} s: {found.verdict})", flush=True)


SCALE_SIZES = (600, 2000, 6000)
EXPONENT_LIMIT = 1.05
KB_PER_ACTIVITY = 15.0
MEMORY_SCRIPT = """
import gc, sys
from pathlib import Path
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.model.validate import build_roadmap
from uhc_roadmap.validation import prepare
prepare()
def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
raw = Path(sys.argv[1]).read_bytes()
gc.collect()
before = rss()
loaded = load_document(raw, "big.yaml", Limits(max_bytes=2**30, max_nodes=10**8))
built = build_roadmap(loaded.data, loaded.source_map, "big.yaml", loaded.text)
del raw
gc.collect()
print(rss() - before)
"""


def measure_scale(out: Results, runs: int, slow_runs: int) -> None:
    """Issue 22, item 5: every command linear (exponent ≤ 1.05 from 600 to 6,000 activities:
    10,000 take minutes per run here), and ≤ 15 KB per activity resident after loading."""
    folder = CORPUS / "scale"
    folder.mkdir(exist_ok=True)
    (folder / ".uhc-roadmap.yaml").write_text(
        'max_nodes: 100000000\nmax_file_size: "1 GiB"\n', encoding="utf-8"
    )
    [(country, regions)] = [c for c in countries(250) if c[0] == "SN"]
    ours = tool("uhc-roadmap")
    times: dict[str, dict[int, float]] = {"validate": {}, "report --country": {}}
    for size in SCALE_SIZES:
        path = folder / f"a{size}.yaml"
        path.write_text(roadmap(country, regions, size, seed=size), encoding="utf-8")
        commands = {
            "validate": [ours, "validate", "--no-cache", path.name],
            "report --country": [ours, "report", "--country", "SN", "-f", "json", path.name],
        }
        for name, command in commands.items():
            found = [_run_in(folder, command) for _ in range(max(1, slow_runs))]
            times[name][size] = statistics.median(found)
            print(f"scale: {name} {size} activities: {times[name][size]:.2f} s", flush=True)
    low, middle, high = SCALE_SIZES
    for name, by_size in times.items():
        exponent = math.log(by_size[high] / by_size[low]) / math.log(high / low)
        upper = math.log(by_size[high] / by_size[middle]) / math.log(high / middle)
        verdict = "met" if max(exponent, upper) <= EXPONENT_LIMIT else "NOT met"
        out.scale.append(
            f"`{name}`: {by_size[low]:.2f} s at {low} activities, {by_size[middle]:.2f} s at "
            f"{middle}, {by_size[high]:.2f} s at {high}: exponent {exponent:.2f} from {low}, "
            f"{upper:.2f} from {middle} (whole processes, start-up included; target ≤ "
            f"{EXPONENT_LIMIT}: {verdict})"
        )
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(folder / f"a{middle}.yaml")],
        env=ENV, capture_output=True, text=True, check=True,
    )  # fmt: skip
    per_activity = int(done.stdout.strip()) * 1024 / 1000 / middle
    verdict = "met" if per_activity <= KB_PER_ACTIVITY else "NOT met"
    out.scale.append(
        f"resident memory after loading and building a {middle}-activity roadmap: "
        f"{per_activity:.0f} KB per activity (target ≤ {KB_PER_ACTIVITY:g} KB: {verdict})"
    )
    for line in out.scale:
        print(f"scale: {line}", flush=True)


def _run_in(folder: Path, command: Command) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, env=ENV, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


# -- the report --------------------------------------------------------------------------------


def busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent working since boot, in seconds."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time of the benchmark and of every process it ran."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def versions() -> dict[str, str]:
    import yaml

    found = {
        "Python": platform.python_version(),
        "PyYAML": f"{yaml.__version__} (libyaml {yaml.__with_libyaml__})",
    }
    for name in (
        "uhc-roadmap",
        "pydantic",
        "typer",
        "check-jsonschema",
        "ruamel.yaml",
        "ruamel.yaml.clib",
        "yamllint",
    ):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB RAM"


def table(results: Results, runs: int, slow_runs: int, busy: str) -> str:
    lines = [
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine()}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()),
        f"- Runs: {runs} pairs per measure, {slow_runs} for the whole-repository comparisons "
        "with other tools (each of those runs takes a minute or more)",
        f"- Load average (1, 5, 15 min) at the start: {results.load[0][1]}; at the end: "
        f"{results.load[-1][1]}.{busy}",
    ]
    if results.rows:
        lines += [
            "",
            "| measure | uhc-roadmap | compared with | their time | ratio | target | |",
            "|---|---:|---|---:|---:|---:|---|",
        ]
    for row in results.rows:
        target = f"≤ {row.target:g}×" if row.target is not None else ""
        other = row.other + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.measure} | {_ms(row.timing.ours)} | {other} | {_ms(row.timing.theirs)} | "
            f"{row.timing.ratio:.3f}× | {target} | {row.verdict} |"
        )
    if results.lsp_memory:
        idle = results.lsp_memory["idle"]
        verdict = "met" if idle <= LSP_MEMORY_LIMIT_MB else "NOT met"
        lines += [
            "",
            f"Resident memory of `uhc-roadmap lsp`: {results.lsp_memory['started']:.0f} MB "
            f"once started, {idle:.0f} MB idle with the 200-activity roadmap open (target "
            f"≤ {LSP_MEMORY_LIMIT_MB:.0f} MB: {verdict}).",
        ]
    if results.budgets:
        lines += ["", "| measure | uhc-roadmap | runs | budget | |", "|---|---:|---:|---:|---|"]
        lines += [
            f"| {b.measure} | {_ms(b.seconds)} | {b.runs} | ≤ {b.limit:g} s | {b.verdict} |"
            for b in results.budgets
        ]
    if results.scale:
        lines += ["", "Scale (one file, cold):", "", *(f"- {line}" for line in results.scale)]
    memory = results.memory
    if not memory:
        return "\n".join(lines)
    verdict = "met" if memory["together"] <= MEMORY_LIMIT_MB else "NOT met"
    lines += [
        "",
        f"Peak memory of the cold 115-file `validate`: {memory['together']:.0f} MB for the "
        f"process and its workers together, {memory['single']:.0f} MB for the largest single "
        f"process (target ≤ {MEMORY_LIMIT_MB:.0f} MB: {verdict}); with `--jobs 1`, "
        f"{memory['serial together']:.0f} MB.",
    ]
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def write_doc(section: str) -> None:
    """Replace the measured section of docs/performance.md, keeping the prose around it."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    note = "<!-- Written by bench/run.py (`make bench`); edit the text outside the markers. -->"
    DOC.write_text(f"{head}{BEGIN}\n{note}\n\n{section}\n{END}{tail}", encoding="utf-8")


# The groups of rows beyond `check`, run after it in this order (``--only NAME`` runs one).
EXTRA_GROUPS: dict[str, Callable[[Results, int, int], None]] = {
    "write": measure_write_path,
    "lsp": lambda out, runs, slow_runs: measure_lsp(out, runs * 3),
    "spreadsheets": lambda out, runs, slow_runs: measure_spreadsheets(out, runs),
    "publish": measure_publishing,
    "scale": measure_scale,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="3 pairs per measure, 1 for the slow ones"
    )
    parser.add_argument("--runs", type=int, default=None, help="pairs per measure (default 7)")
    parser.add_argument(
        "--slow-runs",
        type=int,
        default=None,
        help="pairs for the whole-repository comparisons with other tools (default 2)",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the table, leave docs/performance.md alone"
    )
    parser.add_argument(
        "--only",
        choices=["check", *EXTRA_GROUPS],
        default=None,
        help="run one group of rows: `check` (validate, report, render), `write` (set, "
        "fmt --check), `lsp` (the language server), `spreadsheets` (export --format xlsx, "
        "import), `publish` (site, report --history, PDF) or `scale` (600 to 6,000 "
        "activities, memory per activity); implies --no-write",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    slow_runs = args.slow_runs or (1 if args.quick else 2)
    started = time.perf_counter()
    machine_before, own_before = busy_cpu_seconds(), own_cpu_seconds()
    if args.only in EXTRA_GROUPS:
        results = Results(load=[("start", load_average())])
        prepare()
        EXTRA_GROUPS[args.only](results, runs, slow_runs)
        results.load.append(("end", load_average()))
    else:
        results = measure(runs, slow_runs)
        if args.only is None:
            for group in EXTRA_GROUPS.values():
                group(results, runs, slow_runs)
    elapsed = time.perf_counter() - started
    others = (busy_cpu_seconds() - machine_before) - (own_cpu_seconds() - own_before)
    share = max(0.0, others / elapsed) if elapsed > 0 else 0.0
    busy = f" Other processes used {share:.2f} of the {os.cpu_count()} CPUs on average."
    if share > 0.1:
        busy += (
            " They were running during the benchmark: absolute times are longer, ratios are "
            "affected less, and worker processes gain less than on a quiet machine."
        )
    section = table(results, runs, slow_runs, busy)
    print()
    print(section)
    if not args.no_write and args.only is None:
        write_doc(section)
        print(f"\nwritten to {DOC.relative_to(ROOT)}")
    print(f"benchmark took {elapsed / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

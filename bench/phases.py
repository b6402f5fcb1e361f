"""Where a cold `validate --no-cache FILE` spends its time: the budget table of issue 22.

Each run is a fresh process that takes the steps of a cold run one at a time and times each:
the entry point and its parser (cli/entry.py, cli/warm.py: no Typer), pydantic, the YAML
loader, the configuration's Settings, the roadmap models, the rules, the code lists, then
loading, validating, the rules and the text output of the file itself. The interpreter's start is `python -c pass`; its end (the final collections
and the freeing of every module) is the time from the last step to the process's exit, with
and without `gc.freeze()` (which the console entry point calls). Medians of RUNS processes.

    .venv/bin/python bench/phases.py [FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import gc, json, sys, time
clock = time.monotonic
marks = [("start", clock())]
def mark(name):
    marks.append((name, clock()))
from uhc_roadmap.cli import entry, validating, warm
params = warm.parse_command(["validate", "--no-cache", sys.argv[1]])
assert params is not None and warm.runnable(params)
mark("CLI: the entry point, its parser and the command's body")
from pydantic import BaseModel
mark("pydantic")
from uhc_roadmap.loading import load_document
mark("YAML: PyYAML and the loader")
from uhc_roadmap.config import Config, load_config
from pathlib import Path
config = load_config(Path.cwd())
options = config.validation_options()
mark("configuration: the Settings model")
from uhc_roadmap.model.validate import build_roadmap
mark("models: the Roadmap classes")
from uhc_roadmap.rules import SEMANTIC_RULES
from uhc_roadmap.rules.context import RuleContext
mark("rules: import")
from uhc_roadmap.model import codes
for check in (codes.is_country, codes.is_currency, codes.is_language):
    check("")
codes.subdivision_codes("")
mark("code lists")
raw = Path(sys.argv[1]).read_bytes()
gc.disable()
loaded = load_document(raw, sys.argv[1], options.limits)
mark("YAML: loading the file")
built = build_roadmap(loaded.data, loaded.source_map, sys.argv[1], loaded.text)
mark("validation: building the Roadmap")
from uhc_roadmap.validation import run_rules
run_rules(built.roadmap, loaded.source_map, sys.argv[1], options)
mark("rules: running")
from uhc_roadmap.validation import check_loaded
result = check_loaded(loaded, sys.argv[1], options).result
from uhc_roadmap.formats.diagnostics.text import TextFormat
sys.stdout.write(TextFormat().render([result]))
sys.stdout.flush()
mark("output (with the findings put together)")
gc.enable()
if sys.argv[2] == "freeze":
    gc.freeze()
print(json.dumps(marks), file=sys.stderr)
"""


def once(file: Path, freeze: bool) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(file), "freeze" if freeze else "plain"],
        capture_output=True,
        text=True,
        env=env,
        cwd=file.parent,
        check=True,
    )
    ended = time.monotonic()
    marks = json.loads(done.stderr.strip().splitlines()[-1])
    phases = {"interpreter start": marks[0][1] - started}
    for (_, before), (name, at) in itertools.pairwise(marks):
        phases[name] = phases.get(name, 0.0) + (at - before)
    phases["interpreter exit" + (" (gc.freeze)" if freeze else "")] = ended - marks[-1][1]
    phases["whole process"] = ended - started
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "roadmaps" / "morocco.yaml"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    file = Path(args.file).resolve()
    runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for _ in range(args.runs):
        for freeze in (False, True):
            runs[freeze].append(once(file, freeze))
    print(f"{file.name}, {args.runs} runs, load average {os.getloadavg()}\n")
    print("| phase | ms (median) |\n|---|---:|")
    names = list(runs[True][0])
    exit_plain = "interpreter exit"
    names.insert(names.index("interpreter exit (gc.freeze)"), exit_plain)
    for name in names:
        source = runs[False] if name == exit_plain else runs[True]
        if name == "whole process":
            continue
        print(f"| {name} | {statistics.median(r[name] for r in source) * 1000:.1f} |")
    for freeze in (False, True):
        total = statistics.median(r["whole process"] for r in runs[freeze])
        print(f"| whole process{' (gc.freeze)' if freeze else ''} | {total * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where worker processes start to pay: `validate --jobs 1` against `--jobs 2`, whole processes.

Not part of `make bench`; it sets `PARALLEL_MIN_BYTES` in src/uhc_roadmap/bulk/workers.py. Run it on
a quiet machine after `make bench` has generated the corpus:

    .venv/bin/python bench/threshold.py

For each batch (some copies of the 20-activity or of the 200-activity roadmap) it prints
both medians and the ratio; below 1.0 the workers win.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from run import CORPUS, ENV, tool  # bench/ is on the path when this script runs


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def batch(source: Path, copies: int, folder: Path) -> int:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i in range(copies):
        shutil.copy(source, folder / f"{i:03d}.yaml")
    return copies * source.stat().st_size


def main(runs: int = 5) -> int:
    ours = tool("uhc-roadmap")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / ".uhc-roadmap.yaml").write_text("roadmaps: batch\n", encoding="utf-8")
        for name, counts in (("small.yaml", (2, 4, 8, 16)), ("large.yaml", (2, 3, 4))):
            for copies in counts:
                size = batch(CORPUS / name, copies, root / "batch")
                serial, parallel = [], []
                for _ in range(runs):
                    serial.append(timed([ours, "validate", "--no-cache", "--jobs", "1"], root))
                    parallel.append(timed([ours, "validate", "--no-cache", "--jobs", "2"], root))
                a, b = statistics.median(serial), statistics.median(parallel)
                print(
                    f"{copies:3d} × {name:<10} {size / 1024:7.0f} KiB  --jobs 1 {a * 1000:6.0f} ms"
                    f"  --jobs 2 {b * 1000:6.0f} ms  ratio {b / a:5.2f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

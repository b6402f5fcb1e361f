"""Faster YAML parsers against the strict loader: what each costs, and what each would lose.

Not part of `make bench`: ryaml and rapidyaml are not dependencies. To reproduce the figures
in docs/performance.md ("Faster parsers"):

    .venv/bin/pip install --target /tmp/fastyaml ryaml rapidyaml
    PYTHONPATH=/tmp/fastyaml .venv/bin/python bench/parsers.py bench/corpus/large.yaml

Times are the best of 7, with the garbage collector paused for every contender (as the
strict loader pauses it), in milliseconds.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from uhc_roadmap.loading import load_document

PROBES = {
    "duplicate key": "a: 1\na: 2\n",
    "alias": "a: &x 1\nb: *x\n",
    "python tag": "a: !!python/object:os.system 1\n",
    "YAML 1.1 values": "a: NO\nb: 010\nc: 1:30\nd: yes\n",
    "YAML 1.2 int": "a: 010\n",
}


def best(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        gc.disable()
        start = time.perf_counter()
        try:
            work()
        finally:
            gc.enable()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def libyaml_events(text: str) -> None:
    loader = yaml.CBaseLoader(text)
    try:
        while loader.check_event():
            loader.get_event()
    finally:
        loader.dispose()


def ryml_to_python(raw: bytes) -> Any:
    """rapidyaml's tree walked into dicts and lists, keeping no style and no position."""
    import ryml

    tree = ryml.parse_in_arena(raw)

    def build(node: int) -> Any:
        if tree.is_map(node):
            return {bytes(tree.key(c)).decode(): build(c) for c in ryml.children(tree, node)}
        if tree.is_seq(node):
            return [build(c) for c in ryml.children(tree, node)]
        value = tree.val(node)
        return None if value is None else bytes(value).decode()

    return build(tree.root_id())


def main(path: str) -> int:
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8")
    rows: list[tuple[str, Callable[[], object]]] = [
        (
            "strict loader (load_document: values, positions, checks)",
            lambda: load_document(raw, "x"),
        ),
        ("libyaml parser events only (CBaseLoader)", lambda: libyaml_events(text)),
        ("yaml.load(CSafeLoader)", lambda: yaml.load(raw, Loader=yaml.CSafeLoader)),
    ]
    try:
        import ryaml

        rows.append(("ryaml.loads (Rust, serde_yaml)", lambda: ryaml.loads(text)))
    except ImportError:
        print("ryaml is not installed", file=sys.stderr)
    try:
        import ryml

        rows.append(
            ("rapidyaml parse only (ryml.parse_in_arena)", lambda: ryml.parse_in_arena(raw))
        )
        rows.append(("rapidyaml parse + walk to dicts in Python", lambda: ryml_to_python(raw)))
    except ImportError:
        print("rapidyaml is not installed", file=sys.stderr)
    print(f"{path}: {len(raw) / 1024:.0f} KiB")
    for name, work in rows:
        print(f"  {best(work):7.1f} ms  {name}")
    if "ryaml" in sys.modules:
        print("ryaml on the strictness probes:")
        for name, probe in PROBES.items():
            try:
                outcome: object = sys.modules["ryaml"].loads(probe)
            except Exception as exc:  # what ryaml raises is its own business
                outcome = f"error: {str(exc).splitlines()[0][:70]}"
            print(f"  {name:<16} {probe!r:<40} -> {outcome}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "bench/corpus/large.yaml"))

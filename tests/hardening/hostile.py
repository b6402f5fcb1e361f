"""The hostile corpus: committed small files, and the large ones built at run time.

Each case has ``tests/fixtures/hostile/<name>.expected`` (format in the README there). Cases
listed in GENERATED have no committed ``.yaml``: their bytes are built here, into a temporary
folder, so that nothing of megabytes is committed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import FIXTURES
from tests.hardening.conftest import MINIMAL, minimal_with

HOSTILE = FIXTURES / "hostile"
MIB = 1024 * 1024


def _flow_nesting() -> bytes:
    return b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def _flow_mapping_nesting() -> bytes:
    return b"a: " + b"{a: " * 10_000 + b"x" + b"}" * 10_000 + b"\n"


def _compact_block_nesting() -> bytes:
    """Block sequences, each inside the last: `- - - - x`, 10,000 levels on one line."""
    return b"a:\n  " + b"- " * 10_000 + b"x\n"


def _indented_block_nesting(levels: int) -> Callable[[], bytes]:
    """Block mappings indented one more space per level (10,000 levels make 50 MB)."""

    def build() -> bytes:
        return b"".join(b" " * i + b"a:\n" for i in range(levels)) + b" " * levels + b"x\n"

    return build


def _fifty_mib() -> bytes:
    """A valid roadmap with 50 MiB of comments after it."""
    padding = b"# " + b"x" * 1021 + b"\n"
    return MINIMAL.encode() + padding * (50 * 1024)


def _binary_garbage() -> bytes:
    return random.Random(8).randbytes(MIB)


def _long_string() -> bytes:
    """A valid roadmap whose activity title is one line of a million characters."""
    title = "Appui " + "à la régionalisation " * 50_000
    return minimal_with("title: Appui à la régionalisation", f"title: {title}").encode()


def _long_id() -> bytes:
    """A lower-case id of a million characters: its message and hint must stay short."""
    return minimal_with("  - id: GOV-01", "  - id: gov-" + "0" * MIB).encode()


def _long_key() -> bytes:
    return minimal_with("currency: USD\n", "currency: USD\n" + "k" * MIB + ": x\n").encode()


def _dense_values() -> bytes:
    """Eight MiB of `1,`: four million values, far more than any roadmap."""
    body = b"1," * (4 * MIB - 16)
    return b"a: [" + body + b"1]\n"


def _empty_activities() -> bytes:
    """49,900 activities `{}`, each missing five fields: a quarter of a million errors."""
    head = MINIMAL[: MINIMAL.index("activities:")]
    return (head + "activities: [" + ",".join(["{}"] * 49_900) + "]\n").encode()


def _many_refs() -> bytes:
    """A valid roadmap just under the value limit: one activity with 49,900 references."""
    refs = "    refs: [" + ",".join(["GPW13-1.1"] * 49_900) + "]\n"
    return minimal_with("    lead: MS\n", "    lead: MS\n" + refs).encode()


def _duplicate_keys() -> bytes:
    return b"".join(b'"k": %d\n' % i for i in range(20_000))


def _one_line_no_newline() -> bytes:
    return b"a" * MIB


GENERATED: dict[str, Callable[[], bytes]] = {
    "nesting_flow_10000": _flow_nesting,
    "nesting_flow_mapping_10000": _flow_mapping_nesting,
    "nesting_block_compact_10000": _compact_block_nesting,
    "nesting_block_indented_1000": _indented_block_nesting(1000),
    "nesting_block_indented_10000": _indented_block_nesting(10_000),
    "nesting_block_indented_10000_raised": _indented_block_nesting(10_000),
    "size_50mib": _fifty_mib,
    "binary_garbage": _binary_garbage,
    "long_string_1mib": _long_string,
    "long_id_1mib": _long_id,
    "long_key_1mib": _long_key,
    "dense_values": _dense_values,
    "empty_activities": _empty_activities,
    "many_refs": _many_refs,
    "duplicate_keys": _duplicate_keys,
    "one_line_no_newline": _one_line_no_newline,
}


@dataclass
class Expected:
    """What ``<name>.expected`` asks for (see the README beside the corpus)."""

    exits: dict[str, int] = field(default_factory=dict)
    findings: list[tuple[str, int, int, str]] = field(default_factory=list)
    # ``or CODE line:col text`` under a finding: another answer that is as right (by index)
    alternatives: dict[int, list[tuple[str, int, int, str]]] = field(default_factory=dict)
    count: int | None = None  # with ``findings N``: the findings listed are a subsequence
    config: list[str] = field(default_factory=list)


def cases() -> list[str]:
    return sorted(p.stem for p in HOSTILE.glob("*.expected"))


def materialise(name: str, folder: Path) -> Path:
    """The case's file inside ``folder``: copied, or built when it is a generated case."""
    target = folder / f"{name}.yaml"
    builder = GENERATED.get(name)
    target.write_bytes(builder() if builder else (HOSTILE / f"{name}.yaml").read_bytes())
    return target


def expected(name: str) -> Expected:
    found = Expected()
    for raw in (HOSTILE / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if head == "exit":
            command, code = rest.split()
            found.exits[command] = int(code)
        elif head == "config":
            found.config.append(rest)
        elif head == "findings":
            found.count = int(rest)
        elif head == "or":
            code, _, rest = rest.partition(" ")
            index = len(found.findings) - 1
            found.alternatives.setdefault(index, []).append(_finding(code, rest))
        else:
            found.findings.append(_finding(head, rest))
    return found


def _finding(code: str, rest: str) -> tuple[str, int, int, str]:
    position, _, text = rest.partition(" ")
    row, col = position.split(":")
    return (code, int(row), int(col), text.strip())


def answers(want: Expected, index: int) -> list[tuple[str, int, int, str]]:
    """The finding the case expects at ``index`` and its alternatives."""
    return [want.findings[index], *want.alternatives.get(index, [])]

"""Which configuration file a run uses, and its bytes, with the standard library alone.

``config.load_config`` checks the settings in the file with the models (pydantic); a warm
``validate`` (``cli/warm.py``) only needs to know which file it is and what it holds, because
those bytes key what the checked settings were. Both find the file here, so they cannot
disagree on it. Nothing here judges a key: every setting, old or new, is simply part of the
bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

YAML_NAMES = (".uhc-roadmap.yaml", ".uhc-roadmap.yml")
PYPROJECT = "pyproject.toml"
TABLE = "uhc-roadmap"


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """A configuration file that applies to the run: its path as found (absolute; resolve it
    for its identity) and its bytes."""

    path: Path
    raw: bytes


def candidates(start: Path) -> Iterator[Path]:
    """Where a configuration may be, nearest first: in each folder up from ``start``,
    ``.uhc-roadmap.yaml``, ``.uhc-roadmap.yml``, then ``pyproject.toml``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        yield from (folder / name for name in YAML_NAMES)
        yield folder / PYPROJECT


def claims(path: Path, raw: bytes) -> bool:
    """Whether the file is a configuration for this tool: any ``.uhc-roadmap.yaml``, and a
    pyproject.toml with a ``[tool.uhc-roadmap]`` entry (or one that cannot be read as TOML
    although it names the tool: that is reported, not passed over)."""
    if path.suffix != ".toml":
        return True
    text = raw.decode("utf-8", "replace")
    if TABLE not in text:
        return False  # someone else's pyproject.toml: not ours to judge
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and tool.get(TABLE) is not None


def nearest(start: Path, read: Callable[[Path], bytes] = Path.read_bytes) -> ConfigFile | None:
    """The configuration file nearest up from ``start``, or None: the defaults apply.

    ``read`` reads a candidate (``config`` turns an unreadable one into a located error).
    """
    for candidate in candidates(start):
        if candidate.is_file():
            raw = read(candidate)
            if claims(candidate, raw):
                return ConfigFile(candidate, raw)
    return None

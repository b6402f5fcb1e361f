"""The lowest dependency versions uhc-roadmap declares, as pip constraints, and a check of them.

`make test-min` installs the tool with every runtime dependency at its declared floor and runs
the end-to-end tests there, so that a `>=` in pyproject.toml can never promise more than was
tested. The floors are read from pyproject.toml: the core dependencies and every extra except
the developers' own (DEV_EXTRAS), so that a dependency added to either is covered with no edit
here.

    python .ci/floors.py constraints   # name==floor lines, for `pip install -c`
    python .ci/floors.py extras        # the runtime extras, comma-separated: `.[test,EXTRAS]`
    python .ci/floors.py check         # every constrained package is installed at its floor

A runtime dependency without a floor (`>=`, `~=` or `==`) is an error: it could not be tested.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

# Extras that only developers install (test tools, benchmark peers): not floors users meet.
DEV_EXTRAS = frozenset({"test", "bench"})
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


class FloorError(Exception):
    """pyproject.toml declares a runtime dependency that has no testable floor."""


@dataclass(frozen=True)
class Floor:
    name: str  # canonical: `pyyaml`, `typing-extensions`
    version: Version
    marker: str  # an environment marker, or ""

    def constraint(self) -> str:
        return f"{self.name}=={self.version}" + (f"; {self.marker}" if self.marker else "")

    def applies(self) -> bool:
        return not self.marker or Requirement(f"x; {self.marker}").marker.evaluate()  # type: ignore[union-attr]


def project(pyproject: Path) -> dict[str, object]:
    with pyproject.open("rb") as handle:
        table: dict[str, object] = tomllib.load(handle)["project"]
    return table


def runtime_extras(pyproject: Path) -> list[str]:
    extras = project(pyproject).get("optional-dependencies", {})
    assert isinstance(extras, dict)
    return sorted(name for name in extras if name not in DEV_EXTRAS)


def floor_of(requirement: Requirement) -> Version:
    lows = [
        Version(spec.version)
        for spec in requirement.specifier
        if spec.operator in {">=", "~=", "=="} and "*" not in spec.version
    ]
    if not lows:
        raise FloorError(
            f"{requirement.name}: no floor in `{requirement}`; declare the lowest version that "
            "works, e.g. `>=1.2`, and `make test-min` tests it"
        )
    return max(lows)


def floors(pyproject: Path) -> list[Floor]:
    table = project(pyproject)
    own = canonicalize_name(str(table["name"]))
    declared = list(table.get("dependencies", []))  # type: ignore[call-overload]
    extras = table.get("optional-dependencies", {})
    assert isinstance(extras, dict)
    for name in runtime_extras(pyproject):
        declared += extras[name]
    found: dict[tuple[str, str], Version] = {}
    for line in declared:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == own:  # an extra made of other extras: `uhc-roadmap[iati,pdf]`
            continue
        key = (name, str(requirement.marker or ""))
        found[key] = max(found.get(key, Version("0")), floor_of(requirement))
    return [Floor(name, version, marker) for (name, marker), version in sorted(found.items())]


def mismatches(expected: list[Floor]) -> list[str]:
    """What is installed otherwise than at its floor (a constraint pip did not apply)."""
    wrong = []
    for floor in expected:
        if not floor.applies():
            continue
        try:
            installed = Version(metadata.version(floor.name))
        except metadata.PackageNotFoundError:
            wrong.append(f"{floor.name}: not installed (floor {floor.version})")
            continue
        if installed != floor.version:
            wrong.append(f"{floor.name}: {installed} installed, floor {floor.version}")
    return wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["constraints", "extras", "check"])
    parser.add_argument("--pyproject", type=Path, default=PYPROJECT)
    args = parser.parse_args(argv)
    try:
        declared = floors(args.pyproject)
    except FloorError as exc:
        print(f"{args.pyproject}: {exc}", file=sys.stderr)
        return 1
    if args.action == "constraints":
        print(
            "# Generated from pyproject.toml by .ci/floors.py: every runtime dependency at its floor."
        )
        print("\n".join(floor.constraint() for floor in declared))
    elif args.action == "extras":
        print(",".join(runtime_extras(args.pyproject)))
    else:
        wrong = mismatches(declared)
        for line in wrong:
            print(f"floors: {line}", file=sys.stderr)
        if wrong:
            return 1
        print(f"floors: {len(declared)} dependencies installed at their declared minimum")
    return 0


if __name__ == "__main__":
    sys.exit(main())

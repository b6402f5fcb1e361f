"""The hostile-template corpus: committed template bodies, and the cases built at run time.

Each case has ``tests/fixtures/hostile_templates/<name>.expected`` (format in the README there).
Its template folder is made in a temporary case folder as ``tpl/``, beside a ``secret.txt``
that no run may read, and the template is ``tpl/t.html.j2``: the committed ``<name>.html.j2``,
or what the builder registered under the name in GENERATED makes (links, FIFOs, invalid bytes,
deep nesting: what git cannot hold or what is clearer as a program).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import FIXTURES

CORPUS = FIXTURES / "hostile_templates"
CANARY = "CANARY-d41d8cd98f00b204: a file outside the template folder"
TEMPLATE = "t.html.j2"


def _link_file(folder: Path) -> None:
    (folder / "leak.txt").symlink_to("../secret.txt")


def _link_absolute(folder: Path) -> None:
    (folder / "passwd.txt").symlink_to("/etc/passwd")


def _link_folder(folder: Path) -> None:
    (folder / "up").symlink_to("..")


def _link_template(folder: Path) -> None:
    (folder / TEMPLATE).symlink_to("../secret.txt")


def _fifo_template(folder: Path) -> None:
    os.mkfifo(folder / TEMPLATE)


def _fifo_include(folder: Path) -> None:
    os.mkfifo(folder / "x.html.j2")


def _folder_template(folder: Path) -> None:
    (folder / "dir.html.j2").mkdir()
    (folder / "dir.html.j2" / "inside.txt").write_text("a folder, not a template\n")


def _invalid_utf8(folder: Path) -> None:
    (folder / TEMPLATE).write_bytes(
        "{# Latin-1, not UTF-8. #}\nCaf\xe9 au lait\n".encode("latin-1")
    )


def _nested_ifs(folder: Path) -> None:
    body = "{# 100 levels. #}\n" + "{% if true %}" * 100 + "x" + "{% endif %}" * 100 + "\n"
    (folder / TEMPLATE).write_text(body, encoding="utf-8")


def _nested_parentheses(folder: Path) -> None:
    body = "{# 100 levels. #}\n{{ " + "(" * 100 + "1" + ")" * 100 + " }}\n"
    (folder / TEMPLATE).write_text(body, encoding="utf-8")


GENERATED: dict[str, Callable[[Path], None]] = {
    "link_file": _link_file,
    "link_absolute": _link_absolute,
    "link_folder": _link_folder,
    "link_template": _link_template,
    "fifo_template": _fifo_template,
    "fifo_include": _fifo_include,
    "folder_template": _folder_template,
    "invalid_utf8": _invalid_utf8,
    "nested_ifs_100": _nested_ifs,
    "nested_parens_100": _nested_parentheses,
}


@dataclass
class Expected:
    """What ``<name>.expected`` asks for (see the README beside the corpus)."""

    exit: int | None = None
    stderr: list[str] = field(default_factory=list)
    config: list[str] = field(default_factory=list)
    template: str = "t"
    hidden: list[str] = field(default_factory=list)


def cases() -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.expected"))


def materialise(name: str, case: Path) -> Path:
    """The case's template folder ``case/tpl``, with ``case/secret.txt`` beside it."""
    (case / "secret.txt").write_text(CANARY + "\n", encoding="utf-8")
    folder = case / "tpl"
    folder.mkdir()
    committed = CORPUS / f"{name}.html.j2"
    if committed.exists():
        (folder / TEMPLATE).write_bytes(committed.read_bytes())
    builder = GENERATED.get(name)
    if builder is not None:
        builder(folder)
    return folder


def expected(name: str) -> Expected:
    found = Expected()
    for raw in (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if head == "exit":
            found.exit = int(rest)
        elif head == "stderr":
            found.stderr.append(rest)
        elif head == "config":
            found.config.append(rest)
        elif head == "template":
            found.template = rest
        elif head == "list-hides":
            found.hidden.append(rest)
        else:
            raise ValueError(f"{name}.expected: unknown directive `{head}`")
    return found

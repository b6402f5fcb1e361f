"""Where templates live: the built-in folder (inside the wheel, or the repository's ``templates/``
for an editable install) and an optional user folder whose templates override built-ins by name.

A template is a file ``<name>.<format>.j2``; files starting with ``_`` are layouts and macros,
never offered to ``--template``. Its first Jinja comment is the description ``--list`` shows.
Only regular files inside a folder are templates (render/containment.py): ``--list`` passes over
a folder, a FIFO or a link leading out that is named like one, and never opens anything that
could block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from uhc_roadmap.errors import UsageError
from uhc_roadmap.render.containment import TemplateRefused, open_template, present, template_file

FORMATS = ("md", "html")
SUFFIX = ".j2"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_DESCRIPTION = re.compile(r"^\s*\{#-?\s*(.*?)\s*-?#\}", re.DOTALL)


class TemplateChoiceError(UsageError, ValueError):
    """A --template or --template-dir that cannot be used (exit 2)."""


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """One template name as ``--list`` shows it, merged across folders."""

    name: str
    formats: tuple[str, ...]
    description: str
    origin: str  # "built-in", "user" or "user, overrides built-in"


def builtin_folder() -> Path:
    """The installed package's ``uhc_roadmap/templates``, else the repository's ``templates/``."""
    packaged = Path(str(resources.files("uhc_roadmap"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def search_path(user_folder: Path | None) -> list[Path]:
    """Folders in lookup order: the user's first, so their templates win."""
    if user_folder is None:
        return [builtin_folder()]
    if not user_folder.is_dir():
        raise TemplateChoiceError(f"--template-dir: {user_folder} is not a directory")
    return [user_folder, builtin_folder()]


def check_name(name: str) -> str:
    """A template name is a plain word: no path, so it cannot leave the template folders."""
    if not _NAME.fullmatch(name):
        raise TemplateChoiceError(
            f"`{name}` is not a template name; use a name from `uhc-roadmap render --list`"
        )
    return name


def file_name(name: str, output_format: str) -> str:
    return f"{check_name(name)}.{output_format}{SUFFIX}"


def find(name: str, output_format: str, folders: list[Path]) -> str:
    """The loader name of a template, or a clear error naming what exists."""
    wanted = file_name(name, output_format)
    if any(present(folder, wanted) for folder in folders):
        return wanted  # a file that is not one a template can be read from is refused as it loads
    known = {info.name: info.formats for info in list_templates(folders)}
    if name in known:
        formats = ", ".join(known[name])
        raise TemplateChoiceError(f"template `{name}` has no {output_format} version ({formats})")
    raise TemplateChoiceError(f"no template `{name}`; available: {', '.join(sorted(known))}")


def located(name: str, folders: list[Path]) -> Path:
    """The path of the entry that answers for the loader name ``name``: the first folder's."""
    return next((f / name for f in folders if present(f, name)), folders[-1] / name)


def list_templates(folders: list[Path]) -> list[TemplateInfo]:
    """Every offered template, user and built-in, sorted by name."""
    builtin = builtin_folder()
    found: dict[str, dict[str, Path]] = {}
    for folder in reversed(folders):  # built-in first, user entries then replace them
        for path in sorted(folder.glob(f"*.*{SUFFIX}")):
            parsed = _parse(path.name)
            if parsed is not None and template_file(folder, path.name):
                found.setdefault(parsed[0], {})[parsed[1]] = path
    return [_info(name, by_format, builtin) for name, by_format in sorted(found.items())]


def _parse(file: str) -> tuple[str, str] | None:
    stem = file.removesuffix(SUFFIX)
    name, _, output_format = stem.rpartition(".")
    if file.startswith("_") or output_format not in FORMATS or not _NAME.fullmatch(name):
        return None
    return name, output_format


def _info(name: str, by_format: dict[str, Path], builtin: Path) -> TemplateInfo:
    formats = tuple(f for f in FORMATS if f in by_format)
    from_user = [f for f in formats if by_format[f].parent != builtin]
    overrides = any(template_file(builtin, file_name(name, f)) for f in from_user)
    origin = "built-in" if not from_user else "user, overrides built-in" if overrides else "user"
    description = description_of(by_format[formats[0]])
    return TemplateInfo(name, formats, description, origin)


def description_of(path: Path) -> str:
    """The template's leading ``{# ... #}`` comment, on one line."""
    try:
        with open_template(path.parent, path.name) as handle:
            head = handle.read(8000).decode("utf-8", "replace")
    except (OSError, TemplateRefused):
        return ""
    match = _DESCRIPTION.match(head)
    return " ".join(match.group(1).split()) if match else ""

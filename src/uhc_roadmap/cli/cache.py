"""``uhc-roadmap cache clear|info``: the content cache of ``validate`` and ``report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.cli.common import emit, load_config
from uhc_roadmap.errors import UsageError

ACTIONS = ("clear", "info")


def cache(
    action: Annotated[
        str, typer.Argument(help="clear: delete the cache; info: where it is and its size.")
    ],
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file; the cache is in its folder. Default: the nearest one up "
            "from the working directory, else the working directory.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Clear the content cache, or show where it is and its size (.uhc-roadmap-cache/)."""
    from uhc_roadmap.cache import Cache

    if action not in ACTIONS:
        raise UsageError(f"unknown action `{action}`; choose clear or info")
    store = Cache.in_project(load_config(config).root)
    if action == "clear":
        try:
            removed = store.clear()
        except OSError as exc:
            raise UsageError(
                f"cannot clear the cache {store.folder} ({exc.strerror or exc})"
            ) from None
        emit(f"removed {store.folder} ({removed} entries)\n", None)
        return
    info = store.info()
    if info.refused is not None:
        emit(f"{info.folder}: not used: {info.refused}\n", None)
        return
    if not info.exists:
        emit(f"{info.folder}: no cache yet\n", None)
        return
    lines = [f"{info.folder}: {_size(info.size)}"]
    lines += [f"  {namespace}: {count} entries" for namespace, count in info.entries.items()]
    emit("\n".join(lines) + "\n", None)


def _size(size: int) -> str:
    for unit, factor in (("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"

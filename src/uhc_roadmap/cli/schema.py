"""``uhc-roadmap schema``: print or write the JSON Schema of the roadmap format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.cli.common import emit


def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to this file.")
    ] = None,
) -> None:
    """Print the JSON Schema of the roadmap format, for editors and other validators."""
    from uhc_roadmap.schema import schema_text

    emit(schema_text(), output)

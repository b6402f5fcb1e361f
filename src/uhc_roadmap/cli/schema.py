"""``uhc-roadmap schema``: print or write the JSON Schema of the roadmap format."""

from __future__ import annotations

from uhc_roadmap.cli.common import emit
from uhc_roadmap.cli.options import OutputOption


def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the roadmap format, for editors and other validators."""
    from uhc_roadmap.schema import schema_text

    emit(schema_text(), output)

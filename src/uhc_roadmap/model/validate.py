"""From loaded data to a Roadmap, or to located S-diagnostics."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from uhc_roadmap.diagnostics import Diagnostic
from uhc_roadmap.loading.sourcemap import SourceMap
from uhc_roadmap.model.messages import Translator
from uhc_roadmap.model.roadmap import Roadmap


def build_roadmap(
    data: dict[str, Any], source_map: SourceMap, file: str, text: str
) -> tuple[Roadmap | None, list[Diagnostic]]:
    try:
        return Roadmap.model_validate(data), []
    except ValidationError as exc:
        translator = Translator(Roadmap, data, source_map, file, text)
        return None, translator.translate(exc.errors(include_url=False))

"""JSON text as every JSON output writes it: characters as they are, names exact.

A file name is bytes on POSIX. JSON carries a UTF-8 name exactly, control characters and all,
so a script can open the file it names; what could drive a terminal that shows the JSON is
written as a JSON escape, which every JSON reader turns back into the same character: C0
controls (by ``json`` itself: ``"\\u001b[31mred.yaml"``), DEL and C1 controls, and the
bidirectional controls (``\\u202e``). A name that is not UTF-8 keeps each undecodable byte as
the lone surrogate ``os.fsdecode`` made of it, written ``\\udcff``: the text stays valid UTF-8
JSON, and Python's ``json`` and ``os.fsencode`` give the original bytes back.
"""

from __future__ import annotations

import json
import re
from typing import Any

from uhc_roadmap.formats.terminal import BIDI_CONTROLS

_ESCAPED = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")


def dumps(document: Any, *, indent: int | None = 2) -> str:
    """``document`` as JSON text, ending with a line break."""
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    return _ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"

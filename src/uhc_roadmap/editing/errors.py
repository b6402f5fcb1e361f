"""Why an edit was not made: each error carries its message and, where there are, findings."""

from __future__ import annotations

from collections.abc import Sequence

from uhc_roadmap.diagnostics import Diagnostic


class EditError(Exception):
    """An edit that was not made; the file is left as it was."""

    def __init__(
        self, message: str, diagnostics: Sequence[Diagnostic] = (), hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = list(diagnostics)
        self.hint = hint


class NotLoadable(EditError):
    """The file does not load as YAML (the loader's findings say why)."""


class AddressError(EditError):
    """An id, field or value on the command line that does not name something in the file."""


class EditRefused(EditError):
    """The edit would add errors to a roadmap (the findings are the errors it would add)."""


class ConcurrentEdit(EditError):
    """The file changed on disk between reading it and writing it back."""


class EditBug(EditError):
    """The edited text would not mean what was asked: a bug in uhc-roadmap, never written."""

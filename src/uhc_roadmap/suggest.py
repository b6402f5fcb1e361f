""" "Did you mean …?": the one place that finds the known words nearest to a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, known: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` known words close to ``word``, best first (difflib's ratio ≥ ``cutoff``)."""
    import difflib  # only when a word is wrong

    return difflib.get_close_matches(word, list(known), n=n, cutoff=cutoff)


def nearest(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known word nearest to ``word``, or None when none is near enough."""
    found = closest(word, known, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(
    word: str, known: Iterable[str], *, otherwise: str = "", cutoff: float = 0.6
) -> str:
    """``did you mean `x`?`` for the nearest known word, else ``otherwise``."""
    found = nearest(word, known, cutoff=cutoff)
    return f"did you mean `{found}`?" if found is not None else otherwise

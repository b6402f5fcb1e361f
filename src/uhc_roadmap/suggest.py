""" "Did you mean …?": the one place that finds the known words nearest to a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


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


def named(word: str, names: Mapping[str, Iterable[str]]) -> list[str]:
    """The keys whose names ``word`` is: ``Luxembourg`` -> ``["LU"]`` for an organisation ``LU``
    named "Coopération luxembourgeoise". Case, accents and punctuation do not count; a word of
    four letters or more also matches the start of a word of the name."""
    wanted = _words(word)
    if len("".join(wanted)) < 3:  # "la", "de": in too many names to say anything
        return []
    found = []
    for key, texts in names.items():
        for text in texts:
            words = _words(text)
            whole = wanted == words or _inside(wanted, words)
            if whole or (len("".join(wanted)) >= 4 and _starts(wanted, words)):
                found.append(key)
                break
    return found


def _words(text: str) -> list[str]:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return plain.split()


def _inside(wanted: list[str], words: list[str]) -> bool:
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _starts(wanted: list[str], words: list[str]) -> bool:
    n = len(wanted)
    return any(
        all(w.startswith(x) for w, x in zip(words[i : i + n], wanted, strict=True))
        for i in range(len(words) - n + 1)
    )

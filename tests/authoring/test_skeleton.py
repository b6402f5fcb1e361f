"""`uhc-roadmap new`: the skeleton validates as written, in every language asked for."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pycountry
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, check_text
from uhc_roadmap.authoring.skeleton import (
    SchemaPlace,
    SkeletonError,
    SkeletonOptions,
    build_skeleton,
    parse_day,
    parse_languages,
    resolve_country,
    schema_place,
)
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE
from uhc_roadmap.i18n.languages import locale_folder
from uhc_roadmap.model import Roadmap
from uhc_roadmap.schema import SCHEMA_ID
from uhc_roadmap.validation import check_bytes

START, END = date(2024, 1, 1), date(2026, 12, 31)
SKELETON = ROOT / "src" / "uhc_roadmap" / "authoring" / "skeleton.py"


def skeleton(
    country: str = "MA",
    languages: tuple[str, ...] = ("fr", "en"),
    start: date = START,
    end: date = END,
    schema_ref: str = SCHEMA_ID,
) -> str:
    options = SkeletonOptions(country, "UHCP-IV", start, end, languages, schema_ref=schema_ref)
    return build_skeleton(options).text


def loaded(text: str) -> Roadmap:
    checked = check_bytes(text.encode("utf-8"), "new.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics
    return checked.roadmap


def assert_clean(text: str) -> None:
    problems = [
        d for d in check_text(text, "new.yaml").diagnostics if d.severity is not Severity.INFO
    ]
    assert problems == [], "\n".join(f"{d.line}:{d.col} {d.code} {d.message}" for d in problems)


@pytest.mark.parametrize("country", ["MA", "NO"])
@pytest.mark.parametrize("languages", [("fr",), ("en",), ("fr", "en"), ("en", "fr")])
def test_skeleton_validates_with_no_error_or_warning(
    country: str, languages: tuple[str, ...]
) -> None:
    assert_clean(skeleton(country, languages))


@pytest.mark.parametrize("languages", [("fr",), ("en",), ("fr", "en")])
def test_texts_are_written_in_each_language(languages: tuple[str, ...]) -> None:
    roadmap = loaded(skeleton("MA", languages))
    default = languages[0]
    assert roadmap.languages == list(languages)
    axes = {
        "fr": ["Gouvernance", "Financement de la santé", "Ressources humaines pour la santé"],
        "en": ["Governance", "Health financing", "Human resources for health"],
    }
    for lang in languages:
        titles = [axis.title.get(lang, default) for axis in roadmap.axes]
        assert titles == [(title, False) for title in axes[lang]]
    country_name = {"fr": "Maroc", "en": "Morocco"}
    for lang in languages:
        assert country_name[lang] in roadmap.title.get(lang, default)[0]


def test_skeleton_has_the_parts_the_format_teaches() -> None:
    text = skeleton("NO", ("en",))
    roadmap = loaded(text)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert 'country: "NO"' in text  # quoted, so YAML 1.1 readers see Norway, not false
    assert [a.building_block for a in roadmap.axes] == ["governance", "financing", "workforce"]
    assert {o.type for o in roadmap.organisations} == {"government", "who"}
    example = roadmap.activities[0]
    assert example.milestones
    assert example.budget
    assert example.budget[0].funder == "WHO-NO"
    assert {a.axis for a in roadmap.activities} == {"GOV", "FIN", "HRH"}
    assert [i.activity for i in roadmap.indicators] == [example.id]
    assert (roadmap.phase.start, roadmap.phase.end) == (START, END)
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 15


def test_a_language_without_built_in_words_gets_english_placeholders() -> None:
    built = build_skeleton(SkeletonOptions("MA", "P1", START, END, ("de", "fr")))
    assert built.untranslated == ("de",)
    assert "# The texts in de are English placeholders: translate them." in built.text
    roadmap = loaded(built.text)
    assert roadmap.axes[0].title.get("de", "de") == ("Governance", False)
    assert_clean(built.text)


def test_comments_speak_the_language_of_messages() -> None:
    """The comments are English by default, whatever the roadmap's languages; they follow
    ``messages`` (from the catalogs) while the texts stay in the roadmap's languages."""
    english = skeleton("MA", ("fr",))
    assert "# Written by `uhc-roadmap new`." in english
    options = SkeletonOptions("MA", "UHCP-IV", START, END, ("en", "de"), messages="fr")
    built = build_skeleton(options)
    lines = built.text.splitlines()
    assert lines[2] == (
        "# Feuille de route du Partenariat pour la CSU : Maroc, phase UHCP-IV "
        "(du 2024-01-01 au 2026-12-31)."
    )
    assert "# Les textes (de) sont des textes anglais provisoires : traduisez-les." in lines
    assert '      en: "Governance"' in lines
    assert "    # progress: 0  # pourcentage réalisé, pour une activité en cours" in lines
    assert not [line for line in lines if "Written by" in line or "Status:" in line]
    assert_clean(built.text)


def skeleton_msgids() -> set[str]:
    """The skeleton's words, extracted as translators' tools do: N_ texts, say/comment comments."""
    keywords = {"N_": None, "say": None, "comment": None}
    found = extract_from_file("python", str(SKELETON), keywords=keywords)
    return {message for _, message, _, _ in found}


def skeleton_catalog(lang: str) -> dict[str, str]:
    path = Path(str(locale_folder() / lang / "skeleton.po"))
    assert path.is_file(), f"{lang} has no skeleton.po: `new --lang {lang}` would write English"
    catalog = read_po(BytesIO(path.read_bytes()), locale=lang)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and not m.fuzzy}


def test_the_skeleton_has_words_to_translate() -> None:
    assert len(skeleton_msgids()) > 30


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_language_translates_every_skeleton_word(lang: str) -> None:
    msgids, catalog = skeleton_msgids(), skeleton_catalog(lang)
    assert sorted(m for m in msgids if not catalog.get(m)) == [], "untranslated"
    assert sorted(set(catalog) - msgids) == [], "no longer used by skeleton.py"
    for msgid in msgids:
        names = sorted(re.findall(r"%\((\w+)\)s", msgid))
        assert sorted(re.findall(r"%\((\w+)\)s", catalog[msgid])) == names, msgid


def test_comments_in_a_language_without_catalog_are_refused() -> None:
    with pytest.raises(
        SkeletonError, match="no comments in `de`; choose one of: ar, en, es, fr, pt, ru"
    ):
        build_skeleton(SkeletonOptions("MA", "P1", START, END, messages="de"))


def test_schema_ref_can_point_at_a_relative_path() -> None:
    text = skeleton(schema_ref="../schema/roadmap.schema.json")
    assert text.startswith("# yaml-language-server: $schema=../schema/roadmap.schema.json\n")


def test_the_schema_is_placed_beside_the_roadmap_or_found_above(tmp_path: Path) -> None:
    target = tmp_path / "repo" / "roadmaps" / "x.yaml"
    target.parent.mkdir(parents=True)
    beside = target.parent / "roadmap.schema.json"
    assert schema_place(target) == SchemaPlace("roadmap.schema.json", beside)
    assert schema_place(None) == SchemaPlace("roadmap.schema.json")
    assert schema_place(target, "s.json") == SchemaPlace("s.json")
    (tmp_path / "repo" / "schema").mkdir()
    (tmp_path / "repo" / "schema" / "roadmap.schema.json").write_text("{}", encoding="utf-8")
    assert schema_place(target) == SchemaPlace("../schema/roadmap.schema.json")
    beside.write_text("{}", encoding="utf-8")  # one beside the roadmap comes first, kept current
    assert schema_place(target) == SchemaPlace("roadmap.schema.json", beside)


@pytest.mark.parametrize(
    "query", ["MA", "ma", "MAR", "Morocco", "morocco", "Kingdom of Morocco", "Maroc", "maroc"]
)
def test_country_by_code_or_name(query: str) -> None:
    assert resolve_country(query) == ("MA", "Morocco")


def test_norway_is_not_false() -> None:
    assert resolve_country("NO") == ("NO", "Norway")
    assert resolve_country("no") == ("NO", "Norway")


def test_french_names_accents_and_parts_of_names() -> None:
    assert resolve_country("algerie")[0] == "DZ"
    assert resolve_country("Kazakh") == ("KZ", "Kazakhstan")
    with pytest.raises(
        SkeletonError, match=r"`Korea` could be .*\(KP\).*\(KR\); give the ISO code"
    ):
        resolve_country("Korea")


def test_unknown_country_suggests_the_closest_name() -> None:
    with pytest.raises(SkeletonError, match=r"did you mean Morocco \(MA\)\?"):
        resolve_country("Marocco")
    with pytest.raises(SkeletonError, match="unknown country `XX`"):
        resolve_country("XX")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (END, START, "must be before"),
        (START, START, "must be before"),
    ],
)
def test_start_must_come_before_end(start: date, end: date, message: str) -> None:
    with pytest.raises(SkeletonError, match=message):
        build_skeleton(SkeletonOptions("MA", "P1", start, end))


@pytest.mark.parametrize("value", ["2024", "2024-02", "20240101", "2024-W01-1", "2024-02-30"])
def test_dates_must_be_calendar_days_written_in_full(value: str) -> None:
    with pytest.raises(SkeletonError, match="--start"):
        parse_day("--start", value)


@pytest.mark.parametrize("value", ["", "fr,fr", "fr,xx", "french"])
def test_languages_must_be_distinct_iso_639_1_codes(value: str) -> None:
    with pytest.raises(SkeletonError):
        parse_languages(value)


def test_phase_and_currency_are_checked() -> None:
    with pytest.raises(SkeletonError, match="--phase"):
        build_skeleton(SkeletonOptions("MA", "phase 4", START, END))
    with pytest.raises(SkeletonError, match="--currency"):
        build_skeleton(SkeletonOptions("MA", "P4", START, END, currency="EURO"))


COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)


@settings(max_examples=40, deadline=None)
@given(
    country=st.sampled_from(COUNTRIES),
    start=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
    length=st.integers(1, 3650),
    languages=st.lists(
        st.sampled_from(["fr", "en", "ar", "es", "ru", "pt", "de"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
def test_any_country_period_and_languages_validate(
    country: str, start: date, length: int, languages: list[str]
) -> None:
    text = skeleton(country, tuple(languages), start=start, end=start + timedelta(days=length))
    assert_clean(text)


def test_check_jsonschema_accepts_the_skeleton(tmp_path: Path) -> None:
    """Editors see the skeleton as valid too, through the committed schema."""
    path = tmp_path / "new.yaml"
    path.write_text(skeleton("NO", ("fr", "en")), encoding="utf-8")
    command = Path(sys.executable).with_name("check-jsonschema")
    completed = subprocess.run(
        [str(command), "--schemafile", str(ROOT / "schema" / "roadmap.schema.json"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr

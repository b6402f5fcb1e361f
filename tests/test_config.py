"""Configuration: found by walking up, strictly validated, located errors, fed into validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from uhc_roadmap import config as config_module
from uhc_roadmap.config import (
    Config,
    ConfigError,
    ConfigProblem,
    Settings,
    code_problem,
    load_config,
    parse_size,
)
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.loader import Limits


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(start: Path, explicit: Path | None = None) -> list[ConfigProblem]:
    with pytest.raises(ConfigError) as caught:
        load_config(start, explicit)
    return caught.value.problems


def test_no_file_gives_the_defaults_rooted_at_the_start(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.path is None
    assert config.roadmaps == tmp_path / "roadmaps"
    assert config.limits.max_bytes == 8 * 1024 * 1024
    assert config.selection().enabled("Q001")


def test_pyproject_table_is_found_from_a_sub_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.uhc-roadmap]\nroadmaps = "plans"\nselect = ["B"]\n')
    config = load_config(tmp_path / "a" / "b")
    assert config.path == tmp_path / "pyproject.toml"
    assert config.roadmaps == tmp_path / "plans"
    assert config.selection().enabled("B001")
    assert not config.selection().enabled("Q001")


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.uhc-roadmap]\nignore = ["Q"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "uhc-roadmap-data"\n')
    assert load_config(tmp_path / "sub").path == tmp_path / "pyproject.toml"


def test_broken_pyproject_of_another_tool_is_not_our_business(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.black\nline-length = \n")
    assert load_config(tmp_path).path is None


def test_nearest_file_wins_and_yaml_beats_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "ignore: [Q]\n")
    write(tmp_path / "sub" / "pyproject.toml", '[tool.uhc-roadmap]\nignore = ["B"]\n')
    write(tmp_path / "sub" / ".uhc-roadmap.yaml", "ignore: [D]\n")
    assert load_config(tmp_path / "sub").settings.ignore == ["D"]
    assert load_config(tmp_path / "sub" / "deeper").settings.ignore == ["D"]
    assert load_config(tmp_path).settings.ignore == ["Q"]


def test_explicit_file_wins_over_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "ignore: [Q]\n")
    other = write(tmp_path / "ci" / "strict.yaml", "severity: {Q001: error}\n")
    config = load_config(tmp_path, other)
    assert config.path == other
    assert config.root == other.parent
    assert config.selection().severity("Q001", Severity.WARNING) is Severity.ERROR


def test_explicit_missing_or_tableless_file_is_an_error(tmp_path: Path) -> None:
    assert "no such file" in problems(tmp_path, tmp_path / "nope.yaml")[0].message
    bare = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert "must be a table" in problems(tmp_path, bare)[0].message
    other = write(tmp_path / "config.ini", "[x]\n")
    assert ".uhc-roadmap.yaml or pyproject.toml" in problems(tmp_path, other)[0].message


def test_empty_yaml_file_means_the_defaults(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "# nothing configured yet\n")
    config = load_config(tmp_path)
    assert config.path == tmp_path / ".uhc-roadmap.yaml"
    assert config.settings == Config.default(tmp_path).settings


def test_unknown_key_is_named_located_and_a_close_one_suggested(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "select: [B]\n\nignroe: [Q]\n")
    [problem] = problems(tmp_path)
    assert (problem.line, problem.col) == (3, 1)
    assert problem.message == "unknown key `ignroe` in .uhc-roadmap.yaml"
    assert problem.hint == "did you mean `ignore`?"


def test_unknown_key_in_pyproject_is_located_by_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.uhc-roadmap]\nselect = ["B"]\n  exlude = ["drafts"]\n',
    )
    [problem] = problems(tmp_path)
    assert (problem.file.endswith("pyproject.toml"), problem.line, problem.col) == (True, 6, 3)
    assert "unknown key `exlude` in [tool.uhc-roadmap]" in problem.message
    assert problem.hint == "did you mean `exclude`?"


def test_toml_syntax_error_keeps_its_position(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.uhc-roadmap]\nselect = ["B"\nignore = 3\n')
    [problem] = problems(tmp_path)
    assert problem.message.startswith("invalid TOML")
    assert problem.line == 3


def test_yaml_config_gets_the_strict_loader(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "select: [B]\nselect: [Q]\n")
    [problem] = problems(tmp_path)
    assert (problem.line, problem.col) == (2, 1)
    assert "duplicate key `select`" in problem.message
    write(tmp_path / ".uhc-roadmap.yaml", "select: &a [B]\nignore: *a\n")
    assert {"anchor" in p.message or "alias" in p.message for p in problems(tmp_path)} == {True}


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("select: [B, ZZZ9]\n", (1, 13), "`select`: unknown rule code `ZZZ9`"),
        ("ignore: [B00l]\n", (1, 10), "`ignore`: unknown rule code `B00l`"),
        ("severity:\n  B0O1: off\n", (2, 3), "`severity`: unknown rule code `B0O1`"),
        ("severity: {B001: fatal}\n", (1, 18), "`severity.B001`: `fatal` is not a level"),
        ("select: B\n", (1, 9), '`select`: expected a list, e.g. ["B001", "Q"], got "B"'),
        ("max_depth: 0\n", (1, 12), "`max_depth`: should be greater than or equal to 1"),
        ("max_file_size: lots\n", (1, 16), "`max_file_size`: `lots` is not a size"),
        ("max_nodes: 10\n", (1, 12), "`max_nodes`: should be greater than or equal to 1000"),
        ("warn_unused_ignores: yes please\n", (1, 22), "`warn_unused_ignores`: expected true"),
        ("rules: {B00: {tolerance: 1}}\n", (1, 9), "`rules`: `B00` is not a whole rule code"),
        ("rules:\n  R001: {strict: true}\n", (2, 10), "unknown option `strict` for rule R001"),
        ("rules:\n  B001: {tolerence: 5}\n", (2, 10), "unknown option `tolerence` for rule B001"),
        ("rules:\n  B001: {tolerance: -5}\n", (2, 21), "`rules.B001.tolerance`: should be"),
        ("render_time_limit: soon\n", (1, 20), "`render_time_limit`: expected a number, got"),
        ("render_time_limit: 0\n", (1, 20), "`render_time_limit`: should be greater than 0"),
        ("render_memory_limit: much\n", (1, 22), "`render_memory_limit`: `much` is not a size"),
        ("render_output_limit: 0\n", (1, 22), "`render_output_limit`: should be greater than 0"),
    ],
)
def test_located_problems(tmp_path: Path, text: str, where: tuple[int, int], words: str) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", text)
    found = problems(tmp_path)
    assert [(p.line, p.col) for p in found] == [where], [str(p) for p in found]
    assert found[0].message.startswith(words), found[0].message


def test_option_suggestion_names_the_rule_option(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "rules:\n  B001: {tolerence: 5}\n")
    assert problems(tmp_path)[0].hint == "did you mean `tolerance`?"


def test_problems_come_sorted_and_all_at_once(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "max_depth: 0\nselect: [ZZ1]\nignroe: [YY1]\n")
    found = problems(tmp_path)
    assert [p.line for p in found] == [1, 2, 3]
    assert [p.message.split(":")[0] for p in found] == [
        "`max_depth`",
        "`select`",
        "unknown key `ignroe` in .uhc-roadmap.yaml",
    ]


def test_problem_prints_like_a_compiler(tmp_path: Path) -> None:
    problem = ConfigProblem("pyproject.toml", 7, 1, "unknown key `x`", "did you mean `y`?")
    assert str(problem) == "pyproject.toml:7:1: error: unknown key `x`\n    hint: did you mean `y`?"


def test_settings_feed_the_validation_options(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.uhc-roadmap]\n"
        'ignore = ["Q002"]\n'
        'max_file_size = "1 MiB"\n'
        "max_depth = 12\n"
        "max_nodes = 5000\n"
        "warn_unused_ignores = true\n"
        "[tool.uhc-roadmap.severity]\n"
        'Q = "off"\nB = "error"\nB001 = "info"\n'
        "[tool.uhc-roadmap.rules.B001]\ntolerance = 5\n",
    )
    options = load_config(tmp_path).validation_options()
    selection = options.selection
    assert options.limits.max_bytes == 1024 * 1024
    assert options.limits.max_depth == 12
    assert options.limits.max_nodes == 5000
    assert options.warn_unused_ignores
    assert not selection.enabled("Q001")
    assert selection.enabled("B002")
    assert selection.severity("B002", Severity.WARNING) is Severity.ERROR
    assert selection.severity("B001", Severity.WARNING) is Severity.INFO
    assert selection.options == {"B001": {"tolerance": 5}}


def test_command_line_lists_replace_the_configured_ones(tmp_path: Path) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", "select: [B]\nignore: [B001]\n")
    config = load_config(tmp_path)
    assert not config.selection().enabled("B001")
    assert config.selection(ignore=[]).enabled("B001")
    assert config.selection(select=["Q"]).enabled("Q001")
    assert not config.selection(select=["Q"]).enabled("B002")


@pytest.mark.parametrize(
    ("text", "size"),
    [("100", 100), ("16 MiB", 16 * 2**20), ("512KiB", 512 * 1024), (" 2 MB ", 2_000_000)],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["B", "KiB", "MiB", "kB"]))
def test_sizes_scale_by_their_unit(number: int, unit: str) -> None:
    factor = {"B": 1, "KiB": 1024, "MiB": 2**20, "kB": 1000}[unit]
    assert parse_size(f"{number} {unit}") == number * factor


@pytest.mark.parametrize("code", ["B", "B0", "B00", "B001", "Q", "Y013"])
def test_codes_and_prefixes_are_known(code: str) -> None:
    assert code_problem(code) is None


@pytest.mark.parametrize("code", ["b001", "B0001", "Z", "ALL", "", "B00x"])
def test_unknown_codes(code: str) -> None:
    problem = code_problem(code)
    assert problem is not None
    assert problem[0] == f"unknown rule code `{code}`"


def test_a_retired_code_says_so() -> None:
    message, hint = code_problem("Q003") or ("", "")
    assert message.startswith("`Q003` is a retired rule code (never released")
    assert hint == "remove it"


def test_lower_case_code_suggests_the_real_one() -> None:
    assert code_problem("b001") == ("unknown rule code `b001`", "did you mean `B001`?")


def test_the_documented_examples_load_and_agree(tmp_path: Path) -> None:
    """docs/configuration.md shows one configuration in both file types."""
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    toml_text = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    yaml_text = docs.split("`.uhc-roadmap.yaml`, the same settings:\n\n```yaml\n", 1)[1]
    yaml_text = yaml_text.split("```", 1)[0]
    write(tmp_path / "a" / "pyproject.toml", toml_text)
    write(tmp_path / "b" / ".uhc-roadmap.yaml", yaml_text)
    from_toml = load_config(tmp_path / "a").settings
    assert from_toml == load_config(tmp_path / "b").settings
    assert from_toml.rules == {"B001": {"tolerance": 5}}


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**9), st.text(max_size=12), st.floats()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_KEYS = st.sampled_from([*Settings.model_fields, "B001", "Q", "tolerance"]) | st.text(max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_any_table_gives_settings_or_located_problems(table: dict[str, object]) -> None:
    """Never a crash: pyproject.toml tables arrive as arbitrary data."""
    document = config_module._Document("x.toml", table, lambda path, key: (1, 1), "[t]")
    found: list[ConfigProblem] = []
    result: Settings | None = None
    try:
        result = config_module._settings(document)
    except ConfigError as exc:
        found = exc.problems
    assert (result is None) == bool(found)
    assert all(p.file == "x.toml" and p.message for p in found)


# -- iati: the publisher of `export --format iati` ----------------------------------------------

IATI_TOML = """[tool.uhc-roadmap.iati]
identifier_prefix = "XM-DAC-928-MA"
default_sector = 12220

[tool.uhc-roadmap.iati.reporting_org]
ref = "XM-DAC-928"
type = 40
name = { en = "World Health Organization", fr = "Organisation mondiale de la Santé" }
"""
IATI_YAML = """iati:
  identifier_prefix: XM-DAC-928-MA
  default_sector: 12220
  reporting_org:
    ref: XM-DAC-928
    type: 40
    name: {en: World Health Organization, fr: Organisation mondiale de la Santé}
"""


def test_iati_settings_read_alike_from_both_files(tmp_path: Path) -> None:
    write(tmp_path / "a" / "pyproject.toml", IATI_TOML)
    write(tmp_path / "b" / ".uhc-roadmap.yaml", IATI_YAML)
    iati = load_config(tmp_path / "a").settings.iati
    assert iati is not None
    assert iati == load_config(tmp_path / "b").settings.iati
    assert iati.reporting_org is not None
    assert (iati.reporting_org.ref, iati.reporting_org.type, iati.reporting_org.role) == (
        "XM-DAC-928",
        40,
        3,
    )
    assert iati.reporting_org.name == {
        "en": "World Health Organization",
        "fr": "Organisation mondiale de la Santé",
    }
    assert (iati.prefix, iati.default_sector) == ("XM-DAC-928-MA", 12220)


def test_iati_defaults(tmp_path: Path) -> None:
    write(
        tmp_path / ".uhc-roadmap.yaml",
        "iati: {reporting_org: {ref: XI-IATI-1, type: 10, name: X}}\n",
    )
    iati = load_config(tmp_path).settings.iati
    assert iati is not None
    assert (iati.prefix, iati.default_sector, iati.identifier_prefix) == ("XI-IATI-1", 12110, None)
    assert Config.default(tmp_path).settings.iati is None


ORG = "reporting_org: {ref: XM-DAC-928, type: 40, name: WHO}"


@pytest.mark.parametrize(
    ("text", "where", "words", "hint"),
    [
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 40, name: W}\n  sectr: 12110\n",
            (3, 3),
            "unknown key `iati.sectr` in .uhc-roadmap.yaml",
            "known keys: reporting_org, identifier_prefix, default_sector",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 40, name: W, rol: 4}\n",
            (2, 55),
            "unknown key `iati.reporting_org.rol`",
            "did you mean `role`?",
        ),
        (
            "iati:\n  reporting_org: {ref: ZZ-NOPE-1, type: 40, name: W}\n",
            (2, 24),
            "`iati.reporting_org.ref`: `ZZ-NOPE-1` does not start with a registration agency",
            "",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928/1, type: 40, name: W}\n",
            (2, 24),
            "`iati.reporting_org.ref`: `XM-DAC-928/1` is not usable as an organisation",
            "",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 41, name: W}\n",
            (2, 42),
            "`iati.reporting_org.type`: `41` is not an IATI OrganisationType code",
            "",
        ),
        (
            f"iati:\n  {ORG}\n  identifier_prefix: XM-DAC-92\n",
            (2, 3),
            "`iati`: `identifier_prefix` `XM-DAC-92` must start with the reporting",
            "",
        ),
        (
            f"iati:\n  {ORG}\n  default_sector: 12100\n",
            (3, 19),
            "`iati.default_sector`: `12100` is not an OECD DAC 5-digit sector code",
            "",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 40, name: {french: OMS}}\n",
            (2, 52),
            "`iati.reporting_org.name`: `french` is not a two-letter language code",
            "",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 40, name: {}}\n",
            (2, 52),
            "`iati.reporting_org.name`: give the name, or a map of language to name",
            "",
        ),
        (
            "iati:\n  reporting_org: {ref: XM-DAC-928, type: 40}\n",
            (2, 18),
            "`iati.reporting_org.name`: ",
            "",
        ),
    ],
)
def test_iati_problems_are_located(
    tmp_path: Path, text: str, where: tuple[int, int], words: str, hint: str
) -> None:
    write(tmp_path / ".uhc-roadmap.yaml", text)
    [problem] = problems(tmp_path)
    assert (problem.line, problem.col) == where, str(problem)
    assert problem.message.startswith(words), problem.message
    assert problem.hint == hint


def test_iati_unknown_key_in_pyproject_sub_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", IATI_TOML.replace("default_sector", "default_sectr"))
    [problem] = problems(tmp_path)
    assert (problem.line, problem.col) == (3, 1)
    assert problem.message == "unknown key `iati.default_sectr` in [tool.uhc-roadmap]"
    assert problem.hint == "did you mean `default_sector`?"


def test_the_documented_iati_example_loads_alike_from_both_files(tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = docs.split("## IATI export\n", 1)[1]
    toml_text = section.split("```toml\n", 1)[1].split("```", 1)[0]
    yaml_text = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    write(tmp_path / "a" / "pyproject.toml", toml_text)
    write(tmp_path / "b" / ".uhc-roadmap.yaml", yaml_text)
    iati = load_config(tmp_path / "a").settings.iati
    assert iati is not None
    assert iati == load_config(tmp_path / "b").settings.iati
    assert iati.prefix == "XM-DAC-928-MA"


def test_render_budgets_default_and_configured(tmp_path: Path) -> None:
    from uhc_roadmap.render.budget import MiB, RenderBudget

    assert load_config(tmp_path).render_budget() == RenderBudget()
    write(
        tmp_path / "pyproject.toml",
        "[tool.uhc-roadmap]\n"
        "render_time_limit = 5\n"
        'render_memory_limit = "1 GiB"\n'
        'render_output_limit = "32 MiB"\n',
    )
    assert load_config(tmp_path).render_budget() == RenderBudget(5, 1024 * MiB, 32 * MiB)
    write(tmp_path / ".uhc-roadmap.yaml", "render_time_limit: 2.5\n")
    assert load_config(tmp_path).render_budget() == RenderBudget(seconds=2.5)


def test_the_default_value_limit_admits_a_roadmap_of_2000_activities() -> None:
    """The largest realistic roadmap (bench/corpus.py: ~131 keys and values per activity)."""
    from bench.corpus import countries, roadmap

    from uhc_roadmap.loading import load_document

    country, regions = countries(1)[0]
    raw = roadmap(country, regions, 2000, seed=1).encode("utf-8")
    limits = Config.default(Path(".")).limits
    assert [d.code for d in load_document(raw, "big.yaml", limits).diagnostics] == []
    assert [
        d.code for d in load_document(raw, "big.yaml", Limits(max_nodes=200_000)).diagnostics
    ] == ["Y011"]

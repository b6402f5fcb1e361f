"""The site over the example roadmaps and over a git repository: pages, links, site.json,
the history chart, the cache, and a site without git."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.gitrepo import HISTORY
from tests.site.conftest import EXAMPLES, build, links
from uhc_roadmap.cache import Cache
from uhc_roadmap.countries import country_name
from uhc_roadmap.errors import InvalidRoadmaps
from uhc_roadmap.i18n import LANGUAGES
from uhc_roadmap.site import SiteSettings, build_site
from uhc_roadmap.validation import ValidationOptions, check_bytes

CODES = sorted(check_bytes(p.read_bytes(), p.name).roadmap.country for p in EXAMPLES)  # type: ignore[union-attr]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_layout(examples_site: Path) -> None:
    expected = {"index.html", "site.json", ".uhc-roadmap-site"}
    for lang in LANGUAGES:
        expected.add(f"{lang}/index.html")
        for code in CODES:
            expected |= {
                f"{lang}/{code}.html",
                f"{lang}/{code}-roadmap.html",
                f"{lang}/{code}-brief.html",
            }
    made = {
        p.relative_to(examples_site).as_posix() for p in examples_site.rglob("*") if p.is_file()
    }
    assert made == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_names_every_country(examples_site: Path, lang: str) -> None:
    index = (examples_site / lang / "index.html").read_text(encoding="utf-8")
    for code in CODES:
        assert f'<a href="{code}.html">{country_name(code, lang)}</a>' in index
    root = (examples_site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{LANGUAGES[0]}/{CODES[0]}.html">' in root


def test_every_relative_link_resolves(examples_site: Path) -> None:
    checked = 0
    for page in pages(examples_site):
        for tag, attribute, url in links(page):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # a link to the web: checked below that nothing is fetched from it
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (
                f"{page.relative_to(examples_site)}: <{tag} {attribute}={url!r}>"
            )
            assert examples_site.resolve() in target.parents, f"{page}: {url} leaves the site"
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), url
            checked += 1
    assert checked > 50


def test_nothing_is_fetched_from_the_network(examples_site: Path) -> None:
    for page in pages(examples_site):
        for tag, attribute, url in links(page):
            fetched = attribute != "href" or tag in ("link", "base")
            if fetched:
                assert not urlsplit(url).scheme, f"{page}: <{tag} {attribute}={url}>"
                assert not url.startswith("//"), f"{page}: <{tag} {attribute}={url}>"
        text = page.read_text(encoding="utf-8")
        assert "url(http" not in text
        assert "@import" not in text
        assert "default-src 'none'" in text


def test_documents_link_back_and_switch_language(examples_site: Path) -> None:
    code = CODES[0]
    brief = (examples_site / "fr" / f"{code}-brief.html").read_text(encoding="utf-8")
    assert '<a href="index.html">Tous les pays</a>' in brief
    assert f'<a href="{code}.html">' in brief
    assert f'<a href="../en/{code}-brief.html" hreflang="en" lang="en">English</a>' in brief


def test_site_json_lists_the_figures_and_pages(examples_site: Path) -> None:
    document = json.loads((examples_site / "site.json").read_text(encoding="utf-8"))
    assert document["languages"] == list(LANGUAGES)
    assert [c["country"] for c in document["countries"]] == CODES
    for country in document["countries"]:
        assert 0 <= country["figures"]["completion"] <= 1
        for names in country["pages"].values():
            assert all((examples_site / name).is_file() for name in names.values())


def test_history_chart_has_a_point_per_commit(history_site: Path) -> None:
    page = (history_site / "en" / "MA.html").read_text(encoding="utf-8")
    chart = re.search(r'<svg[^>]*class="chart chart-history".*?</svg>', page, re.DOTALL)
    assert chart is not None
    assert chart.group(0).count('<g class="revision">') == 2
    assert chart.group(0).count("<polyline") == 2  # completion and budget, unbroken
    document = json.loads((history_site / "site.json").read_text(encoding="utf-8"))
    revisions = document["countries"][0]["history"]["revisions"]
    assert [r["subject"] for r in revisions] == ["roadmap adopted", "GOV-01 completed"]
    assert revisions[1]["completion"] > revisions[0]["completion"]


def test_the_brief_says_what_changed_since_the_previous_version(history_site: Path) -> None:
    """The file is the last commit's version: the panel compares it with the one before."""
    for page in ("MA-brief.html", "MA.html"):
        text = (history_site / "en" / page).read_text(encoding="utf-8")
        panel = text[text.index('<section id="since-last"') :]
        assert "Compared with the version of 10 January 2022" in panel
        assert "roadmap adopted" in panel


def test_an_uncommitted_edit_is_compared_with_the_last_commit(tmp_path: Path) -> None:
    from tests.gitrepo import Repo

    (tmp_path / "repo").mkdir()
    repo = Repo(tmp_path / "repo")
    repo.commit("adopted", **{"roadmap.yaml": HISTORY / "v1.yaml"})
    repo.commit("GOV-01 completed", **{"roadmap.yaml": HISTORY / "v2.yaml"})
    (repo.folder / "roadmap.yaml").write_bytes((HISTORY / "v2.yaml").read_bytes() + b"# edited\n")
    build([repo.folder / "roadmap.yaml"], tmp_path / "public")
    brief = (tmp_path / "public" / "en" / "MA-brief.html").read_text(encoding="utf-8")
    panel = brief[brief.index('<section id="since-last"') :]
    assert "GOV-01 completed" in panel


def test_outside_git_the_site_has_no_history(tmp_path: Path) -> None:
    copy = tmp_path / "roadmap.yaml"
    copy.write_bytes((HISTORY / "v1.yaml").read_bytes())
    notes = build([copy], tmp_path / "public")
    assert notes == [f"{copy}: not in a git repository: the site shows no history for it"]
    page = (tmp_path / "public" / "en" / "MA.html").read_text(encoding="utf-8")
    assert "No history:" in page
    assert "chart-history" not in page


def test_an_invalid_roadmap_stops_the_site(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes((HISTORY / "broken.yaml").read_bytes())
    with pytest.raises(InvalidRoadmaps):
        build([broken], tmp_path / "public")
    assert not (tmp_path / "public").exists()


def test_a_warm_cache_renders_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from uhc_roadmap.bulk import Job

    cache = Cache(tmp_path / ".uhc-roadmap-cache")
    jobs = [Job(str(p), p.read_bytes()) for p in EXAMPLES]
    settings = SiteSettings(("en",), history=False)
    cold = build_site(jobs, EXAMPLES, ValidationOptions(), settings, cache=cache, workers=1)

    def no_rendering(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered again")

    monkeypatch.setattr("uhc_roadmap.site.pages.document_work", no_rendering)
    warm = build_site(jobs, EXAMPLES, ValidationOptions(), settings, cache=cache, workers=1)
    assert warm.files == cold.files


def test_no_page_names_the_builders_own_folders(examples_site: Path, history_site: Path) -> None:
    """The roadmaps were given by absolute paths: the site names them from their repository's
    root (or by their name alone), never by the folders of the machine that built it."""
    for site in (examples_site, history_site):
        for page in [*pages(site), site / "site.json"]:
            text = page.read_text(encoding="utf-8")
            assert str(EXAMPLES[0].parent.parent) not in text, page
            assert str(site.parent) not in text, page
    files = [c["file"] for c in json.loads((examples_site / "site.json").read_text())["countries"]]
    assert sorted(Path(f).name for f in files) == sorted(p.name for p in EXAMPLES)
    assert not any(Path(f).is_absolute() for f in files)
    history = json.loads((history_site / "site.json").read_text())["countries"]
    assert [c["file"] for c in history] == ["roadmap.yaml"]

"""Sites built once per module: over the example roadmaps, and over a git repository whose
second commit completes an activity."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from tests.gitrepo import HISTORY, Repo
from uhc_roadmap.bulk import Job
from uhc_roadmap.i18n import LANGUAGES
from uhc_roadmap.site import SiteSettings, build_site, publish
from uhc_roadmap.validation import ValidationOptions

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))


def build(files: list[Path], target: Path, *, pdf: bool = False, **settings: object) -> list[str]:
    """Build and publish a site of ``files`` into ``target``; the builder's notes."""
    jobs = [Job(str(f), f.read_bytes()) for f in files]
    chosen = SiteSettings(tuple(LANGUAGES), pdf=pdf, **settings)  # type: ignore[arg-type]
    site = build_site(jobs, files, ValidationOptions(), chosen)
    publish(site.files, target, force=False, protected=files)
    return list(site.notes)


@pytest.fixture(scope="session")
def examples_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sites") / "public"
    build(EXAMPLES, target)
    return target


@pytest.fixture(scope="session")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """roadmap.yaml committed twice (GOV-01 completed the second time), then a site of it."""
    repo = Repo(tmp_path_factory.mktemp("repo"))
    repo.commit("roadmap adopted", **{"roadmap.yaml": HISTORY / "v1.yaml"})
    repo.commit("GOV-01 completed", **{"roadmap.yaml": HISTORY / "v2.yaml"})
    target = repo.folder.parent / "public"
    build([repo.folder / "roadmap.yaml"], target)
    return target


@dataclass
class Links(html.parser.HTMLParser):
    """Every URL a page refers to, by the tag and attribute that hold it."""

    found: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "data", "action", "poster") and value is not None:
                self.found.append((tag, name, value))


def links(page: Path) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found

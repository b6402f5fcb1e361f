"""Deterministic benchmark corpora: valid roadmaps of a chosen size, for any country.

The text is built directly (not dumped by a YAML library) so that it looks like a hand-written
roadmap: block style, comments, plain dates, and the same shapes as the examples in roadmaps/.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pycountry

STATUSES = ("planned", "ongoing", "finalising", "completed", "cancelled", "suspended")
AXES = (("GOV", "Gouvernance", "Governance", "governance"),
        ("FIN", "Financement de la santé", "Health financing", "financing"),
        ("RHS", "Ressources humaines pour la santé", "Human resources for health", "workforce"),
        ("SSP", "Soins de santé primaires", "Primary health care", "service_delivery"))  # fmt: skip
PHASE_START = date(2020, 1, 1)
PHASE_END = date(2025, 12, 31)
AS_OF = date(2023, 6, 30)


def countries(count: int) -> list[tuple[str, list[str]]]:
    """The first ``count`` countries (by code) that have at least three ISO 3166-2 subdivisions."""
    found = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        codes = sorted(
            s.code for s in pycountry.subdivisions.get(country_code=country.alpha_2) or []
        )
        if len(codes) >= 3:
            found.append((country.alpha_2, codes))
    return found[:count]


def roadmap(country: str, regions: list[str], activities: int, seed: int) -> str:
    rng = random.Random(seed)
    lines = [
        "# yaml-language-server: $schema=../schema/roadmap.schema.json",
        f"# Generated benchmark roadmap ({activities} activities, seed {seed}).",
        'schema_version: "1"',
        f'country: "{country}"',
        "title:",
        f"  fr: Feuille de route CSU {country}",
        f"  en: UHC roadmap {country}",
        "languages: [fr, en]",
        "programme: UHC Partnership",
        f"phase: {{id: P{seed % 9 + 1}, start: {PHASE_START}, end: {PHASE_END}}}",
        f"as_of: {AS_OF}",
        "currency: USD",
        "organisations:",
        "  - {id: MS, name: {fr: Ministère de la Santé, en: Ministry of Health}, type: government}",
        "  - {id: OMS, name: {fr: Bureau de pays de l'OMS, en: WHO country office}, type: who}",
        "  - {id: UE, name: {fr: Union européenne, en: European Union}, type: funder}",
        "  - {id: LUX, name: {fr: Luxembourg, en: Luxembourg}, type: funder}",
        "axes:",
    ]
    for axis_id, fr, en, block in AXES:
        lines += [
            f"  - id: {axis_id}",
            "    title:",
            f"      fr: {fr}",
            f"      en: {en}",
            f"    building_block: {block}",
        ]
    lines.append("activities:")
    ends: dict[str, date] = {}
    for index in range(activities):
        lines += list(_activity(rng, index, regions, ends))
    lines.append("indicators:")
    for index, (axis_id, _, en, _) in enumerate(AXES):
        lines += list(_indicator(rng, index, axis_id, en))
    return "\n".join(lines) + "\n"


def _activity(
    rng: random.Random, index: int, regions: list[str], ends: dict[str, date]
) -> Iterator[str]:
    axis_id = AXES[index % len(AXES)][0]
    start = PHASE_START + timedelta(days=rng.randrange(0, 1200))
    end = start + timedelta(days=rng.randrange(30, 500))
    status = STATUSES[rng.randrange(len(STATUSES))] if start < AS_OF else "planned"
    ident = f"{axis_id}-{index + 1:03d}"
    before = [other for other, finished in ends.items() if finished < start]
    ends[ident] = end
    yield f"  - id: {ident}"
    yield f"    axis: {axis_id}"
    yield "    title:"
    yield f"      fr: Activité {index + 1} de l'axe {axis_id}"
    yield f"      en: Activity {index + 1} of axis {axis_id}"
    yield "    description:"
    yield f"      fr: Description de l'activité {index + 1}, avec ses objectifs et ses résultats attendus."
    yield f"      en: Description of activity {index + 1}, with its objectives and expected results."
    yield f"    status: {status}"
    yield f"    planned: {{start: {start}, end: {end}}}"
    if status in {"ongoing", "finalising", "completed", "suspended"}:
        actual_end = f", end: {min(end, AS_OF)}" if status == "completed" else ""
        yield f"    actual: {{start: {start}{actual_end}}}"
    if status == "ongoing":
        yield f"    progress: {rng.randrange(5, 95)}"
    yield "    lead: MS"
    yield "    partners: [OMS]"
    yield f"    regions: [{', '.join(rng.sample(regions, k=min(2, len(regions))))}]"
    if before and rng.random() < 0.3:
        yield f"    depends_on: [{rng.choice(before)}]"
    yield "    milestones:"
    for step in range(1, 4):
        due = start + (end - start) * step / 4
        yield f"      - id: {ident}.M{step}"
        yield f"        title: {{fr: Étape {step} de l'activité {index + 1}, en: Step {step} of activity {index + 1}}}"
        yield f"        due: {due}"
        if status == "completed" or (status != "planned" and due <= AS_OF):
            yield f"        done_on: {min(due, AS_OF)}"
    yield "    budget:"
    for year in sorted({start.year, end.year}):
        for funder in ("UE", "LUX"):
            planned = rng.randrange(10, 500) * 1000
            spent = planned * rng.randrange(0, 100) // 100 if year <= AS_OF.year else 0
            committed = max(spent, planned * rng.randrange(50, 100) // 100)
            yield f"      - year: {year}"
            yield f"        funder: {funder}"
            yield f"        planned: {planned}"
            yield f"        committed: {committed}"
            yield f"        spent: {spent}"
    yield "    refs: [GPW13-1.1.1, CCS-2]"
    yield "    documents:"
    yield f"      - {{title: {{fr: Note conceptuelle {index + 1}, en: Concept note {index + 1}}}, url: https://example.org/roadmap/{ident}.pdf}}"


def _indicator(rng: random.Random, index: int, axis_id: str, title: str) -> Iterator[str]:
    baseline = rng.randrange(10, 40)
    yield f"  - id: IND-{index + 1:02d}"
    yield f"    title: {{fr: Indicateur {index + 1}, en: {title} indicator}}"
    yield f"    axis: {axis_id}"
    yield "    measure: percent"
    yield "    direction: increase"
    yield f"    baseline: {{value: {baseline}, date: {PHASE_START}}}"
    yield f"    target: {{value: {baseline + 40}, date: {PHASE_END}}}"
    yield "    values:"
    yield f"      - {{date: 2022-12-31, value: {baseline + rng.randrange(0, 30)}, source: Annual review}}"
    yield f"    key: {'true' if index == 0 else 'false'}"


def write_corpus(root: Path) -> dict[str, list[Path]]:
    """small.yaml (20 activities), large.yaml (200) and repo/ of 115 countries (20 to 200)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "repo").mkdir(exist_ok=True)
    [(morocco, regions)] = [c for c in countries(250) if c[0] == "MA"]
    small = root / "small.yaml"
    small.write_text(roadmap(morocco, regions, 20, seed=20), encoding="utf-8")
    large = root / "large.yaml"
    large.write_text(roadmap(morocco, regions, 200, seed=200), encoding="utf-8")
    repo = []
    for seed, (country, subdivisions) in enumerate(countries(115)):
        size = 20 + (seed * 37) % 181
        path = root / "repo" / f"{country.lower()}.yaml"
        path.write_text(roadmap(country, subdivisions, size, seed=seed), encoding="utf-8")
        repo.append(path)
    return {"small": [small], "large": [large], "repo": repo}

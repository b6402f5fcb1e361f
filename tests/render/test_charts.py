"""The SVG charts: well-formed, accessible, escaped, and drawn where the dates and shares say."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from uhc_roadmap.render import charts

NS = {"svg": "http://www.w3.org/2000/svg"}
CAPTION = charts.Caption("t", "Title <b>", "Desc & more")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bar(status: str, completion: float | None, start: date, end: date) -> charts.TimelineBar:
    mark = charts.MilestoneMark(date(2021, 6, 1), True, "<script>x</script>")
    return charts.TimelineBar("A-1", "<img src=x>", start, end, status, status, completion, (mark,))


def timeline(*bars: charts.TimelineBar, reference: date = date(2021, 7, 1)) -> ET.Element:
    group = charts.TimelineGroup("GOV – <i>gov</i>", bars)
    span = (date(2021, 1, 1), date(2022, 12, 31))
    return parse(charts.timeline(CAPTION, [group], span, (reference, "Ref"), [("ongoing", "on")]))


def test_accessible_name_and_description() -> None:
    root = timeline(bar("ongoing", 0.5, date(2021, 1, 1), date(2021, 12, 31)))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.find("svg:title", NS).text == "Title <b>"  # type: ignore[union-attr]
    assert root.find("svg:desc", NS).text == "Desc & more"  # type: ignore[union-attr]


def test_text_is_escaped_not_markup() -> None:
    root = timeline(bar("ongoing", 0.5, date(2021, 1, 1), date(2021, 12, 31)))
    assert not root.findall(".//svg:script", NS)
    assert not root.findall(".//svg:img", NS)
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "<script>x</script>" in titles  # parsed back as text: it was escaped
    assert any(t and "<img src=x>" in t for t in titles)


def test_completion_fills_its_share_of_the_planned_bar() -> None:
    root = timeline(bar("ongoing", 0.25, date(2021, 1, 1), date(2022, 12, 31)))
    rects = root.findall(".//svg:g[@class='activity status-ongoing']/svg:rect", NS)
    planned, done = (float(r.get("width", 0)) for r in rects)
    assert abs(done / planned - 0.25) < 0.01


def test_reference_date_line_sits_at_its_date() -> None:
    early = timeline(
        bar("planned", 0, date(2021, 1, 1), date(2021, 2, 1)), reference=date(2021, 1, 1)
    )
    late = timeline(
        bar("planned", 0, date(2021, 1, 1), date(2021, 2, 1)), reference=date(2022, 12, 31)
    )
    x = [
        float(r.find(".//svg:g[@class='reference-date']/svg:line", NS).get("x1", 0))  # type: ignore[union-attr]
        for r in (early, late)
    ]
    assert x[0] == charts.TIMELINE_LABEL
    assert x[1] == charts.WIDTH - 12


def test_milestones_are_drawn_filled_when_reached() -> None:
    root = timeline(bar("completed", 1.0, date(2021, 1, 1), date(2021, 12, 31)))
    [diamond] = root.findall(".//svg:polygon[@class='milestone']", NS)
    assert diamond.get("fill") == charts.INK


def test_bars_scale_and_label_every_series() -> None:
    rows = [charts.ValueBar("EU <x>", (1.0, 0.5), ("$10", "$5"))]
    svg = charts.bars(CAPTION, rows, [("Planned", "#aaa"), ("Spent", "#333")])
    root = parse(svg)
    widths = [float(r.get("width", 0)) for r in root.findall(".//svg:rect[@class='bar']", NS)]
    assert widths[1] == widths[0] / 2
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"EU <x>", "$10", "$5", "Planned", "Spent"} <= set(texts)


def test_status_colours_contrast_with_white() -> None:
    for colour in charts.STATUS_COLOURS.values():
        assert contrast(colour, "#ffffff") >= 4.5, colour


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_an_overdue_activity_is_extended_in_red_to_the_reference_date() -> None:
    """Issue 17, item 14: overdue activities were not marked on the timeline."""
    late = charts.TimelineBar(
        "A-2",
        "t",
        date(2021, 1, 1),
        date(2021, 3, 31),
        "ongoing",
        "on",
        0.5,
        overdue_until=date(2021, 7, 1),
        note="91 days overdue",
    )
    root = timeline(late, bar("ongoing", 0.5, date(2021, 1, 1), date(2021, 12, 31)))
    [group] = root.findall(".//svg:g[@class='activity status-ongoing overdue']", NS)
    [extension] = group.findall("svg:rect[@class='overdue']", NS)
    planned = group.findall("svg:rect", NS)[0]
    end = float(planned.get("x", 0)) + float(planned.get("width", 0))
    reference = root.find(".//svg:g[@class='reference-date']/svg:line", NS)
    assert reference is not None
    assert float(extension.get("x", 0)) == pytest.approx(end, abs=0.1)
    right = float(extension.get("x", 0)) + float(extension.get("width", 0))
    assert right == pytest.approx(float(reference.get("x1", 0)), abs=0.1)
    assert extension.get("stroke") == charts.LATE
    labels = root.findall(".//svg:g[@class='labels']/svg:text[@class='overdue']", NS)
    assert [t.text for t in labels] == ["A-2"]
    assert "91 days overdue" in (group.find("svg:title", NS).text or "")  # type: ignore[union-attr]


def test_a_milestone_reached_late_is_drawn_where_it_was_reached_with_its_slip() -> None:
    """Issue 17, item 14: milestones were drawn at their due date even when reached late."""
    mark = charts.MilestoneMark(date(2021, 3, 1), True, "m", date(2021, 6, 1))
    late = charts.TimelineBar(
        "A-3", "t", date(2021, 1, 1), date(2021, 12, 31), "ongoing", "on", 0.5, (mark,)
    )
    root = timeline(late)
    scale = charts._Scale(date(2021, 1, 1), date(2022, 12, 31), charts.TIMELINE_LABEL, 988)
    [diamond] = root.findall(".//svg:polygon[@class='milestone']", NS)
    assert float((diamond.get("points") or "").split(",")[0]) == pytest.approx(
        scale.x(date(2021, 6, 1)), abs=0.1
    )
    [slip] = root.findall(".//svg:g[@class='slip']/svg:line", NS)[:1]
    assert float(slip.get("x1", 0)) == pytest.approx(scale.x(date(2021, 3, 1)), abs=0.1)
    assert float(slip.get("x2", 0)) == pytest.approx(scale.x(date(2021, 6, 1)), abs=0.1)
    assert slip.get("stroke") == charts.LATE


def test_the_legend_draws_each_status_as_its_bars_are_drawn() -> None:
    """Issue 17, item 14: the "planned" legend colour differed from the bars."""
    root = timeline(bar("ongoing", 0.0, date(2021, 1, 1), date(2021, 12, 31)))
    planned_bar = root.findall(".//svg:g[@class='activity status-ongoing']/svg:rect", NS)[0]
    [swatch] = root.findall(".//svg:g[@class='legend']/svg:rect[@class='swatch']", NS)
    for attribute in ("fill", "fill-opacity", "stroke"):
        assert swatch.get(attribute) == planned_bar.get(attribute), attribute


def test_the_legend_wraps_within_the_chart() -> None:
    statuses = [(s, f"status {s} " * 3) for s in charts.STATUS_COLOURS]
    marks = [(k, f"sign {k} " * 3) for k in ("overdue", "reached", "pending", "late", "slip")]
    group = charts.TimelineGroup("G", (bar("ongoing", 0.5, date(2021, 1, 1), date(2021, 6, 1)),))
    span = (date(2021, 1, 1), date(2022, 12, 31))
    svg = charts.timeline(CAPTION, [group], span, (date(2021, 7, 1), "Ref"), statuses, marks)
    root = parse(svg)
    width = float((root.get("viewBox") or "").split()[2])
    height = float((root.get("viewBox") or "").split()[3])
    for text in root.findall(".//svg:g[@class='legend']/svg:text", NS):
        assert float(text.get("x", 0)) + 6.5 * len(text.text or "") <= width
        assert float(text.get("y", 0)) <= height


# -- right to left ------------------------------------------------------------------------------


def _matrix(element: ET.Element) -> tuple[float, ...]:
    transform = element.get("transform", "")
    assert transform.startswith("matrix("), transform
    return tuple(float(n) for n in transform[7:-1].split())


def test_a_mirrored_chart_reflects_its_drawing_and_keeps_its_texts_readable() -> None:
    drawn = charts.bars(CAPTION, [charts.ValueBar("GOV", (0.5,), ("50%",))], [("x", "#000")])
    root = parse(charts.mirror(drawn))
    assert root.get("direction") == "rtl"  # text-anchor counts from the right end of a text
    assert root.find("svg:title", NS) is not None  # the accessible name stays where it was
    group = root.find("svg:g", NS)
    assert group is not None
    assert group.get("class") == "mirrored"
    assert _matrix(group) == (-1.0, 0.0, 0.0, 1.0, charts.WIDTH, 0.0)  # x -> WIDTH - x
    texts = group.findall(".//svg:text", NS)
    assert len(texts) == len(parse(drawn).findall(".//svg:text", NS)) == 2
    for text in texts:
        x = float(text.get("x", "nan"))
        a, _, _, _, e, _ = _matrix(text)
        # Reflected back about its own x: the two reflections leave the text upright, with its
        # anchor at WIDTH - x (the label that began at the left margin now ends at the right).
        assert (a, e) == (-1.0, 2 * x)


def test_the_rectangles_of_a_mirrored_chart_are_those_of_the_drawing() -> None:
    drawn = charts.bars(CAPTION, [charts.ValueBar("GOV", (0.25,), ("25%",))], [("x", "#000")])
    rects = [r.attrib for r in parse(drawn).iter(f"{{{NS['svg']}}}rect")]
    mirrored = [r.attrib for r in parse(charts.mirror(drawn)).iter(f"{{{NS['svg']}}}rect")]
    assert mirrored == rects  # only the group's transform moves them

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from shipwatch.report import charts

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """Charts are well-formed standalone SVG (XML), not only HTML-tolerable markup."""
    return ET.fromstring(svg)


def test_bar_chart_structure_and_scale():
    bars = [charts.Bar("Ship it", 0.5, "50%"), charts.Bar("Denial", 0.25, "25%")]
    root = parse(charts.bar_chart(bars, title="Shares", desc="Ship 50%, denial 25%"))
    assert root.get("role") == "img" and root.get("aria-label") == "Shares"
    assert root.get("viewBox").startswith("0 0 ")
    assert root[0].tag == NS + "title" and root[1].tag == NS + "desc"
    widths = [float(r.get("width")) for r in root.iter(NS + "rect")]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)
    texts = [t.text for t in root.iter(NS + "text")]
    assert "Ship it" in texts and "50%" in texts


def test_bar_chart_escapes_text_and_drops_xml_invalid_chars():
    attack = '<script>alert(1)</script>"\x07'
    svg = charts.bar_chart([charts.Bar(attack, 1.0, attack)], title=attack, desc=attack)
    assert "<script>" not in svg
    root = parse(svg)
    assert root.get("aria-label") == '<script>alert(1)</script>"'
    assert root.find(NS + "title").text == '<script>alert(1)</script>"'


def test_long_labels_are_truncated_but_kept_in_tooltip():
    label = "A very long language name that would overflow"
    root = parse(charts.bar_chart([charts.Bar(label, 1.0, "1")], title="t", desc="d"))
    drawn = [t.text for t in root.iter(NS + "text")]
    assert label not in drawn and any(t.endswith("…") for t in drawn)
    assert any(label in (t.text or "") for t in root.iter(NS + "title"))


def test_empty_charts_say_no_data():
    for svg in (charts.bar_chart([], title="t", desc="d"), charts.line_chart([], [], title="t", desc="d"),
                charts.interval_chart([], title="t", desc="d")):
        assert [t.text for t in parse(svg).iter(NS + "text")] == ["No data"]


def test_line_chart_gap_splits_the_line_and_marks_spikes():
    svg = charts.line_chart(["a", "b", "c", "d", "e"], [charts.Series("x", [1, 2, None, 4, 5])],
                            title="t", desc="d", marks=[3])
    root = parse(svg)
    assert len(list(root.iter(NS + "polyline"))) == 2
    spikes = [c for c in root.iter(NS + "circle") if c.get("stroke") == "#b71c1c"]
    assert len(spikes) == 1


def test_line_chart_single_point_is_a_dot():
    root = parse(charts.line_chart(["1 Mar"], [charts.Series("n", [7])], title="t", desc="d", y_min=0))
    assert not list(root.iter(NS + "polyline"))
    assert len(list(root.iter(NS + "circle"))) == 1


def test_line_chart_area_and_two_series_legend():
    root = parse(charts.line_chart(["a", "b"], [charts.Series("one", [1, 2]), charts.Series("two", [2, 1])],
                                   title="t", desc="d", area=True))
    assert len(list(root.iter(NS + "polygon"))) == 1
    assert {"one", "two"} <= {t.text for t in root.iter(NS + "text")}


def test_interval_chart_positions_on_fixed_scale():
    rows = [charts.Interval("Korean", 0.0, -10.0, 10.0, 100), charts.Interval("English", 100.0, 90.0, 120.0, 50)]
    root = parse(charts.interval_chart(rows, title="t", desc="d", width=520, label_width=130))
    dots = [float(c.get("cx")) for c in root.iter(NS + "circle")]
    left, right = 130, 520 - 56
    assert dots[0] == pytest.approx((left + right) / 2, abs=0.1)
    assert dots[1] == pytest.approx(right, abs=0.1)
    whiskers = [ln for ln in root.iter(NS + "line") if ln.get("stroke-width") == "3"]
    assert float(whiskers[1].get("x2")) == pytest.approx(right, abs=0.1)   # clipped to the scale


def test_nice_ticks():
    assert charts.nice_ticks(-100, 100) == [-100, -50, 0, 50, 100]
    assert charts.nice_ticks(0, 520) == [0, 200, 400, 600]
    assert charts.nice_ticks(0, 0.36 * 100) == [0, 10, 20, 30, 40]
    assert charts.nice_ticks(5, 5) == [5, 5.25, 5.5, 5.75, 6]

"""The "On camera" section: figures, charts, embedded thumbnails, comment moments beside video moments."""
import base64
import copy
import re

from shipwatch.report.html import html_string
from shipwatch.report.video import side_by_side

from report_summaries import make_summary as full_summary

# A real 1x1 JPEG.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0"
    "Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8A"
    "KsR//9k=")

VIDEO = {
    "clip": "bts.mp4", "duration_s": 200.0, "frames": 2000, "people": 2, "sample_fps": 10,
    "mutual_gaze_share": 0.31, "looks_at_partner": {"Min Tae-oh": 0.52, "Seo Ha-rin": 0.27},
    "smile_share": {"Min Tae-oh": 0.4, "Seo Ha-rin": 0.61}, "facing_share": 0.45, "touch_share": 0.1,
    "synchrony_z": 2.4,
    "moments": [{"start": 148.0, "end": 154.0, "kind": "mutual_gaze", "score": 0.9, "thumbnail": "video/moment_1.jpg"},
                {"start": 10.0, "end": 12.0, "kind": "touch", "score": 0.5, "thumbnail": "../outside.jpg"}],
    "timeline": [{"t": t, "mutual_gaze": (t % 3) / 2, "looks_at_partner": {"Min Tae-oh": 1.0, "Seo Ha-rin": None}}
                 for t in range(200)],
}


def test_video_section_shows_figures_chart_and_embedded_thumbnail(tmp_path):
    report = tmp_path / "report"
    (report / "video").mkdir(parents=True)
    (report / "video" / "moment_1.jpg").write_bytes(JPEG)
    (tmp_path / "outside.jpg").write_bytes(JPEG[:-2] + b"\x00\xff\xd9")   # outside the report folder
    s = copy.deepcopy(full_summary())
    s["video"] = VIDEO
    page = html_string(s, base=report)
    assert 'id="video"' in page and 'href="#video"' in page
    assert "31%" in page and "+2.4" in page and "Who looks at whom more" in page
    srcs = re.findall(r'<img src="([^"]+)"', page)
    # Only the thumbnail inside the report folder is embedded; the one outside it is not read.
    assert srcs == ["data:image/jpeg;base64," + base64.b64encode(JPEG).decode()]


def test_no_video_no_section():
    page = html_string(full_summary())
    assert 'id="video"' not in page and 'href="#video"' not in page


def test_comment_moments_line_up_with_video_moments():
    rows = side_by_side([{"seconds": 151, "label": "2:31", "n": 9}, {"seconds": 30, "label": "0:30", "n": 2},
                         {"seconds": 400, "label": "6:40", "n": 1}], VIDEO["moments"], VIDEO["duration_s"])
    assert rows[0]["video"].startswith("Mutual gaze 2:28")
    assert rows[1]["video"] == "no body-language moment measured"
    assert rows[2]["video"].startswith("after the analysed clip ends")

"""Hate evidence export: what an agency hands to lawyers must be complete, exact and verifiable."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json

import pyarrow as pa
import pytest

from shipwatch.cli import main
from shipwatch.report.evidence import COLUMNS, export_hate, verify
from shipwatch.schema import COMMENT_SCHEMA, LABELS, conform
from shipwatch.store import Store

T0 = dt.datetime(2024, 3, 2, 10, 15, tzinfo=dt.timezone.utc)


def _store(path) -> Store:
    rows = [
        ("h1", "못생긴 게 어디서 연기를 한다고 꺼져라", ["hate"], 0.97, "UCaaa", "user a"),
        ("h2", 'she is a "talentless", gold digger\nsecond line', ["hate", "denial"], 0.91, "UCbbb", None),
        ("s1", "just date already", ["ship"], 0.02, "UCccc", "user c"),
        ("b1", "borderline insult", ["other"], 0.6, "UCddd", None),
    ]
    data = []
    for i, (cid, text, labels, p_hate, channel, author) in enumerate(rows):
        r = {"platform": "youtube", "source_id": "sUmMeRsTaT1", "comment_id": cid, "text": text, "likes": i,
             "reply_count": 0, "labels": labels, "author_channel": channel, "author": author,
             "published_at": T0 + dt.timedelta(minutes=i), "source_line": i + 1, "lang": "ko"}
        r.update({f"p_{lab}": 0.0 for lab in LABELS})
        r["p_hate"] = p_hate
        data.append(r)
    store = Store(path)
    cols = {f.name: pa.array([r.get(f.name) for r in data], type=f.type) for f in COMMENT_SCHEMA}
    store.upsert(conform(pa.RecordBatch.from_pydict(cols, schema=COMMENT_SCHEMA)))
    return store


def test_export_contents_and_manifest(tmp_path):
    with _store(tmp_path / "s.duckdb") as store:
        m = export_hate(store, tmp_path / "ev")
    assert m["rows"] == 2
    with open(tmp_path / "ev" / "hate_evidence.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["comment_id"] for r in rows] == ["h1", "h2"]             # most probable first
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["permalink"] == "https://www.youtube.com/watch?v=sUmMeRsTaT1&lc=h1"
    assert rows[0]["author_channel"] == "UCaaa" and rows[0]["published_at"] == "2024-03-02T10:15:00+00:00"
    assert rows[1]["text"] == 'she is a "talentless", gold digger\nsecond line'     # quoting round-trips
    assert rows[1]["labels"] == "hate|denial" and rows[1]["p_hate"] == "0.91"
    data = json.loads((tmp_path / "ev" / "hate_evidence.json").read_text(encoding="utf-8"))
    assert [d["comment_id"] for d in data] == ["h1", "h2"] and data[1]["labels"] == ["hate", "denial"]
    manifest = json.loads((tmp_path / "ev" / "manifest.json").read_text(encoding="utf-8"))
    for name in ("hate_evidence.csv", "hate_evidence.json"):
        raw = (tmp_path / "ev" / name).read_bytes()
        assert manifest["files"][name]["sha256"] == hashlib.sha256(raw).hexdigest()
        assert manifest["files"][name]["bytes"] == len(raw)
    assert manifest["selection"] == "labels contain 'hate'" and manifest["rows"] == 2
    assert verify(tmp_path / "ev") == {"hate_evidence.csv": True, "hate_evidence.json": True, "manifest.json": True}
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == [
        "MANIFEST.sha256", "hate_evidence.csv", "hate_evidence.json", "manifest.json"]


def test_tampering_is_detected(tmp_path):
    with _store(tmp_path / "s.duckdb") as store:
        export_hate(store, tmp_path / "ev")
    path = tmp_path / "ev" / "hate_evidence.csv"
    path.write_bytes(path.read_bytes().replace("꺼져라".encode(), "xx".encode()))
    assert verify(tmp_path / "ev")["hate_evidence.csv"] is False


def test_min_p_and_sources(tmp_path):
    with _store(tmp_path / "s.duckdb") as store:
        assert export_hate(store, tmp_path / "a", min_p=0.5)["rows"] == 3
        assert export_hate(store, tmp_path / "b", [("youtube", "other-video")])["rows"] == 0
    assert json.loads((tmp_path / "b" / "hate_evidence.json").read_text()) == []


def test_cli_export_and_analyze_flag(tmp_path, capsys):
    _store(tmp_path / "s.duckdb").close()
    assert main(["export", "hate", "--db", str(tmp_path / "s.duckdb"), "--out", str(tmp_path / "ev")]) == 0
    assert "2 comments" in capsys.readouterr().out
    assert main(["export", "hate", "--db", str(tmp_path / "nope.duckdb")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert main(["export", "hate", "--db", str(tmp_path / "s.duckdb"), "--source", "bad"]) == 2

"""The CLI end to end: the demo, every output, bad input, idempotent re-runs, a killed run, eval."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from shipwatch.cli import main
from shipwatch.schema import LABELS

FIXTURES = Path(__file__).parent / "fixtures"
YTCD = FIXTURES / "ingest" / "dQw4w9WgXcQ.jsonl"


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out), "-q"]) == 0
    return out


def test_demo_writes_every_output_with_real_figures(demo_out):
    s = json.loads((demo_out / "summary.json").read_text(encoding="utf-8"))
    assert s["n_comments"] == 246                      # 250 lines, 4 malformed ones skipped
    assert set(s["counts"]) == set(LABELS) and all(s["counts"][lab] > 0 for lab in LABELS)
    si = s["ship_index"]
    assert si["ci_low"] <= si["value"] <= si["ci_high"] and si["value"] > 0
    assert {"ko", "en"} <= set(s["languages"])
    assert s["timeline"]["points"] and s["moments"]
    # The clip's moments fans point at: he hides his face at 2:31, carries her at 3:05.
    assert {"2:31", "3:05"} <= {m["label"] for m in s["moments"]}
    assert s["pair"]["ids"] == ["min-tae-oh", "seo-ha-rin"]
    html = (demo_out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    article = (demo_out / "article.md").read_text(encoding="utf-8")
    assert article.startswith("# ")
    assert "— Korean netizen" in article or "— Korean-speaking" in article
    rejected = (demo_out / "demo.rejected.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["line"] for x in rejected] == [23, 87, 151, 214]


def test_summary_json_has_the_documented_keys(demo_out):
    s = json.loads((demo_out / "summary.json").read_text(encoding="utf-8"))
    assert isinstance(s["n_comments"], int)
    assert all(isinstance(v, int) for v in s["counts"].values())
    assert all(isinstance(s["ship_index"][k], float) for k in ("value", "ci_low", "ci_high"))
    assert all(isinstance(v, int) for v in s["languages"].values())


def test_analyze_youtube_export(tmp_path, capsys):
    code, out, err = run(["analyze", str(YTCD), "--out", str(tmp_path / "r"), "--db", str(tmp_path / "s.duckdb"),
                          "-q"], capsys)
    assert code == 0, err
    assert "Ship Index" in out and "report:" in out
    s = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    assert s["sources"][0]["source_id"] == "dQw4w9WgXcQ"
    assert s["n_comments"] == 4


def test_bad_input_one_line_error_exit_2_and_nothing_written(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    lines = YTCD.read_text(encoding="utf-8").splitlines()
    lines.insert(2, lines[0][:40])                     # a truncated JSON line at line 3
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, out = tmp_path / "s.duckdb", tmp_path / "r"
    code, stdout, err = run(["analyze", str(bad), "--out", str(out), "--db", str(db), "-q"], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert f"{bad}:3:" in err and "--skip-bad" in err and "Traceback" not in err
    assert not db.exists() and not out.exists()


def test_skip_bad_writes_the_side_file_and_says_how_many(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    lines = YTCD.read_text(encoding="utf-8").splitlines()
    lines.insert(1, '{"cid": "x", "text": ')
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rej = tmp_path / "rejected.jsonl"
    code, out, err = run(["analyze", str(bad), "--skip-bad", "--reject-path", str(rej), "--out", str(tmp_path / "r"),
                          "--db", str(tmp_path / "s.duckdb"), "-q"], capsys)
    assert code == 0, err
    assert "1 bad lines skipped" in out
    assert json.loads(rej.read_text(encoding="utf-8"))["line"] == 2


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (bytes(range(256)) * 64, "not a text file"),
    (b"a,b\n1,2\n", "no comment text column"),
])
def test_other_bad_inputs_are_one_line_errors(tmp_path, capsys, content, problem):
    p = tmp_path / "in.csv"
    p.write_bytes(content)
    code, out, err = run(["analyze", str(p), "--out", str(tmp_path / "r"), "--db", str(tmp_path / "s.duckdb")],
                         capsys)
    assert code == 2 and problem in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "s.duckdb").exists()


def test_missing_mapped_column_names_the_option(tmp_path, capsys):
    p = tmp_path / "in.tsv"
    p.write_text("comments\tnews_title\n좋아요\t제목\n", encoding="utf-8")
    code, out, err = run(["analyze", str(p), "--text-col", "body", "--db", str(tmp_path / "s.duckdb")], capsys)
    assert code == 2 and "no column 'body'" in err and "--text-col" in err


def test_rerun_adds_nothing_twice_and_updates_likes(tmp_path, capsys):
    src = tmp_path / "dQw4w9WgXcQ.jsonl"
    shutil.copy(YTCD, src)
    db = tmp_path / "s.duckdb"
    args = ["analyze", str(src), "--db", str(db), "--out", str(tmp_path / "r"), "-q"]
    assert run(args, capsys)[0] == 0
    rows = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows[0]["votes"] = "9.9K"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert run(args, capsys)[0] == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT comment_id) FROM comments").fetchone() == (4, 4)
    assert con.execute("SELECT likes FROM comments WHERE comment_id = ?", [rows[0]["cid"]]).fetchone() == (9900,)
    assert con.execute("SELECT count(*) FROM runs WHERE status = 'done'").fetchone() == (2,)
    con.close()


def _big_file(path: Path, n: int) -> None:
    texts = ["둘이 진짜 사귀는 듯 ㅋㅋ", "they're 100% dating", "그냥 동료일 뿐", "케미 미쳤다", "first!!",
             "the next Hyun Bin and Son Ye-jin", "연기 진짜 잘한다", "so pretty"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("id\ttext\tlikes\n")
        for i in range(n):
            fh.write(f"c{i}\t{texts[i % len(texts)]} #{i}\t{i % 50}\n")


def test_a_killed_run_leaves_whole_batches_and_the_next_run_completes(tmp_path):
    src, db = tmp_path / "big.tsv", tmp_path / "s.duckdb"
    n, batch = 200_000, 1000
    _big_file(src, n)
    cmd = [sys.executable, "-m", "shipwatch.cli", "analyze", str(src), "--db", str(db), "--out", str(tmp_path / "r"),
           "--batch-size", str(batch), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Kill it once the store has grown past its empty size, i.e. mid-run.
    deadline = time.time() + 60
    wal = Path(str(db) + ".wal")
    while time.time() < deadline and proc.poll() is None:
        if (wal.exists() and wal.stat().st_size > 200_000) or (db.exists() and db.stat().st_size > 3_000_000):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    assert proc.poll() is None, "the run finished before it could be killed; make the input bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(db))
    partial = con.execute("SELECT count(*) FROM comments").fetchone()[0]
    status = con.execute("SELECT status FROM runs").fetchall()
    con.close()
    assert 0 < partial < n and partial % batch == 0     # only whole batches
    assert status == [("running",)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT comment_id) FROM comments").fetchone() == (n, n)
    assert con.execute("SELECT status FROM runs ORDER BY started_at").fetchall() == [("running",), ("done",)]
    con.close()


def test_eval_json_has_the_documented_shape(tmp_path, capsys):
    from shipwatch.demo import demo_gold_path

    code, out, err = run(["eval", str(demo_gold_path()), "--json"], capsys)
    assert code == 0, err
    r = json.loads(out)
    assert set(r) >= {"labels", "micro_f1", "macro_f1", "sentiment_accuracy", "target_accuracy", "n"}
    assert set(r["labels"]) == set(LABELS)
    assert set(r["labels"]["ship"]) >= {"precision", "recall", "f1", "support"}
    assert r["n"] == 246 and 0 < r["micro_f1"] <= 1


def test_eval_bad_gold_file_is_a_one_line_error(tmp_path, capsys):
    p = tmp_path / "g.jsonl"
    p.write_text('{"comment": "x", "labels": ["shipping"]}\n', encoding="utf-8")
    code, out, err = run(["eval", str(p)], capsys)
    assert code == 2 and "g.jsonl:1:" in err and "unknown label" in err


def test_people_file_adds_a_pair_the_registry_did_not_know(tmp_path, capsys):
    src = tmp_path / "c.txt"
    src.write_text("박지호랑 이나라 진짜 사귀는 듯\n@jiho_official 나라 언니랑 케미 최고\n", encoding="utf-8")
    extra = FIXTURES / "people" / "extra.toml"
    code, out, err = run(["analyze", str(src), "--people", str(extra), "--pair", "박지호", "이나라",
                          "--out", str(tmp_path / "r"), "--db", str(tmp_path / "s.duckdb"), "-q"], capsys)
    assert code == 0, err
    s = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    assert s["pair"]["ids"] == ["park-ji-ho", "lee-na-ra"]
    assert {p["id"] for p in s["people"]} == {"park-ji-ho", "lee-na-ra"}


def test_bad_people_file_is_a_one_line_error(tmp_path, capsys):
    src = tmp_path / "c.txt"
    src.write_text("hello\n", encoding="utf-8")
    code, out, err = run(["analyze", str(src), "--people", str(FIXTURES / "people" / "unknown_member.toml"),
                          "--db", str(tmp_path / "s.duckdb")], capsys)
    assert code == 2 and "unknown_member.toml" in err and len(err.strip().splitlines()) == 1

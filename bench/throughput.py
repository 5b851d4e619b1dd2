"""End-to-end throughput of `shipwatch analyze` on N comments resampled from the real data.

    python bench/throughput.py --n 100000 --json
    -> {"comments_per_s": ..., "peak_rss_mb": ..., "n": ..., "seconds": ...}

Comments are drawn with replacement from ../shared/data (Korean couple-news comments with their headlines,
English YouTube and Reddit comments), each with its own id, likes and time, written to a temporary TSV; then
`shipwatch analyze` runs on it in a child process, timed as a whole (ingest, understanding, store, aggregate and
report), and the child's peak RSS is read from the kernel.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def pool() -> list[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    out: list[tuple[str, str]] = []
    with open(DATA / "kocohub-beep/derived/couple_news_comments.tsv", encoding="utf-8") as fh:
        r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        out += [(row[1], row[4]) for row in r if len(row) >= 5]
    for f in sorted((DATA / "youtube-spam-uci").glob("*.csv")):
        with open(f, encoding="utf-8") as fh:
            out += [(row["CONTENT"], f.stem) for row in csv.DictReader(fh)]
    with open(DATA / "goemotions/DERIVED_couple_candidates.tsv", encoding="utf-8") as fh:
        out += [(row["text"], "reddit") for row in csv.DictReader(fh, delimiter="\t")]
    return [(t.replace("\t", " ").replace("\n", " "), h.replace("\t", " ")) for t, h in out if t.strip()]


def write_sample(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    rows = pool()
    t0 = 1_760_000_000
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("id\tcomments\tnews_title\tlikes\ttime\n")
        for i in range(n):
            text, title = rows[rng.randrange(len(rows))]
            likes = int(rng.paretovariate(1.2)) - 1
            fh.write(f"c{i}\t{text}\t{title}\t{likes}\t{t0 + rng.randrange(30 * 86400)}\n")


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(d.name), int(fields.get("PPid", "0").strip() or 0)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"bench/throughput.py: {DATA} not found; the benchmark resamples real comments from it",
              file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="shipwatch-bench-"))
    sample = tmp / "comments.tsv"
    write_sample(sample, args.n)
    cmd = [sys.executable, "-m", "shipwatch.cli", "analyze", str(sample), "--text-col", "comments",
           "--title-col", "news_title", "--likes-col", "likes", "--time-col", "time", "--id-col", "id",
           "--db", str(tmp / "bench.duckdb"), "--out", str(tmp / "report"), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_tree_kb = 0
    while proc.poll() is None:
        peak_tree_kb = max(peak_tree_kb, tree_rss_kb(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stderr.read(), file=sys.stderr)
        return proc.returncode
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # The analyse run has worker processes: its memory is the sum over the process tree (sampled every 0.1 s),
    # not the largest single process.
    result = {"comments_per_s": round(args.n / seconds, 1), "peak_rss_mb": round(peak_tree_kb / 1024, 1),
              "peak_rss_largest_process_mb": round(peak_kb / 1024, 1), "n": args.n, "seconds": round(seconds, 2)}
    if not args.keep:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result) if args.json else
          f"{args.n:,} comments in {seconds:.1f} s: {result['comments_per_s']:,.0f} comments/s, "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Inter-annotator agreement: the first labels of each line (gold/labels) against an independent second
annotation (gold/double/*.jsonl).

    python bench/agreement.py [--json]
"""
import argparse
import json
import sys
from pathlib import Path

from shipwatch.gold import agreement

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    for second in sorted((ROOT / "gold" / "double").glob("*.jsonl")):
        r = agreement(ROOT / "gold" / "labels", second)
        if args.json:
            print(json.dumps({"second": second.name, **r}))
            continue
        print(f"{second.name}: n={r['n']}  exact label sets {r['labels_exact']:.2f}  "
              f"sentiment kappa {r['sentiment_kappa']:.2f}  exact targets {r['targets_exact']:.2f}")
        print(f"{'label':<18}{'kappa':>7}{'agree':>7}{'first':>7}{'second':>7}")
        for lab, m in r["labels"].items():
            k = "n/a" if m["kappa"] is None else f"{m['kappa']:.2f}"
            print(f"{lab:<18}{k:>7}{m['agree']:>7.2f}{m['n_first']:>7}{m['n_second']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

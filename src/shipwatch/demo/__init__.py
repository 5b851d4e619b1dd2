"""The bundled demo corpus: invented comments about a fictional co-star pair (see demo/README.md)."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path


def demo_path() -> Path:
    return Path(str(resources.files(__package__) / "comments.jsonl"))


def demo_meta() -> dict:
    return json.loads((resources.files(__package__) / "meta.json").read_text(encoding="utf-8"))


def demo_gold_path() -> Path:
    return Path(str(resources.files(__package__) / "gold.jsonl"))

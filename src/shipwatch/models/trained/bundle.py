"""The shipped model files: plain arrays (``.npz``, loaded with ``allow_pickle=False``) and JSON, nothing else.

Loading never unpickles, so a model file cannot run code. Saving is byte-for-byte deterministic (sorted keys,
fixed zip timestamps, no compression-level drift), which is what lets a test check that training twice gives the
same files.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import numpy as np

ARRAYS = "model.npz"
META = "model.json"
FORMAT = "shipwatch-linear-v1"
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class Bundle:
    arrays: dict[str, np.ndarray]
    meta: dict


def save(directory: str | Path, arrays: Mapping[str, np.ndarray], meta: Mapping) -> None:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(directory / ARRAYS, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())
    text = json.dumps({"format": FORMAT, **meta}, ensure_ascii=False, sort_keys=True, indent=1)
    (directory / META).write_text(text + "\n", encoding="utf-8")


def load(directory: str | Path) -> Bundle:
    directory = Path(directory)
    meta_path, arrays_path = directory / META, directory / ARRAYS
    if not meta_path.exists() or not arrays_path.exists():
        raise FileNotFoundError(f"no trained model in {directory} (expected {META} and {ARRAYS}); "
                                "build one with `shipwatch train`")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"{meta_path}: format {meta.get('format')!r}, expected {FORMAT!r}; retrain with `shipwatch train`")
    with np.load(arrays_path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return Bundle(arrays, meta)

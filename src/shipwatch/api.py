"""The main job as a library call: ``analyze(source) -> Result``. The CLI and any web route wrap this."""
from __future__ import annotations

import itertools
import json
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pyarrow as pa

from .aggregate import Aggregator
from .errors import UsageError
from .store import Store


@dataclass
class Result:
    """What ``analyze`` returns: the summary, the files written, and the per-comment table (read on demand)."""

    summary: dict
    store: Store
    sources: list[tuple[str, str]]
    files: dict[str, Path] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    @property
    def comments(self) -> pa.Table:
        """Every analysed comment of this run's sources, as an Arrow table (``.to_pandas()`` for a DataFrame)."""
        return self.store.table(self.sources)

    def to_pandas(self):
        return self.comments.to_pandas()

    def __repr__(self) -> str:
        si = self.summary.get("ship_index", {})
        return (f"Result(n_comments={self.summary.get('n_comments')}, ship_index={si.get('value')} "
                f"[{si.get('ci_low')}, {si.get('ci_high')}], files={list(self.files)})")


def _open(source, options):
    from .ingest import IngestOptions, open_source
    from .ingest.frame import is_frame, open_frame

    opts = options or IngestOptions()
    if is_frame(source):
        return open_frame(source, opts)
    if not isinstance(source, (str, Path)):
        raise UsageError(f"analyze: cannot read a {type(source).__name__}; pass a file path, a YouTube URL, "
                         f"a pandas DataFrame, an Arrow table or a list of strings")
    return open_source(source, opts)


def analyze(source, pair: Sequence[str] | None = None, title: str | None = None, out: str | Path | None = None,
            db: str | Path | None = None, options=None, pipeline=None, registry=None,
            aggregator: Aggregator | None = None, progress: Callable[[int], None] | None = None,
            translator=None, video: str | Path | None = None, faces: Sequence[str] | None = None,
            video_fps: float = 10, workers: int | None = None) -> Result:
    """Read comments, understand each, store them and summarize; write the report files when ``out`` is given.

    ``source``: a comment file, a YouTube URL or video id, a pandas DataFrame, an Arrow table, or a list of
    strings. ``pair``: the two people under study (any registry name form); default: inferred per comment from
    its title. ``db``: the DuckDB file that accumulates runs (default: in memory). ``progress`` is called with
    the number of comments in each batch as it is stored. ``video``: a clip of the pair, analysed for body
    language (needs ``shipwatch[video]``); ``faces``: two reference photos naming the people in ``pair`` order.
    ``workers``: processes that run the understanding stages (default: one per core, at most 2).
    """
    from .ingest import IngestOptions
    from .people.registry import load_registry
    from .understand.pipeline import Pipeline, default_stages

    if pair is not None and len(pair) != 2:
        raise UsageError(f"--pair takes exactly two names, got {len(pair)}; e.g. --pair \"Song Kang\" \"Han So-hee\"")
    opts = options or IngestOptions()
    if title and not opts.title:
        opts.title = title
    src = _open(source, opts)
    src.validate()   # a full pass first: bad input raises here, before anything is written
    registry = registry if registry is not None else load_registry()
    pipeline = pipeline or Pipeline(default_stages(pair=pair, registry=registry))
    store = Store(db if db is not None else ":memory:")
    model = _model_names(pipeline)
    run_id = store.start_run(str(source) if isinstance(source, (str, Path)) else "<frame>", src.platform,
                             src.source_id, json.dumps(model))
    n = 0
    seen: set[tuple[str, str]] = {(src.platform, src.source_id)}
    try:
        for analysed in understand(src.batches(), pipeline, workers):
            store.upsert(analysed, run_id)
            seen.update(_batch_sources(analysed))
            n += analysed.num_rows
            if progress:
                progress(analysed.num_rows)
    except BaseException:
        store.finish_run(run_id, n, src.stats.get("rejected", 0), status="failed")
        raise
    store.finish_run(run_id, n, src.stats.get("rejected", 0))
    sources = sorted(seen)
    agg = aggregator or Aggregator(registry=registry)
    if agg.registry is None:
        agg.registry = registry
    summary = agg.summarize(store, sources, title=title, pair=pair, model=model)
    if video is not None:
        summary["video"] = analyze_clip(video, out, faces=faces, pair=pair, fps=video_fps)
    result = Result(summary=summary, store=store, sources=sources, stats=dict(src.stats))
    if out is not None:
        result.files = write_outputs(summary, out, translator=translator)
    return result


def understand(batches: Iterable[pa.RecordBatch], pipeline, workers: int | None = None
               ) -> Iterator[pa.RecordBatch]:
    """Run ``pipeline`` over ``batches`` in order. With more than one batch and more than one worker, the batches
    go to worker processes (each loads the models once), at most two per worker in flight, so memory stays bounded
    and the results come back in input order. A single batch runs here: starting workers would cost more than it."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    it = iter(b for b in batches if b.num_rows)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if second is None or workers <= 1:
        yield pipeline(first)
        for b in ([second] if second is not None else []):
            yield pipeline(b)
        for b in it:
            yield pipeline(b)
        return
    ctx = multiprocessing.get_context("spawn")   # no fork: the parent holds a DuckDB connection and threads
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init, initargs=(pipeline,)) as pool:
        pending: deque = deque()
        for b in itertools.chain([first, second], it):
            pending.append(pool.submit(_worker_run, b))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_WORKER_PIPELINE = None


def _worker_init(pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _worker_run(batch: pa.RecordBatch) -> pa.RecordBatch:
    return _WORKER_PIPELINE(batch)


def analyze_clip(video: str | Path, out: str | Path | None, faces=None, pair=None, fps: float = 10) -> dict:
    """The body-language summary of a clip, its files in ``out/video`` and thumbnail paths relative to ``out``."""
    import tempfile

    from .video import analyze_video

    video_dir = Path(out) / "video" if out is not None else Path(tempfile.mkdtemp(prefix="shipwatch-video-"))
    # Names go to the people only when reference photos say who is who; otherwise left/right labels.
    names = list(pair) if (faces and pair) else None
    vres = analyze_video(video, out_dir=video_dir, fps=fps, faces=faces, pair_names=names)
    vsum = dict(vres.summary)
    for m in vsum.get("moments") or []:
        if m.get("thumbnail") and out is not None:
            m["thumbnail"] = f"video/{m['thumbnail']}"
    return vsum


def write_outputs(summary: dict, out: str | Path, translator=None, article_formats: Sequence[str] = ("md",)
                  ) -> dict[str, Path]:
    from .report.article import render_article
    from .report.html import render_html
    from .report.translate import translate_summary

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # Translated once, before anything is written, so summary.json, the page and the article agree.
    translate_summary(summary, translator)
    files = {"summary.json": out / "summary.json"}
    tmp = files["summary.json"].with_suffix(".json.tmp")
    tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    tmp.replace(files["summary.json"])
    files["report.html"] = Path(render_html(summary, out / "report.html"))
    for fmt in article_formats:
        files[f"article.{fmt}"] = Path(render_article(summary, out / f"article.{fmt}", format=fmt))
    return files


def _batch_sources(batch: pa.RecordBatch) -> set[tuple[str, str]]:
    import pyarrow.compute as pc

    keys = pc.unique(pc.binary_join_element_wise(batch.column(0), batch.column(1), "\x1f")).to_pylist()
    return {tuple(k.split("\x1f", 1)) for k in keys}


def _model_names(pipeline) -> dict:
    names = {}
    for stage in getattr(pipeline, "stages", []):
        model = getattr(stage, "model_name", None)
        if callable(model):
            model = model()
        if model:
            names[stage.name] = model
    return names

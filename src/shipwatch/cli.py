"""Thin commands over the library. Errors a user can cause print one line and exit 2, never a traceback."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import ShipwatchError
from .report.commands import aggregator_args, finish_report, report_options, translator_arg

_DEFAULT_DB = "shipwatch.duckdb"


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(unit=" comments", unit_scale=True, file=sys.stderr, desc="analysing")
    return bar, bar.update


def _ingest_options(**kw):
    from .ingest import IngestOptions

    return IngestOptions(**{k: v for k, v in kw.items() if v is not None})


def _print_result(result, out: Path) -> None:
    s = result.summary
    si = s["ship_index"]
    top = sorted(((c, lab) for lab, c in s["counts"].items()), reverse=True)[:4]
    click.echo(f"{s['n_comments']:,} comments "
               + (f"({result.stats['rejected']} bad lines skipped, see {result.stats.get('reject_path')}) "
                  if result.stats.get("rejected") else "")
               + f"| languages: " + ", ".join(f"{k} {v}" for k, v in list(s["languages"].items())[:5]))
    if si["value"] is not None:
        click.echo(f"Ship Index {si['value']:+.1f} (95% CI {si['ci_low']:+.1f} to {si['ci_high']:+.1f}, "
                   f"n={si['n']:,} on-topic)")
    click.echo("top labels: " + ", ".join(f"{lab} {c}" for c, lab in top))
    click.echo(f"report: {out / 'report.html'}")
    click.echo(f"article: {out / 'article.md'}   summary: {out / 'summary.json'}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="shipwatch")
def cli():
    """Shipwatch: measure the chemistry between two people the way fans judge it."""


@cli.command()
@click.argument("source")
@click.option("--pair", nargs=2, metavar="A B", help="The two people under study (any name form in the registry).")
@click.option("--title", help="Video title or news headline (context for every comment without one).")
@click.option("--out", type=click.Path(file_okay=False), default="report", show_default=True,
              help="Folder for report.html, article.md and summary.json.")
@click.option("--db", type=click.Path(dir_okay=False), default=_DEFAULT_DB, show_default=True,
              help="DuckDB store; later runs add to it.")
@click.option("--format", "input_format", type=click.Choice(["ytcd", "ytapi", "csv", "tsv", "jsonl", "text"]),
              help="Input format (default: sniffed).")
@click.option("--encoding", help="Input encoding (default: detected).")
@click.option("--text-col", help="Column with the comment text.")
@click.option("--title-col", help="Column with the headline / video title.")
@click.option("--likes-col", help="Column with the like count.")
@click.option("--time-col", help="Column with the time the comment was posted.")
@click.option("--id-col", help="Column with a comment id.")
@click.option("--author-col", help="Column with the author name (kept in the store, not in reports).")
@click.option("--parent-col", help="Column with the parent comment id of a reply.")
@click.option("--video-id", help="YouTube video id the comments belong to (for permalinks).")
@click.option("--skip-bad", is_flag=True, help="Skip bad lines, writing them to a side file.")
@click.option("--reject-path", type=click.Path(dir_okay=False),
              help="Where --skip-bad writes rejected lines (default: <input name>.rejected.jsonl here).")
@click.option("--batch-size", type=int, default=5000, show_default=True, help="Comments per batch.")
@click.option("--max-line-bytes", type=int, default=1_000_000, show_default=True,
              help="Longest input line accepted.")
@click.option("--show-authors", is_flag=True, help="Show author names in the report (off by default).")
@click.option("--people", "people_files", multiple=True, type=click.Path(dir_okay=False),
              help="A TOML file of more people and couples (see `shipwatch people check`); repeatable.")
@click.option("--video", type=click.Path(dir_okay=False), help="A clip of the pair: adds body language to the report.")
@click.option("--faces", nargs=2, type=click.Path(dir_okay=False), metavar="A.jpg B.jpg",
              help="Reference photos of the two people, in --pair order.")
@click.option("--fps", type=float, default=10, show_default=True, help="Video frames analysed per second.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes for the understanding stages "
              "(default: one per core, at most 2).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@report_options
def analyze(source, pair, title, out, db, input_format, encoding, text_col, title_col, likes_col, time_col, id_col,
            author_col, parent_col, video_id, skip_bad, reject_path, batch_size, max_line_bytes, show_authors,
            people_files, video, faces, fps, workers, quiet, **report):
    """Analyse the comments in SOURCE (a file, a YouTube URL or a video id) and write a report."""
    from .aggregate import Aggregator
    from .api import analyze as run

    opts = _ingest_options(format=input_format, encoding=encoding, text_col=text_col, title_col=title_col,
                           likes_col=likes_col, time_col=time_col, id_col=id_col, author_col=author_col,
                           parent_col=parent_col, video_id=video_id, skip_bad=skip_bad, reject_path=reject_path,
                           batch_size=batch_size, max_line_bytes=max_line_bytes)
    registry = None
    if people_files:
        from .people.registry import load_registry

        registry = load_registry(extra_paths=people_files)
    bar, update = _progress(quiet)
    try:
        result = run(source, pair=pair or None, title=title, out=out, db=db, options=opts, registry=registry,
                     aggregator=Aggregator(show_authors=show_authors, **aggregator_args(report)), progress=update,
                     video=video, faces=faces or None, video_fps=fps, translator=translator_arg(report),
                     workers=workers)
    finally:
        if bar is not None:
            bar.close()
    _print_result(result, Path(out))
    finish_report(result, Path(out), report)


@cli.command()
@click.option("--out", type=click.Path(file_okay=False), default="demo-report", show_default=True)
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="DuckDB store (default: a fresh one inside --out).")
@click.option("--quiet", "-q", is_flag=True)
def demo(out, db, quiet):
    """Run the main job on the bundled demo corpus (invented comments about a fictional pair)."""
    from .api import analyze as run
    from .demo import demo_path, demo_meta

    meta = demo_meta()
    out = Path(out)
    db = db or str(out / "demo.duckdb")
    opts = _ingest_options(video_id=meta["video_id"], skip_bad=True, reject_path=str(out / "demo.rejected.jsonl"))
    out.mkdir(parents=True, exist_ok=True)
    bar, update = _progress(quiet)
    try:
        result = run(str(demo_path()), pair=meta["pair"], title=meta["title"], out=out, db=db, options=opts,
                     progress=update)
    finally:
        if bar is not None:
            bar.close()
    _print_result(result, out)


@cli.command()
@click.argument("clip", type=click.Path(dir_okay=False))
@click.option("--pair", nargs=2, metavar="A B", help="Names of the two people (in --faces order).")
@click.option("--faces", nargs=2, type=click.Path(dir_okay=False), metavar="A.jpg B.jpg",
              help="Reference photos naming the two people; without them, the pair is the two most present people.")
@click.option("--fps", type=float, default=10, show_default=True, help="Frames analysed per second.")
@click.option("--out", type=click.Path(file_okay=False), default="video-report", show_default=True)
def video(clip, pair, faces, fps, out):
    """Measure body language in CLIP: gaze, smiles, distance, touch, synchrony, moments (needs shipwatch[video])."""
    from .video import analyze_video

    res = analyze_video(clip, out_dir=out, fps=fps, faces=faces or None, pair_names=pair or None)
    s = res.summary
    click.echo(f"{s['frames']} frames sampled at {s['sample_fps']:g} fps, {s['people']} "
               f"{'person' if s['people'] == 1 else 'people'} found")
    if s.get("message"):
        click.echo(s["message"])
    if s.get("mutual_gaze_share") is not None:
        looks = ", ".join(f"{k} {v:.0%}" for k, v in (s.get("looks_at_partner") or {}).items() if v is not None)
        click.echo(f"mutual gaze {s['mutual_gaze_share']:.0%} of frames; looks at partner: {looks}; "
                   f"synchrony z {s['synchrony_z']:+.1f}" if s.get("synchrony_z") is not None else
                   f"mutual gaze {s['mutual_gaze_share']:.0%} of frames; looks at partner: {looks}")
    for m in s.get("moments") or []:
        click.echo(f"  {m['start']:.1f}-{m['end']:.1f}s  {m['kind']}  score {m['score']:.2f}")
    click.echo(f"signals: {Path(out) / 'frames.parquet'}   summary: {Path(out) / 'video.json'}")


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False),
              help="A trained model folder (`shipwatch train --out DIR`) to score instead of the shipped one.")
def eval_cmd(gold, as_json, model_dir):
    """Score the pipeline on a gold JSON-lines file (see README: gold format)."""
    from .evaluate import evaluate, format_table, trained_pipeline

    result = evaluate(gold, pipeline=trained_pipeline(model_dir) if model_dir else None)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_table(result))


@cli.group()
def gold():
    """Labelled data: build gold files from the committed labels."""


@gold.command("build")
@click.option("--labels", type=click.Path(file_okay=False), default="gold/labels", show_default=True)
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="gold/build", show_default=True)
def gold_build(labels, data, out):
    """Join gold/labels/*.jsonl with ../shared/data into all/train/test gold files."""
    from .gold import build

    counts = build(labels, data, out)
    click.echo(f"{counts['all']} labelled comments: {counts['train']} train, {counts['test']} test (held-out) "
               f"-> {out}/all.jsonl, train.jsonl, test.jsonl")


from .models.commands import explain as explain_cmd, train as train_cmd  # noqa: E402
from .people.commands import people  # noqa: E402

cli.add_command(people)
cli.add_command(train_cmd)
cli.add_command(explain_cmd)
from .report.commands import article, cards, export  # noqa: E402

cli.add_command(cards)
cli.add_command(article)
cli.add_command(export)


def main(argv=None) -> int:
    try:
        cli.main(args=argv, prog_name="shipwatch", standalone_mode=False)
    except ShipwatchError as e:
        click.echo(f"shipwatch: error: {e}", err=True)
        return e.exit_code
    except click.exceptions.Abort:
        click.echo("shipwatch: interrupted; the store keeps every finished batch, run again to complete", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return 2
    except KeyboardInterrupt:
        click.echo("shipwatch: interrupted; the store keeps every finished batch, run again to complete", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

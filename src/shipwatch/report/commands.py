"""Report commands: ``shipwatch cards``, ``shipwatch article`` and ``shipwatch export hate`` (thin wrappers)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from shipwatch.errors import InputError, UsageError

translate_options = [
    click.option("--translate", "translate", type=click.Choice(["none", "argos", "libretranslate"]), default="none",
                 show_default=True, help="Machine-translate non-English quotes (original kept underneath)."),
    click.option("--translate-url", envvar="SHIPWATCH_TRANSLATE_URL",
                 help="LibreTranslate server, e.g. http://localhost:5000 (env SHIPWATCH_TRANSLATE_URL)."),
    click.option("--translate-key", envvar="SHIPWATCH_TRANSLATE_KEY",
                 help="LibreTranslate API key (env SHIPWATCH_TRANSLATE_KEY)."),
]


def with_translate_options(fn):
    for option in reversed(translate_options):
        fn = option(fn)
    return fn


def translator_from(translate: str, url: str | None, key: str | None):
    from shipwatch.report.translate import make_translator

    return make_translator(translate, url=url, api_key=key)


def load_summary(path: str | Path) -> dict:
    """A summary.json written by ``shipwatch analyze``; a bad file names itself and what to do."""
    path = Path(path)
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, None, "no such file", "pass the summary.json that shipwatch analyze wrote") from None
    except json.JSONDecodeError as e:
        raise InputError(path, e.lineno, f"not valid JSON ({e.msg})",
                         "pass the summary.json that shipwatch analyze wrote") from None
    if not isinstance(summary, dict) or "quotes" not in summary:
        raise InputError(path, None, "not a Shipwatch summary (no 'quotes')",
                         "pass the summary.json that shipwatch analyze wrote")
    return summary


@click.command()
@click.argument("summary", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(file_okay=False), default="cards", show_default=True)
@click.option("--label", "labels", multiple=True, help="Camps to take quotes from (repeatable; default: all).")
@click.option("--id", "ids", multiple=True, help="Comment ids to render (repeatable; overrides --label/--top).")
@click.option("--top", type=int, default=2, show_default=True, help="Quotes per camp.")
@click.option("--format", "fmt", type=click.Choice(["png", "svg", "both"]), default="both", show_default=True)
@click.option("--show-authors", is_flag=True, help="Print the account name instead of the anonymised attribution.")
@with_translate_options
def cards(summary, out, labels, ids, top, fmt, show_authors, translate, translate_url, translate_key):
    """Render quotes of SUMMARY (a summary.json) as images, like the comment screenshots articles embed."""
    from shipwatch.report.cards import render_cards
    from shipwatch.report.translate import translate_summary

    data = load_summary(summary)
    translate_summary(data, translator_from(translate, translate_url, translate_key))
    formats = ("png", "svg") if fmt == "both" else (fmt,)
    made = render_cards(data, out, labels=tuple(labels), ids=tuple(ids), top=top, formats=formats,
                        show_author=show_authors)
    for card in made:
        click.echo("  ".join(str(p) for p in (card.png, card.svg) if p))
    click.echo(f"{len(made)} card{'s' if len(made) != 1 else ''} in {out}")


@click.command()
@click.argument("summary", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(), help="File to write (default: article.md/.html next to SUMMARY).")
@with_translate_options
def article(summary, fmt, out, translate, translate_url, translate_key):
    """Write the article draft for SUMMARY (a summary.json) as Markdown or as an HTML page."""
    from shipwatch.report.article import render_article
    from shipwatch.report.translate import translate_summary

    data = load_summary(summary)
    translate_summary(data, translator_from(translate, translate_url, translate_key))
    path = render_article(data, out or Path(summary).parent / f"article.{fmt}", format=fmt)
    click.echo(f"article: {path}")


@click.group()
def export():
    """Export data from the store."""


@export.command("hate")
@click.option("--db", type=click.Path(dir_okay=False), default="shipwatch.duckdb", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="evidence", show_default=True)
@click.option("--source", "sources", multiple=True, metavar="PLATFORM:ID",
              help="Only these sources (repeatable), e.g. youtube:dQw4w9WgXcQ; default: the whole store.")
@click.option("--min-p", type=click.FloatRange(0, 1), help="Also take comments whose hate probability is at least this.")
def export_hate_cmd(db, out, sources, min_p):
    """Evidence export of hateful comments: CSV + JSON with permalinks, author channels and times, SHA-256 manifest."""
    from shipwatch.report.evidence import export_hate
    from shipwatch.store import Store

    if not Path(db).is_file():
        raise UsageError(f"--db {db}: no such store; pass the DuckDB file shipwatch analyze wrote (--db)")
    pairs = []
    for s in sources:
        platform, sep, sid = s.partition(":")
        if not sep or not platform or not sid:
            raise UsageError(f"--source {s!r}: expected PLATFORM:ID, e.g. youtube:dQw4w9WgXcQ")
        pairs.append((platform, sid))
    with Store(db) as store:
        manifest = export_hate(store, out, pairs or None, min_p=min_p, store_path=db)
    click.echo(f"{manifest['rows']:,} comments -> {manifest['paths']['hate_evidence.csv']}, "
               f"{manifest['paths']['hate_evidence.json']}")
    click.echo(f"manifest: {manifest['paths']['manifest.json']} (verify: cd {out} && sha256sum -c MANIFEST.sha256)")


# --- options `shipwatch analyze` takes for its report ------------------------------------------------------------

def report_options(fn):
    """The report options of ``shipwatch analyze``: translation, article format, rumour rule, hate export."""
    opts = translate_options + [
        click.option("--article-format", type=click.Choice(["md", "html", "both"]), default="md", show_default=True,
                     help="Write the article draft as article.md, article.html or both."),
        click.option("--rumour-k", type=float, default=3.0, show_default=True,
                     help="Rumour watch: a spike is a window share above the baseline mean + k standard deviations."),
        click.option("--rumour-window", type=click.IntRange(1), default=24, show_default=True,
                     help="Rumour watch: hours in the window whose dating-claim share is judged."),
        click.option("--rumour-baseline", type=click.IntRange(1), default=168, show_default=True,
                     help="Rumour watch: hours of history before the window that form the baseline."),
        click.option("--export-hate", type=click.Path(file_okay=False),
                     help="Also write the hate evidence export (CSV, JSON, SHA-256 manifest) to this folder."),
    ]
    for option in reversed(opts):
        fn = option(fn)
    return fn


def aggregator_args(report: dict) -> dict:
    if report["rumour_window"] > report["rumour_baseline"]:
        raise UsageError(f"--rumour-window {report['rumour_window']} is longer than --rumour-baseline "
                         f"{report['rumour_baseline']}; the baseline must hold at least one window")
    return {"rumour_k": report["rumour_k"], "rumour_window_h": report["rumour_window"],
            "rumour_baseline_h": report["rumour_baseline"]}


def translator_arg(report: dict):
    return translator_from(report["translate"], report["translate_url"], report["translate_key"])


def finish_report(result, out: Path, report: dict) -> None:
    """What ``analyze`` writes besides the default files: the HTML article and the hate evidence export."""
    from shipwatch.report.article import render_article

    fmt = report["article_format"]
    if fmt in ("html", "both"):
        result.files["article.html"] = render_article(result.summary, out / "article.html", format="html")
        if fmt == "html":
            result.files.pop("article.md", None)
            (out / "article.md").unlink(missing_ok=True)
        click.echo(f"article (HTML): {out / 'article.html'}")
    if report["export_hate"]:
        from shipwatch.report.evidence import export_hate

        manifest = export_hate(result.store, report["export_hate"], result.sources, store_path=result.store.path)
        click.echo(f"hate evidence: {manifest['rows']:,} comments -> {report['export_hate']} "
                   f"(manifest.json, MANIFEST.sha256)")

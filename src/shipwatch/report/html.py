"""report.html: one self-contained page (inline CSS and SVG, no scripts, no requests) rendered from a Summary.

Python turns the Summary into display-ready values (formatted numbers, charts, safe links); the Jinja2 template,
with autoescape on, only lays them out. Comment text reaches the template as plain strings, so Jinja escapes it;
charts arrive as ``Markup`` because ``charts`` escapes their text itself.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from shipwatch import __version__
from shipwatch.report import charts
from shipwatch.report.video import build_video_view
from shipwatch.report.formatting import (
    LABEL_NAMES, UNQUOTABLE, check_summary, count, format_bucket, format_date, format_datetime, format_span,
    html_lang, index_available, index_verdict, language_name, pair_names, percent, platform_name, quotable,
    safe_url, signed,
)
from shipwatch.schema import LABELS, SHIP_NEGATIVE, SHIP_POSITIVE

_TEMPLATES = Path(__file__).parent / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,                      # on for every template, whatever its file name
        undefined=jinja2.StrictUndefined,     # a misspelt field fails the render instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(summary: dict, path: str | Path) -> Path:
    """Write the report for ``summary`` to ``path`` (a file, or a directory that gets report.html)."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.html"
    page = html_string(summary, base=path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)     # a reader never sees half a report
    return path


def html_string(summary: dict, base: Path | None = None) -> str:
    """The report as a string (what ``render_html`` writes); ``base`` is the folder video thumbnails are read from."""
    check_summary(summary)
    view = build_view(summary)
    view["video"] = build_video_view(summary.get("video"), summary["moments"], base)
    return _environment().get_template("report.html.j2").render(r=view)


def build_view(s: dict) -> dict:
    """Everything the template shows, already formatted."""
    names = pair_names(s)
    pair_text = " & ".join(names)
    title = s["title"] or (f"Fan reactions: {pair_text}" if pair_text else "Fan reactions")
    n = s["n_comments"] or 0
    return {
        "title": title,
        "pair": pair_text if s["title"] else "",
        "sources": [_source(src) for src in s["sources"]],
        "generated": format_datetime(s["generated_at"]),
        "version": __version__,
        "n_comments": count(n),
        "n_on_topic": count(s["n_on_topic"]),
        "empty": n == 0,
        "span": format_span(s["time_span"]) or "No timestamps in this source",
        "top_languages": _top_languages(s["languages"], n, 3),
        "index": _index(s["ship_index"]),
        "verdict": index_verdict(s["ship_index"]),
        "sentiment": _sentiment(s["sentiment"]),
        "labels": _labels(s),
        "labels_chart": Markup(_labels_chart(s)),
        "by_language": _index_by_language(s["ship_index_by_language"]),
        "by_language_chart": Markup(_index_by_language_chart(s["ship_index_by_language"])),
        "languages": _languages(s),
        "languages_chart": Markup(_languages_chart(s["languages"])),
        "timeline": _timeline(s["timeline"]),
        "rumour": _rumour(s["rumour"]),
        "moments": [_moment(m) for m in s["moments"]],
        "quote_groups": _quote_groups(s["quotes"]),
        "people": [{"name": p.get("name") or p.get("id") or "", "n": count(p.get("n"))} for p in s["people"]],
        "couples": [{"name": c.get("name") or c.get("id") or "", "n": count(c.get("n"))}
                    for c in s["couples_invoked"]],
        "pairs": [_pair(p) for p in s["pairs"]],
        "hate": _hate(s["hate"], s["timeline"].get("granularity") or "day"),
        "translation": _translation(s.get("translation")),
        "models": [{"task": k, "name": v} for k, v in (s["model"] or {}).items()],
        "positive_labels": ", ".join(LABEL_NAMES[x] for x in SHIP_POSITIVE),
        "negative_labels": ", ".join(LABEL_NAMES[x] for x in SHIP_NEGATIVE),
    }


def _translation(info: dict | None) -> dict:
    if not info:
        return {"used": False, "backend": ""}
    return {"used": True, "backend": str(info.get("backend") or "a machine translator"),
            "n": count(info.get("translated"))}


def _source(src: dict) -> dict:
    platform = platform_name(src.get("platform"))
    ident = src.get("source_id") or ""
    return {"text": f"{platform} {ident}".strip(), "url": safe_url(src.get("url"))}


def _top_languages(languages: dict, n: int, limit: int) -> list[dict]:
    ranked = sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [{"name": language_name(code), "share": percent(c / n) if n else "", "n": count(c)} for code, c in ranked]


def _index(ix: dict | None) -> dict:
    if not index_available(ix):
        return {"available": False, "value": "n/a", "ci": "", "n": "0", "positive": False}
    return {
        "available": True,
        "value": signed(ix["value"], 0),
        "value_precise": signed(ix["value"], 1),
        "ci": f"{signed(ix['ci_low'])} to {signed(ix['ci_high'])}",
        "n": count(ix["n"]),
        "positive": ix["value"] >= 0,
    }


def _sentiment(sent: dict) -> dict:
    total = sum(sent.get(k) or 0 for k in ("negative", "neutral", "positive"))
    share = {k: percent((sent.get(k) or 0) / total) if total else "n/a" for k in ("negative", "neutral", "positive")}
    return {"mean": signed(sent.get("mean"), 2), **share, "available": total > 0}


def _labels(s: dict) -> list[dict]:
    return [
        {
            "key": label,
            "name": LABEL_NAMES[label],
            "colour": charts.LABEL_COLOURS[label],
            "count": count(s["counts"].get(label)),
            "share": percent(s["shares"].get(label), 1),
            "weighted": percent(s["weighted_shares"].get(label), 1),
        }
        for label in LABELS
    ]


def _labels_chart(s: dict) -> str:
    bars = [
        charts.Bar(LABEL_NAMES[label], s["shares"].get(label) or 0.0, percent(s["shares"].get(label), 0),
                   charts.LABEL_COLOURS[label])
        for label in LABELS
    ]
    top = max((b.value for b in bars), default=0)
    text = "; ".join(f"{b.label} {b.text}" for b in bars)
    return charts.bar_chart(bars, title="Share of comments per reaction", desc=f"Share of comments: {text}.",
                            max_value=top or 1.0)


def _ordered_languages(by_lang: dict) -> list[tuple[str, dict]]:
    return sorted(by_lang.items(), key=lambda kv: (-(kv[1].get("n") or 0), kv[0]))


def _index_by_language(by_lang: dict) -> list[dict]:
    return [
        {"name": language_name(code), "index": _index(ix)}
        for code, ix in _ordered_languages(by_lang)
    ]


def _index_by_language_chart(by_lang: dict) -> str:
    rows = [
        charts.Interval(f"{language_name(code)} (n={ix['n']:,})", ix["value"], ix["ci_low"], ix["ci_high"], ix["n"])
        for code, ix in _ordered_languages(by_lang)
        if index_available(ix)
    ]
    desc = "; ".join(f"{r.label}: {r.value:.0f} (95% interval {r.low:.0f} to {r.high:.0f})" for r in rows)
    return charts.interval_chart(rows, title="Ship Index by language with 95% intervals",
                                 desc=desc or "No language has on-topic comments.")


def _languages(s: dict) -> dict:
    n = s["n_comments"] or 0
    ranked = sorted(s["languages"].items(), key=lambda kv: (-kv[1], kv[0]))
    rows = []
    for code, c in ranked:
        by_label = s["labels_by_language"].get(code) or {}
        rows.append({
            "name": language_name(code),
            "n": count(c),
            "share": percent(c / n, 1) if n else "",
            "cells": [count(by_label.get(label)) for label in LABELS],
        })
    return {"rows": rows, "headers": [LABEL_NAMES[label] for label in LABELS]}


def _languages_chart(languages: dict) -> str:
    ranked = sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    bars = [charts.Bar(language_name(code), c, count(c), "#3949ab") for code, c in ranked]
    desc = "; ".join(f"{b.label} {b.text}" for b in bars)
    return charts.bar_chart(bars, title="Comments per language", desc=f"Comments per language: {desc}.")


def _timeline(timeline: dict) -> dict:
    points = timeline.get("points") or []
    granularity = timeline.get("granularity") or "day"
    if not points:
        return {"available": False}
    labels = [format_bucket(p.get("t"), granularity) for p in points]
    unit = "hour" if granularity == "hour" else "day"
    volume = charts.line_chart(
        labels, [charts.Series("Comments", [p.get("n") or 0 for p in points], "#3949ab")],
        title=f"Comments per {unit}",
        desc=f"Comments per {unit} from {labels[0]} to {labels[-1]}; peak {max(p.get('n') or 0 for p in points):,}.",
        y_min=0, area=True, y_format="{:,.0f}",
    )
    index_values = [p.get("ship_index") for p in points]
    index_chart = charts.line_chart(
        labels, [charts.Series("Ship Index", index_values, charts.LABEL_COLOURS["ship"])],
        title=f"Ship Index per {unit}",
        desc="Ship Index per {} on a scale from -100 to 100: {}.".format(
            unit, "; ".join(f"{lab} {v:.0f}" for lab, v in zip(labels, index_values) if v is not None) or "no values"),
        y_min=-100, y_max=100, zero_line=True,
    )
    return {"available": True, "unit": unit, "volume_chart": Markup(volume), "index_chart": Markup(index_chart),
            "has_index": any(v is not None for v in index_values)}


def _hours(h: int | None) -> str:
    if not h:
        return ""
    return f"{h // 24} days" if h % 24 == 0 and h > 24 else "24 h" if h == 24 else f"{h} h"


def _rumour(rumour: dict) -> dict:
    """The dating-claim share over its trailing window, with the episodes that beat the baseline rule."""
    points = rumour.get("points") or []
    window, baseline = rumour.get("window_h") or 24, rumour.get("baseline_h") or 168
    rule = (f"A spike is a {_hours(window)} dating-claim share above the mean of the previous {_hours(baseline)} "
            f"(in {_hours(window)} windows) plus {rumour.get('k', 2):g} standard deviations, with at least "
            f"{rumour.get('min_n', 20)} comments in the window.")
    if not points:
        return {"available": False, "spikes": [], "rule": rule,
                "message": "No dated comments, so there is no rumour watch."}
    # A point is labelled by the last hour of its window: by day when windows are whole days.
    labels = [format_bucket(p.get("t"), "day" if window % 24 == 0 else "hour") for p in points]
    values = [(p.get("share") or 0.0) * 100 for p in points]
    thresholds = [p["threshold"] * 100 if p.get("threshold") is not None and p.get("judged", True) else None
                  for p in points]
    marks = [i for i, p in enumerate(points) if p.get("spike")]
    series = [charts.Series("Dating claims", values, charts.LABEL_COLOURS["dating_claim"])]
    if any(v is not None for v in thresholds):
        series.append(charts.Series("Threshold", thresholds, "#5f6368"))
    chart = charts.line_chart(
        labels, series, title="Dating-claim share over time",
        desc="Share of comments claiming the two are dating over the trailing {}, with the spike threshold; "
             "spikes circled: {}.".format(_hours(window), ", ".join(labels[i] for i in marks) or "none"),
        y_min=0, marks=marks, y_format="{:g}%",
    )
    spikes = [{"start": format_datetime(e.get("start")), "end": format_datetime(e.get("end")),
               "share": percent(e.get("share"), 1), "baseline": percent(e.get("baseline"), 1),
               "threshold": percent(e.get("threshold"), 1), "n": count(e.get("n"))}
              for e in rumour.get("episodes") or []]
    if not spikes and marks:      # a Summary from before episodes were recorded: one row per flagged point
        spikes = [{"start": format_datetime(points[i].get("t")), "end": "", "share": percent(points[i].get("share"), 1),
                   "baseline": "", "threshold": "", "n": count(points[i].get("n"))} for i in marks]
    message = ""
    if rumour.get("status") == "short_history":
        message = (f"Not enough history yet to judge spikes: the rule needs {rumour.get('min_windows', 3)} earlier "
                   f"{_hours(window)} windows with comments.")
    return {"available": True, "chart": Markup(chart), "spikes": spikes, "rule": rule, "message": message}


def _hate_chart(hate: dict, granularity: str) -> str | None:
    points = hate.get("over_time") or []
    if len(points) < 2:
        return None
    labels = [format_bucket(p.get("t"), granularity) for p in points]
    values = [(p.get("share") or 0.0) * 100 for p in points]
    return Markup(charts.line_chart(
        labels, [charts.Series("Hate share", values, charts.LABEL_COLOURS["hate"])],
        title="Share of hateful comments over time",
        desc="Share of comments labelled hateful per {}: {}.".format(
            "hour" if granularity == "hour" else "day",
            "; ".join(f"{lab} {v:.1f}%" for lab, v in zip(labels, values))),
        y_min=0, y_format="{:g}%"))


def _quote(q: dict) -> dict:
    lang = q.get("lang") or "und"
    return {
        "text": q.get("text") or "",
        "lang_attr": html_lang(lang),
        "language": language_name(lang),
        "likes": count(q.get("likes")),
        "date": format_date(q.get("published_at")),
        "permalink": safe_url(q.get("permalink")),
        "author": q.get("author") or "",
        "translation": q.get("translation") if isinstance(q.get("translation"), str) else "",
        "untranslated": "translation" in q and not q.get("translation"),
        "labels": [LABEL_NAMES.get(x, x) for x in (q.get("labels") or []) if x in LABEL_NAMES],
    }


def _moment(m: dict) -> dict:
    return {
        "label": m.get("label") or "",
        "n": count(m.get("n")),
        "likes": count(m.get("likes")),
        "url": safe_url(m.get("url")),
        "quotes": [_quote(q) for q in (m.get("quotes") or []) if quotable(q)][:3],
    }


def _quote_groups(quotes: dict) -> dict:
    groups, empty = [], []
    for label in LABELS:
        if label in UNQUOTABLE:
            continue
        shown = [_quote(q) for q in (quotes.get(label) or []) if quotable(q)]
        if shown:
            groups.append({"key": label, "name": LABEL_NAMES[label], "colour": charts.LABEL_COLOURS[label],
                           "quotes": shown})
        else:
            empty.append(LABEL_NAMES[label])
    return {"groups": groups, "empty": ", ".join(empty)}


def _pair(p: dict) -> dict:
    names = " & ".join(p.get("names") or []) or (p.get("pair") or "").replace("|", " & ")
    return {"names": names, "n": count(p.get("n")), "index": _index(p.get("ship_index"))}


def _hate(hate: dict, granularity: str = "day") -> dict:
    return {
        "count": count(hate.get("count")),
        "share": percent(hate.get("share"), 1),
        "chart": _hate_chart(hate, granularity),
        "examples": [_quote(q) | {"when": format_datetime(q.get("published_at"))}
                     for q in (hate.get("examples") or [])],
    }

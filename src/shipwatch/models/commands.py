"""``shipwatch train`` and ``shipwatch explain``: thin click wrappers over ``models.train`` and the shipped models.

Register them in ``cli.py`` with ``cli.add_command(train)`` and ``cli.add_command(explain)``.
"""
from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np

from ..errors import UsageError


@click.command("train")
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True,
              help="The shared data folder (public corpora).")
@click.option("--labels", type=click.Path(file_okay=False), default="gold/labels", show_default=True,
              help="Our label references (gold/labels).")
@click.option("--written", type=click.Path(file_okay=False), default="gold/written", show_default=True,
              help="Training examples we wrote (gold/written).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where to write the model (default: the package's shipped weights).")
@click.option("--json", "as_json", is_flag=True, help="Print the training report as JSON.")
def train(data, labels, written, out, as_json):
    """Rebuild the shipped reaction, sentiment, hate and spam models, deterministically."""
    from .train import run
    from .trained.model import DEFAULT_DIR

    if not Path(data).is_dir():
        raise UsageError(f"train: data folder {data} not found; pass --data PATH to ../shared/data")
    out_dir = Path(out) if out else DEFAULT_DIR
    report = run(data, labels, written, out_dir)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo(f"wrote {out_dir} (vocabulary {report['vocabulary']:,}; rows: "
               + ", ".join(f"{k} {v:,}" for k, v in report["sources"].items()) + ")")
    l2 = report["level2"]
    click.echo("out-of-fold F1 (train split, folds by headline): "
               + ", ".join(f"{k} {v['oof_f1']:.3f}" for k, v in l2.items() if isinstance(v, dict)))
    click.echo(f"out-of-fold sentiment accuracy {l2['sentiment_oof_accuracy']:.3f}")


@click.command("explain")
@click.argument("text")
@click.option("--title", help="The headline or video title the comment was posted under.")
@click.option("--lexicon", is_flag=True, help="Explain with the v1 lexicon model instead of the trained one.")
@click.option("--json", "as_json", is_flag=True, help="Print probabilities and drivers as JSON.")
def explain(text, title, lexicon, as_json):
    """Show each label's probability for TEXT and the phrases or features that drove it."""
    from ..schema import LABELS
    from ..understand.language import detect_language
    from ..understand.normalize import normalize_text
    from .base import default_reaction_model, default_sentiment_model

    if lexicon:
        from .lexicon import LexiconReactionModel, LexiconSentimentModel
        rm, sm = LexiconReactionModel(), LexiconSentimentModel()
    else:
        rm, sm = default_reaction_model(), default_sentiment_model()
    norm = normalize_text(text)
    lang = detect_language(norm)
    probs = rm.predict_proba([norm], [title], [lang])[0]
    sentiment = float(sm.predict([norm], [title], [lang])[0])
    drivers = rm.explain(norm, title, lang)
    if as_json:
        click.echo(json.dumps({"model": rm.name, "lang": lang, "sentiment": round(sentiment, 4),
                               "labels": {lab: {"p": round(float(probs[i]), 4),
                                                "threshold": round(float(rm.thresholds[i]), 4),
                                                "drivers": drivers.get(lab, [])}
                                          for i, lab in enumerate(LABELS)}}, ensure_ascii=False, indent=1))
        return
    click.echo(f"model {rm.name} | lang {lang} | sentiment {sentiment:+.2f}")
    for i in np.argsort(-probs):
        lab = LABELS[i]
        mark = "*" if probs[i] >= rm.thresholds[i] and lab != "other" else " "
        click.echo(f"{mark} {lab:<18} {probs[i]:.3f}  (threshold {rm.thresholds[i]:.2f})")
        for phrase, weight in drivers.get(lab, [])[:6]:
            click.echo(f"      {weight:+.2f}  {phrase}")


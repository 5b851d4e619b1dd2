from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "models"


def tiny_corpora():
    """Small corpora for every head, written for the tests (tests/fixtures/models/tiny_corpora.jsonl)."""
    from shipwatch.models.train.corpora import Corpora, GoldExample, example, prepare

    c = Corpora()
    for line in (FIXTURES / "tiny_corpora.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] == "gold":
            text, lang = prepare(r["text"])
            c.gold.append(GoldExample(text, r["title"], lang, frozenset(r["labels"]), r["sentiment"],
                                      "written" if r["written"] else r["title"], r["written"]))
        else:
            getattr(c, r["kind"]).append(example(r["text"], r["y"]))
    # Unlabelled text for the pre-trained word vectors: every fixture text, three times (FastText's min_count).
    from shipwatch.models.trained.features import clean, words_of
    c.reviews = [words_of(clean(t)) for t in [e.text for k in ("polarity", "hate", "spam", "comment")
                                             for e in getattr(c, k)] + [g.text for g in c.gold]] * 3
    c.sources = {"fixture": len(c.gold)}
    return c


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    from shipwatch.models.train.fit import Config, train

    out = tmp_path_factory.mktemp("tiny_model")
    train(tiny_corpora(), out, Config(**TINY_CONFIG))
    return out


def clear_cases() -> list[tuple[str, str, str | None]]:
    out = []
    for line in (FIXTURES / "clear_cases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text, *rest = line.split("\t")
        out.append((label, text, (rest[0] or None) if rest else None))
    return out


@pytest.fixture(scope="session")
def make_corpora():
    return tiny_corpora


TINY_CONFIG = dict(folds=2, gold_min_df=1, hate_min_df=1, polarity_min_df=1, polarity_vocab_every=1, spam_min_df=1,
                   embedding_dim=8, embedding_epochs=2, embedding_level1=True)


@pytest.fixture(scope="session")
def tiny_config():
    from shipwatch.models.train.fit import Config

    return Config(**TINY_CONFIG)


@pytest.fixture(scope="session")
def cases():
    return clear_cases()

"""The training data of every shipped head, read from ``../shared/data`` and the committed labels.

Every text goes through the same normalization and language detection as at inference (``understand``), rows
come out in a fixed order, and anything a benchmark or the held-out gold split evaluates on is kept out:

- polarity: NSMC raw reviews (rating 1-4 negative, 9-10 positive) of the movies ``headline_split(movie_id)``
  puts in ``train``; GoEmotions ``train.tsv`` through the paper's sentiment groups (positive / negative only);
- hate (none / offensive / hate): kocohub ``labeled/train.tsv``, minus every text of kocohub ``labeled/dev.tsv``;
- hate prior: K-MHaS (valid + test files; ``8`` = not hate, profanity alone = offensive, any group attack = hate),
  minus the kocohub texts. Its notion of hate (politics, origin, gender groups) differs from kocohub's: pooled
  with the kocohub rows, even down-weighted to 5%, it lowered the kocohub dev weighted F1 from 0.57 to 0.51. It
  trains a head of its own whose scores the kocohub head reads as inputs (``fit._fit_hate``), which lets the
  kocohub head decide how much of that notion to take;
- spam: YouTube Spam Collection, the videos 02 / 03 / 05 (01 and 04 are the benchmark), plus ordinary comments
  as ham (every 4th kocohub training comment, every 20th GoEmotions training comment) so that the head, which
  otherwise has only seen English music-video comments, says "not spam" to a Korean news comment;
- comment polarity (negative / neutral / positive): KOTE val + test, its 44 emotions collapsed by counting the
  positive and the negative ones a comment got (raters' picks are pooled, so a margin of two decides);
- reviews (unlabelled, for the pre-trained word vectors): the words of every NSMC raw review of a training movie;
- reactions and sentiment: ``gold build`` train rows plus ``gold/written/*.jsonl``.

Texts of every gold row (train and test) are removed from the public corpora, so no held-out comment reaches
training through a level 1 head. The hate corpus keeps the kocohub comments of gold *training* rows when asked
(``hate_crossfit``): level 2 then reads their hate scores from models that did not see them (``fit``), as it
would for a new comment, and the hate head learns from 1,600 more of its own rows.
"""
from __future__ import annotations

import csv
import gzip
import html
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ...errors import UsageError
from ...gold import build as build_gold
from ...gold import headline_split, read_gold
from ...schema import LABELS
from ...understand.language import detect_language
from ...understand.normalize import normalize_text
from ..trained.features import clean, words_of

csv.field_size_limit(sys.maxsize)

# GoEmotions sentiment groups (Demszky et al. 2020, the mapping shipped with the data set).
GOEMOTIONS_POSITIVE = {"amusement", "excitement", "joy", "love", "desire", "optimism", "caring", "pride",
                       "admiration", "gratitude", "relief", "approval"}
GOEMOTIONS_NEGATIVE = {"fear", "nervousness", "remorse", "embarrassment", "disappointment", "sadness", "grief",
                       "disgust", "anger", "annoyance", "disapproval"}
KMHAS_NOT_HATE, KMHAS_PROFANITY = "8", "3"
# KOTE label indices (README LABELS) that are clearly positive or clearly negative.
KOTE_POSITIVE = {1, 2, 4, 7, 8, 13, 14, 16, 28, 32, 40, 42, 43}
KOTE_NEGATIVE = {0, 3, 5, 6, 9, 10, 12, 18, 19, 20, 21, 22, 23, 25, 26, 27, 30, 31, 35, 36, 37, 41}
KOTE_MARGIN = 2
SPAM_TRAIN_FILES = ("Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv", "Youtube05-Shakira.csv")
SPAM_TEST_FILES = ("Youtube01-Psy.csv", "Youtube04-Eminem.csv")
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Example:
    text: str                    # normalized, as the Normalize stage gives it
    lang: str
    y: int


@dataclass
class GoldExample:
    text: str
    title: str | None
    lang: str
    labels: frozenset[str]
    sentiment: int | None        # -2..2
    group: str                   # rows of one group (headline, file) never straddle CV folds
    written: bool
    augmented: bool = False      # a training-only copy of a real row (e.g. without its headline)


@dataclass
class Corpora:
    polarity: list[Example] = field(default_factory=list)
    hate: list[Example] = field(default_factory=list)
    hate_prior: list[Example] = field(default_factory=list)    # K-MHaS: a head the hate head reads
    spam: list[Example] = field(default_factory=list)
    comment: list[Example] = field(default_factory=list)
    gold: list[GoldExample] = field(default_factory=list)
    reviews: list[list[str]] = field(default_factory=list)     # words of unlabelled reviews (pre-training)
    hate_crossfit: frozenset[str] = frozenset()  # hate texts that are gold training texts: scored out of fold
    sources: dict[str, int] = field(default_factory=dict)


def prepare(text: str) -> tuple[str, str]:
    norm = normalize_text(text or "")
    return norm, detect_language(norm)


def example(text: str, y: int) -> Example:
    norm, lang = prepare(text)
    return Example(norm, lang, y)


def _tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def nsmc_rows(data: Path) -> Iterable[tuple[str, str, int]]:
    """(movie_id, review, rating) of the raw crawl, in file order."""
    with gzip.open(data / "nsmc-raw-subset" / "nsmc_raw_all.tsv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) >= 5 and row[4].strip():
                yield row[1], row[4], int(row[2])


def review_sentences(data: Path, exclude: set[str]) -> list[list[str]]:
    """The words of every raw review of a training movie (any rating), in file order, as the featurizer splits
    them: the unlabelled text the pre-trained word vectors learn from (``embeddings``)."""
    out = []
    for movie, review, _ in nsmc_rows(data):
        if headline_split(movie) != "train" or review in exclude:
            continue
        words = words_of(clean(normalize_text(review)))
        if words:
            out.append(words)
    return out


def nsmc_label(rating: int) -> int | None:
    return 0 if rating <= 4 else 1 if rating >= 9 else None


def polarity(data: Path, exclude: set[str]) -> list[Example]:
    out: list[Example] = []
    seen: set[str] = set()
    for movie, review, rating in nsmc_rows(data):
        y = nsmc_label(rating)
        if y is None or headline_split(movie) != "train" or review in seen or review in exclude:
            continue
        seen.add(review)
        out.append(example(review, y))
    names = (data / "goemotions" / "data" / "original" / "labels.txt").read_text(encoding="utf-8").split()
    with open(data / "goemotions" / "data" / "original" / "train.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            emotions = {names[int(i)] for i in row[1].split(",")}
            pos, neg = bool(emotions & GOEMOTIONS_POSITIVE), bool(emotions & GOEMOTIONS_NEGATIVE)
            if pos != neg and row[0] not in exclude and row[0] not in seen:
                seen.add(row[0])
                out.append(example(row[0], int(pos)))
    return out


def _kocohub_dev(data: Path) -> set[str]:
    return {r["comments"] for r in _tsv(data / "kocohub-beep" / "labeled" / "dev.tsv")}


def hate(data: Path, exclude: set[str]) -> list[Example]:
    dev = _kocohub_dev(data)
    classes = {"none": 0, "offensive": 1, "hate": 2}
    out, seen = [], set()
    for r in _tsv(data / "kocohub-beep" / "labeled" / "train.tsv"):
        text = r["comments"]
        if text in dev or text in exclude or text in seen:
            continue
        seen.add(text)
        out.append(example(text, classes[r["hate"]]))
    return out


def kmhas(data: Path, exclude: set[str]) -> list[Example]:
    """K-MHaS comments as none (0) / offensive (1, profanity alone) / hate (2, any group attacked)."""
    dev = _kocohub_dev(data)
    out, seen = [], set()
    for name in ("kmhas_valid.txt", "kmhas_test.txt"):
        for r in _tsv(data / "kmhas" / "data" / name):
            text = r["document"].strip().strip('"')
            if not text or text in dev or text in exclude or text in seen:
                continue
            seen.add(text)
            groups = set(r["label"].split(","))
            row = example(text, 0 if groups == {KMHAS_NOT_HATE} else 1 if groups == {KMHAS_PROFANITY} else 2)
            if row.text not in exclude:     # normalized: the kocohub rows are
                out.append(row)
    return out


def clean_spam_text(text: str) -> str:
    """The collection carries HTML entities, markup and a trailing U+FEFF, which ingest would strip."""
    return _TAGS.sub(" ", html.unescape(text)).replace("\ufeff", "").strip()


def spam_rows(data: Path, files: Iterable[str]) -> list[tuple[str, int]]:
    out, seen = [], set()
    for name in files:
        with open(data / "youtube-spam-uci" / name, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                text = clean_spam_text(r["CONTENT"])
                if text and text not in seen:
                    seen.add(text)
                    out.append((text, int(r["label"])))
    return out


HAM_KOCOHUB_EVERY, HAM_GOEMOTIONS_EVERY = 4, 20


def spam(data: Path, exclude: set[str]) -> list[Example]:
    out = [example(t, y) for t, y in spam_rows(data, SPAM_TRAIN_FILES) if t not in exclude]
    ham = [r["comments"] for r in _tsv(data / "kocohub-beep" / "labeled" / "train.tsv")][::HAM_KOCOHUB_EVERY]
    with open(data / "goemotions" / "data" / "original" / "train.tsv", encoding="utf-8", newline="") as fh:
        ham += [row[0] for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)][::HAM_GOEMOTIONS_EVERY]
    return out + [example(t, 0) for t in ham if t not in exclude]


def comment_polarity(data: Path, exclude: set[str]) -> list[Example]:
    out, seen = [], set()
    for name in ("val.tsv", "test.tsv"):
        with open(data / "kote" / name, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 3 or not row[1].strip() or row[1] in exclude or row[1] in seen:
                    continue
                seen.add(row[1])
                ids = {int(i) for i in row[2].split(",") if i.strip()}
                margin = len(ids & KOTE_POSITIVE) - len(ids & KOTE_NEGATIVE)
                y = 2 if margin >= KOTE_MARGIN else 0 if margin <= -KOTE_MARGIN else 1
                out.append(example(row[1], y))
    return out


def gold_examples(rows, written: bool) -> list[GoldExample]:
    out = []
    for r in rows:
        norm, lang = prepare(r.comment)
        extra = r.extra
        group = r.context or f"{extra.get('dataset')}/{extra.get('file')}"
        out.append(GoldExample(norm, r.context, lang, frozenset(r.labels), r.sentiment,
                               "written" if written else group, written))
    return out


def written_examples(written_dir: Path) -> list[GoldExample]:
    out: list[GoldExample] = []
    for path in sorted(written_dir.glob("*.jsonl")):
        rows = list(read_gold(path))
        out += gold_examples(rows, written=True)
    return out


def load(data_dir: str | Path, labels_dir: str | Path, written_dir: str | Path, hate_prior: bool = False,
         reviews: bool = False, hate_crossfit: bool = False) -> Corpora:
    """Every corpus ``shipwatch train`` fits on (see the module docstring)."""
    data, labels, written = Path(data_dir), Path(labels_dir), Path(written_dir)
    if not data.is_dir():
        raise UsageError(f"train: data folder {data} not found; pass --data PATH to ../shared/data")
    if not labels.is_dir():
        raise UsageError(f"train: labels folder {labels} not found; pass --labels PATH to gold/labels")
    with tempfile.TemporaryDirectory() as tmp:
        build_gold(labels, data, tmp)
        train_rows = list(read_gold(Path(tmp) / "train.jsonl"))
        all_texts = {json.loads(line)["comment"] for line in open(Path(tmp) / "all.jsonl", encoding="utf-8")}
        test_texts = {json.loads(line)["comment"] for line in open(Path(tmp) / "test.jsonl", encoding="utf-8")}
    c = Corpora()
    c.gold = gold_examples(train_rows, written=False)
    if written.is_dir():
        c.gold += written_examples(written)
    try:
        c.polarity = polarity(data, all_texts)
        c.hate = hate(data, test_texts if hate_crossfit else all_texts)
        if hate_prior:
            c.hate_prior = kmhas(data, all_texts | {e.text for e in c.hate})
        c.spam = spam(data, all_texts)
        c.comment = comment_polarity(data, all_texts)
        if reviews:
            c.reviews = review_sentences(data, all_texts)
    except FileNotFoundError as e:
        raise UsageError(f"train: {e.filename} not found; --data must be the ../shared/data folder with every data "
                         f"set its README lists") from e
    if hate_crossfit:
        c.hate_crossfit = frozenset({e.text for e in c.hate} & {g.text for g in c.gold if not g.written})
    c.sources = {"gold_train": len(train_rows), "written": sum(g.written for g in c.gold),
                 "polarity": len(c.polarity), "hate": len(c.hate), "hate_prior": len(c.hate_prior),
                 "spam": len(c.spam), "comment": len(c.comment),
                 "reviews": len(c.reviews), "hate_crossfit": len(c.hate_crossfit)}
    for g in c.gold:
        unknown = set(g.labels) - set(LABELS)
        if unknown:
            raise UsageError(f"train: unknown labels {sorted(unknown)} in the gold rows")
    return c

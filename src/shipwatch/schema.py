"""The Arrow schema of a comment and of every analysis column: the one place.

Ingest produces record batches with exactly ``RECORD_SCHEMA``. Each per-comment stage reads the columns it
declares in ``requires`` and appends the ones it declares in ``provides`` (see ``understand/base.py``); the
fully analysed batch has ``COMMENT_SCHEMA``. The store, the Spark job and the Python API all take their
column lists from here, so a new analysis column is added in this module and nowhere else.
"""
from __future__ import annotations

import pyarrow as pa

# The labels of docs/reactions.md, in the order reports list them.
LABELS: tuple[str, ...] = (
    "ship",
    "dating_claim",
    "denial",
    "couple_comparison",
    "chemistry",
    "visuals",
    "acting",
    "congrats",
    "hate",
    "spam",
    "other",
)

# Ship Index: (share carrying any of SHIP_POSITIVE) - (share carrying SHIP_NEGATIVE), over on-topic comments.
SHIP_POSITIVE: tuple[str, ...] = ("ship", "dating_claim", "couple_comparison")
SHIP_NEGATIVE: tuple[str, ...] = ("denial",)


def ship_sign(labels) -> int | None:
    """A comment's part in the Ship Index: +1, 0 or -1, None when it is off topic (spam, or `other` alone).
    The store computes the same in SQL (aggregate.SIGN_SQL, ON_TOPIC_SQL)."""
    labels = set(labels)
    if "spam" in labels or not labels - {"other"}:
        return None
    return int(bool(labels.intersection(SHIP_POSITIVE))) - int(bool(labels.intersection(SHIP_NEGATIVE)))

TIMESTAMP = pa.timestamp("us", tz="UTC")

# What ingest knows about a comment before any analysis.
RECORD_FIELDS: list[pa.Field] = [
    pa.field("platform", pa.string(), nullable=False),     # youtube | file | naver | ...
    pa.field("source_id", pa.string(), nullable=False),    # video id, or a stable id of the input file
    pa.field("comment_id", pa.string(), nullable=False),   # unique within (platform, source_id)
    pa.field("parent_id", pa.string()),                    # set on replies
    pa.field("author", pa.string()),                       # kept in the store, never in reports unless asked
    pa.field("author_channel", pa.string()),
    pa.field("text", pa.string(), nullable=False),
    pa.field("likes", pa.int64(), nullable=False),
    pa.field("reply_count", pa.int64(), nullable=False),
    pa.field("published_at", TIMESTAMP),                   # absolute time where it can be known
    pa.field("time_text", pa.string()),                    # the source's own time string ("2 years ago")
    pa.field("title", pa.string()),                        # video title or news headline
    pa.field("source_line", pa.int64()),                   # 1-based line (or record) number in the input
]
RECORD_SCHEMA = pa.schema(RECORD_FIELDS)

# Analysis columns, in the order the default pipeline adds them.
ANALYSIS_FIELDS: list[pa.Field] = [
    pa.field("text_norm", pa.string()),                    # normalize: NFKC, collapsed elongations, no HTML
    pa.field("has_url", pa.bool_()),
    pa.field("handles", pa.list_(pa.string())),            # @mentions
    pa.field("lang", pa.string()),                         # language: ko, en, ja, ..., mixed, und
    pa.field("moments", pa.list_(pa.int32())),             # moments: seconds into the video
    pa.field("people", pa.list_(pa.string())),             # people: registry ids mentioned (or implied)
    pa.field("pair", pa.string()),                         # people: "id_a|id_b" of the pair the comment is about
    pa.field("couples", pa.list_(pa.string())),            # people: registry couples invoked
    *[pa.field(f"p_{label}", pa.float32()) for label in LABELS],   # reactions: calibrated probability
    pa.field("labels", pa.list_(pa.string())),             # reactions: labels at their thresholds
    pa.field("sentiment", pa.float32()),                   # sentiment: -1 .. 1
]
ANALYSIS_SCHEMA = pa.schema(ANALYSIS_FIELDS)

COMMENT_SCHEMA = pa.schema(RECORD_FIELDS + ANALYSIS_FIELDS)

PROB_COLUMNS: tuple[str, ...] = tuple(f"p_{label}" for label in LABELS)


def empty_record_batch() -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=RECORD_SCHEMA)


def record_batch(rows: list[dict]) -> pa.RecordBatch:
    """Build a RECORD_SCHEMA batch from dicts; missing optional keys become null, likes/reply_count 0."""
    cols = {}
    for f in RECORD_FIELDS:
        values = [r.get(f.name) for r in rows]
        if f.name in ("likes", "reply_count"):
            values = [v or 0 for v in values]
        cols[f.name] = pa.array(values, type=f.type)
    return pa.RecordBatch.from_pydict(cols, schema=RECORD_SCHEMA)


def conform(batch: pa.RecordBatch, schema: pa.Schema = COMMENT_SCHEMA) -> pa.RecordBatch:
    """Reorder/cast ``batch`` to ``schema``; a missing nullable column becomes nulls."""
    n = batch.num_rows
    cols = []
    for f in schema:
        idx = batch.schema.get_field_index(f.name)
        if idx < 0:
            cols.append(pa.nulls(n, type=f.type))
        else:
            col = batch.column(idx)
            cols.append(col if col.type == f.type else col.cast(f.type))
    return pa.RecordBatch.from_arrays(cols, schema=schema)

# Sentiment scores within this band around 0 count as neutral (eval, reports).
SENTIMENT_NEUTRAL_BAND = 0.2


def sentiment_class(score: float | None) -> str:
    if score is None or -SENTIMENT_NEUTRAL_BAND <= score <= SENTIMENT_NEUTRAL_BAND:
        return "neutral"
    return "positive" if score > 0 else "negative"

"""From the store to the Summary a report renders: shares, Ship Index, timelines, moments, quotes, pairs, hate.

Everything is computed with SQL over the store, restricted to the sources of a run, so memory stays flat with
the number of comments. The Ship Index bootstrap resamples comments, but since the statistic only depends on
each comment's (weight, sign), it resamples the distinct (weight, sign) groups with multinomial counts: the same
distribution as a per-comment bootstrap at a cost independent of n.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

import numpy as np

from .schema import LABELS, SENTIMENT_NEUTRAL_BAND, SHIP_NEGATIVE, SHIP_POSITIVE
from .store import Store, source_filter

QUOTE_LABELS = tuple(lab for lab in LABELS if lab not in ("hate", "spam", "other"))
_PHONE = re.compile(r"(?:\+?\d[\d\-\s().]{7,}\d)")

# SQL expressions over one comments row.
_HAS = "list_contains(labels, '{}')"
_POS = " OR ".join(_HAS.format(lab) for lab in SHIP_POSITIVE)
_NEG = " OR ".join(_HAS.format(lab) for lab in SHIP_NEGATIVE)
SIGN_SQL = f"((CASE WHEN {_POS} THEN 1 ELSE 0 END) - (CASE WHEN {_NEG} THEN 1 ELSE 0 END))"
ON_TOPIC_SQL = "(NOT list_contains(labels, 'spam') AND NOT (len(labels) = 1 AND labels[1] = 'other'))"
WEIGHT_SQL = "(1 + greatest(likes, 0))"


def ship_index_from_groups(weights: np.ndarray, signs: np.ndarray, counts: np.ndarray, n_boot: int = 2000,
                           seed: int = 0) -> dict:
    """Ship Index and its 95% percentile-bootstrap interval from (weight, sign, count) groups."""
    n = int(counts.sum())
    if n == 0:
        return {"value": None, "ci_low": None, "ci_high": None, "n": 0}
    w = weights.astype(float)
    ws = w * signs
    value = 100.0 * float((ws * counts).sum() / (w * counts).sum())
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n, counts / n, size=n_boot)   # (n_boot, groups)
    den = draws @ w
    stats = 100.0 * (draws @ ws) / den
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return {"value": round(value, 2), "ci_low": round(float(lo), 2), "ci_high": round(float(hi), 2), "n": n}


class Aggregator:
    """Computes the Summary for some sources of a store. Parameters only; ``summarize`` does the work."""

    def __init__(self, n_quotes: int = 5, n_moments: int = 8, n_boot: int = 2000, rumour_k: float = 2.0,
                 show_authors: bool = False, registry=None):
        self.n_quotes = n_quotes
        self.n_moments = n_moments
        self.n_boot = n_boot
        self.rumour_k = rumour_k
        self.show_authors = show_authors
        self.registry = registry

    def summarize(self, store: Store, sources: Sequence[tuple[str, str]] | None = None, *, title: str | None = None,
                  pair: Sequence[str] | None = None, model: dict | None = None) -> dict:
        self._store, self._where, self._params = store, *source_filter(sources)
        n = self._one(f"SELECT count(*) FROM comments WHERE {self._where}")
        counts = self._label_counts()
        weighted = self._weighted_shares()
        span = store.con.execute(
            f"SELECT min(published_at), max(published_at) FROM comments WHERE {self._where}", self._params).fetchall()[0]
        summary = {
            "title": title or self._common_title(),
            "pair": self._pair(pair),
            "sources": self._sources(sources),
            "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "model": model or {},
            "n_comments": n,
            "n_on_topic": self._one(f"SELECT count(*) FROM comments WHERE {self._where} AND {ON_TOPIC_SQL}"),
            "time_span": {"start": _iso(span[0]), "end": _iso(span[1])},
            "counts": counts,
            "shares": {lab: (c / n if n else 0.0) for lab, c in counts.items()},
            "weighted_shares": weighted,
            "ship_index": self.ship_index(),
            "ship_index_by_language": self._ship_index_by("lang"),
            "languages": dict(self._rows(
                f"SELECT coalesce(lang, 'und'), count(*) c FROM comments WHERE {self._where} GROUP BY 1 ORDER BY c DESC")),
            "labels_by_language": self._labels_by_language(),
            "sentiment": self._sentiment(),
            "timeline": self._timeline(span),
            "moments": self._moments(),
            "quotes": {lab: self.quotes(lab) for lab in QUOTE_LABELS},
            "people": self._people(),
            "couples_invoked": self._couples(),
            "pairs": self._pairs(),
            "hate": self._hate(n),
        }
        summary["rumour"] = self._rumour(summary["timeline"])
        return summary

    # --- helpers ---------------------------------------------------------------------------------------------

    def _rows(self, sql: str, extra: Sequence = ()) -> list[tuple]:
        return self._store.con.execute(sql, self._params + list(extra)).fetchall()

    def _one(self, sql: str, extra: Sequence = ()):
        return self._rows(sql, extra)[0][0]

    def _label_counts(self) -> dict[str, int]:
        got = dict(self._rows(
            f"SELECT l, count(*) FROM (SELECT unnest(labels) l FROM comments WHERE {self._where}) GROUP BY l"))
        return {lab: int(got.get(lab, 0)) for lab in LABELS}

    def _weighted_shares(self) -> dict[str, float]:
        total = self._one(f"SELECT sum({WEIGHT_SQL}) FROM comments WHERE {self._where}") or 0
        got = dict(self._rows(
            f"SELECT l, sum(w) FROM (SELECT unnest(labels) l, {WEIGHT_SQL} w FROM comments WHERE {self._where}) "
            f"GROUP BY l"))
        return {lab: (float(got.get(lab, 0)) / total if total else 0.0) for lab in LABELS}

    def ship_index(self, extra_where: str = "TRUE", extra_params: Sequence = ()) -> dict:
        rows = self._rows(
            f"SELECT {WEIGHT_SQL} w, {SIGN_SQL} s, count(*) FROM comments "
            f"WHERE {self._where} AND {ON_TOPIC_SQL} AND {extra_where} GROUP BY w, s", extra_params)
        if not rows:
            return {"value": None, "ci_low": None, "ci_high": None, "n": 0}
        arr = np.array(rows, dtype=float)
        return ship_index_from_groups(arr[:, 0], arr[:, 1], arr[:, 2], self.n_boot)

    def _ship_index_by(self, column: str, min_n: int = 5) -> dict:
        out = {}
        keys = self._rows(
            f"SELECT {column}, count(*) c FROM comments WHERE {self._where} AND {ON_TOPIC_SQL} AND {column} IS NOT NULL "
            f"GROUP BY 1 HAVING count(*) >= ? ORDER BY c DESC LIMIT 12", [min_n])
        for key, _ in keys:
            out[key] = self.ship_index(f"{column} = ?", [key])
        return out

    def _labels_by_language(self) -> dict:
        out: dict[str, dict[str, int]] = {}
        for lang, lab, c in self._rows(
                f"SELECT coalesce(lang, 'und'), l, count(*) FROM (SELECT lang, unnest(labels) l FROM comments "
                f"WHERE {self._where}) GROUP BY 1, 2"):
            out.setdefault(lang, dict.fromkeys(LABELS, 0))[lab] = int(c)
        return out

    def _sentiment(self) -> dict:
        b = SENTIMENT_NEUTRAL_BAND
        mean, neg, neu, pos = self._rows(
            f"SELECT avg(sentiment), count(*) FILTER (WHERE sentiment < -{b}), "
            f"count(*) FILTER (WHERE sentiment BETWEEN -{b} AND {b}), count(*) FILTER (WHERE sentiment > {b}) "
            f"FROM comments WHERE {self._where}")[0]
        return {"mean": round(float(mean), 3) if mean is not None else None, "negative": int(neg or 0),
                "neutral": int(neu or 0), "positive": int(pos or 0)}

    def _common_title(self) -> str | None:
        rows = self._rows(f"SELECT title, count(*) c FROM comments WHERE {self._where} AND title IS NOT NULL "
                          f"GROUP BY 1 ORDER BY c DESC LIMIT 2")
        total = self._one(f"SELECT count(*) FROM comments WHERE {self._where}")
        # One title for the whole corpus (a video); a corpus of many headlines has no single title.
        if rows and len(rows) == 1 and rows[0][1] >= 0.9 * total:
            return rows[0][0]
        return None

    def _display(self, pid: str) -> str:
        if self.registry is not None:
            try:
                return self.registry.display(pid)
            except KeyError:
                pass
        return pid

    def _pair(self, pair: Sequence[str] | None) -> dict | None:
        if pair:
            ids = [self.registry.resolve(p) or p for p in pair] if self.registry is not None else list(pair)
        else:
            top = self._rows(f"SELECT pair, count(*) c FROM comments WHERE {self._where} AND pair IS NOT NULL "
                             f"GROUP BY 1 ORDER BY c DESC LIMIT 1")
            total = self._one(f"SELECT count(*) FROM comments WHERE {self._where}")
            if not top or top[0][1] < 0.5 * total:
                return None
            ids = top[0][0].split("|")
        return {"ids": ids, "names": [self._display(i) for i in ids]}

    def _sources(self, sources) -> list[dict]:
        rows = sources or self._rows(f"SELECT DISTINCT platform, source_id FROM comments WHERE {self._where}")
        out = []
        for platform, sid in rows:
            url = f"https://www.youtube.com/watch?v={sid}" if platform == "youtube" and _is_video_id(sid) else None
            out.append({"platform": platform, "source_id": sid, "url": url})
        return out

    def _timeline(self, span) -> dict:
        start, end = span
        if start is None:
            return {"granularity": None, "points": []}
        gran = "hour" if (end - start) <= dt.timedelta(days=2) else "day"
        rows = self._rows(
            f"SELECT date_trunc('{gran}', published_at) t, count(*), "
            + ", ".join(f"count(*) FILTER (WHERE {_HAS.format(lab)})" for lab in LABELS)
            + f", sum(CASE WHEN {ON_TOPIC_SQL} THEN {WEIGHT_SQL} * {SIGN_SQL} END), "
              f"sum(CASE WHEN {ON_TOPIC_SQL} THEN {WEIGHT_SQL} END) "
              f"FROM comments WHERE {self._where} AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1")
        points = []
        for r in rows:
            num, den = r[-2], r[-1]
            points.append({"t": _iso(r[0]), "n": int(r[1]),
                           "counts": {lab: int(c) for lab, c in zip(LABELS, r[2:2 + len(LABELS)])},
                           "ship_index": round(100.0 * num / den, 2) if den else None})
        return {"granularity": gran, "points": points}

    def _rumour(self, timeline: dict) -> dict:
        """dating_claim share per period, flagged where it exceeds the series' own trailing baseline + k·SD."""
        pts = timeline["points"]
        shares = [p["counts"]["dating_claim"] / p["n"] if p["n"] else 0.0 for p in pts]
        window = 7 if timeline["granularity"] == "day" else 24
        out = []
        for i, p in enumerate(pts):
            base = shares[max(0, i - window):i]
            spike = False
            if len(base) >= 3 and p["n"] >= 5:
                mu, sd = float(np.mean(base)), float(np.std(base))
                spike = shares[i] > mu + self.rumour_k * max(sd, 0.02)
            out.append({"t": p["t"], "share": round(shares[i], 4), "n": p["n"], "spike": spike})
        return {"k": self.rumour_k, "window": window, "points": out}

    def _quote_rows(self, where: str, params: Sequence, order: str, limit: int) -> list[dict]:
        author = "author" if self.show_authors else "NULL"
        rows = self._rows(
            f"SELECT comment_id, text, lang, likes, labels, published_at, platform, source_id, {author}, "
            f"{order} AS score FROM comments WHERE {self._where} AND {where} ORDER BY score DESC LIMIT ?",
            list(params) + [limit])
        out = []
        for cid, text, lang, likes, labels, pub, platform, sid, auth, score in rows:
            out.append({"comment_id": cid, "text": text, "lang": lang or "und", "likes": int(likes),
                        "p": round(float(score), 4), "labels": list(labels or []), "published_at": _iso(pub),
                        "permalink": _permalink(platform, sid, cid), "author": auth})
        return out

    def quotes(self, label: str, k: int | None = None) -> list[dict]:
        """Confident, liked, diverse quotes for a label: never hateful, no links or phone numbers."""
        k = k or self.n_quotes
        cands = self._quote_rows(
            f"list_contains(labels, ?) AND NOT list_contains(labels, 'hate') AND NOT coalesce(has_url, false) "
            f"AND p_hate < 0.5 AND length(text) BETWEEN 6 AND 280",
            [label], f"p_{label} * ln(2 + likes)", 40 * k)
        cands = [c for c in cands if not _PHONE.search(c["text"])]
        return diverse(cands, k)

    def _moments(self) -> list[dict]:
        rows = self._rows(
            f"SELECT m, count(*), sum(likes) FROM (SELECT unnest(moments) m, likes FROM comments "
            f"WHERE {self._where} AND NOT list_contains(labels, 'spam')) GROUP BY m ORDER BY m")
        clusters = cluster_moments([(int(m), int(c), int(lk or 0)) for m, c, lk in rows])
        vid = self._video_id()
        # A moment is "hot" when several comments point at it; under a news story with no video, stray
        # durations ("1초", "30초") look like timestamps, so ask for more agreement there.
        min_n = 2 if vid else 3
        clusters = [c for c in clusters if c["n"] >= min_n]
        clusters.sort(key=lambda c: (-c["n"], c["seconds"]))
        out = []
        for c in clusters[: self.n_moments]:
            quotes = self._quote_rows(
                "list_has_any(moments, ?::INTEGER[]) AND NOT list_contains(labels, 'hate') "
                "AND NOT list_contains(labels, 'spam') AND NOT coalesce(has_url, false)",
                [c["members"]], "likes + 0.5 * len(labels)", 12)
            c.pop("members")
            c["label"] = format_seconds(c["seconds"])
            c["url"] = f"https://www.youtube.com/watch?v={vid}&t={c['seconds']}s" if vid else None
            c["quotes"] = diverse(quotes, 3)
            out.append(c)
        return out

    def _video_id(self) -> str | None:
        rows = self._rows(f"SELECT DISTINCT source_id FROM comments WHERE {self._where} AND platform = 'youtube' LIMIT 2")
        return rows[0][0] if len(rows) == 1 and _is_video_id(rows[0][0]) else None

    def _people(self) -> list[dict]:
        rows = self._rows(f"SELECT p, count(*) c FROM (SELECT unnest(people) p FROM comments WHERE {self._where}) "
                          f"GROUP BY p ORDER BY c DESC LIMIT 20")
        return [{"id": p, "name": self._display(p), "n": int(c)} for p, c in rows]

    def _couples(self) -> list[dict]:
        rows = self._rows(f"SELECT p, count(*) c FROM (SELECT unnest(couples) p FROM comments WHERE {self._where} "
                          f"AND list_contains(labels, 'couple_comparison')) GROUP BY p ORDER BY c DESC LIMIT 15")
        out = []
        for cid, c in rows:
            name = cid
            if self.registry is not None and cid in getattr(self.registry, "couples", {}):
                members = self.registry.couples[cid].members
                name = " & ".join(self._display(m) for m in members)
            out.append({"id": cid, "name": name, "n": int(c)})
        return out

    def _pairs(self, limit: int = 20) -> list[dict]:
        rows = self._rows(f"SELECT pair, count(*) c FROM comments WHERE {self._where} AND pair IS NOT NULL "
                          f"GROUP BY 1 ORDER BY c DESC LIMIT ?", [limit])
        return [{"pair": p, "names": [self._display(i) for i in p.split("|")], "n": int(c),
                 "ship_index": self.ship_index("pair = ?", [p])} for p, c in rows]

    def _hate(self, n: int) -> dict:
        count = self._one(f"SELECT count(*) FROM comments WHERE {self._where} AND list_contains(labels, 'hate')")
        examples = self._quote_rows("list_contains(labels, 'hate')", [], "p_hate * ln(2 + likes)", 10)
        return {"count": int(count), "share": (count / n if n else 0.0), "examples": examples}


def cluster_moments(points: list[tuple[int, int, int]], gap: int = 4) -> list[dict]:
    """Group (seconds, n, likes) points whose neighbours are within ``gap`` seconds; label each by its mode."""
    clusters: list[dict] = []
    for sec, n, likes in points:
        if clusters and sec - clusters[-1]["members"][-1] <= gap:
            c = clusters[-1]
            c["members"].append(sec)
            c["n"] += n
            c["likes"] += likes
            if n > c["_best"]:
                c["_best"], c["seconds"] = n, sec
        else:
            clusters.append({"seconds": sec, "n": n, "likes": likes, "members": [sec], "_best": n})
    for c in clusters:
        c.pop("_best")
    return clusters


def char_ngrams(text: str, n: int = 5) -> set[str]:
    t = re.sub(r"\s+", " ", text.casefold()).strip()
    if len(t) <= n:
        return {t}
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def diverse(cands: list[dict], k: int, max_sim: float = 0.45, lam: float = 0.7) -> list[dict]:
    """Maximal marginal relevance over character 5-grams; near-duplicates (Jaccard >= max_sim) never both."""
    if not cands:
        return []
    top = max(c["p"] for c in cands) or 1.0
    grams = [char_ngrams(c["text"]) for c in cands]
    chosen: list[int] = []
    langs: set[str] = set()
    while len(chosen) < k:
        best, best_score = None, None
        for i, c in enumerate(cands):
            if i in chosen:
                continue
            sim = max((jaccard(grams[i], grams[j]) for j in chosen), default=0.0)
            if sim >= max_sim:
                continue
            # A language not yet quoted gets a small lift so every sizeable language is heard.
            score = lam * c["p"] / top - (1 - lam) * sim + (0.1 if c["lang"] not in langs else 0.0)
            if best_score is None or score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        langs.add(cands[best]["lang"])
    return [cands[i] for i in chosen]


def format_seconds(s: int) -> str:
    h, rem = divmod(int(s), 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def _is_video_id(sid: str | None) -> bool:
    return bool(sid) and re.fullmatch(r"[A-Za-z0-9_-]{11}", sid) is not None


def _permalink(platform: str, sid: str, cid: str) -> str | None:
    if platform == "youtube" and _is_video_id(sid) and re.fullmatch(r"[A-Za-z0-9_.-]+", cid or ""):
        return f"https://www.youtube.com/watch?v={sid}&lc={cid}"
    return None


def _iso(t) -> str | None:
    if t is None:
        return None
    if isinstance(t, dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=dt.timezone.utc)
        return t.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    return str(t)

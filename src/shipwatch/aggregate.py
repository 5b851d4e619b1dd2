"""From the store to the Summary a report renders: shares, Ship Index, timelines, moments, quotes, pairs, hate.

Everything is computed with SQL over the store, restricted to the sources of a run, so memory stays flat with
the number of comments. The Ship Index bootstrap resamples comments, but since the statistic only depends on
each comment's (weight, sign), it resamples the distinct (weight, sign) groups with multinomial counts: the same
distribution as a per-comment bootstrap at a cost independent of n.
"""
from __future__ import annotations

import datetime as dt
import math
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

    def __init__(self, n_quotes: int = 5, n_moments: int = 8, n_boot: int = 2000, rumour_k: float = 3.0,
                 rumour_window_h: int = 24, rumour_baseline_h: int = 168, rumour_min_n: int = 20,
                 show_authors: bool = False, registry=None, min_language_share: float = 0.05):
        self.n_quotes = n_quotes
        self.n_moments = n_moments
        self.n_boot = n_boot
        self.rumour_k = rumour_k
        self.rumour_window_h = rumour_window_h
        self.rumour_baseline_h = rumour_baseline_h
        self.rumour_min_n = rumour_min_n
        self.show_authors = show_authors
        self.registry = registry
        self.min_language_share = min_language_share

    def summarize(self, store: Store, sources: Sequence[tuple[str, str]] | None = None, *, title: str | None = None,
                  pair: Sequence[str] | None = None, model: dict | None = None) -> dict:
        self._store, self._where, self._params = store, *source_filter(sources)
        n = self._one(f"SELECT count(*) FROM comments WHERE {self._where}")
        languages = dict(self._rows(
            f"SELECT coalesce(lang, 'und'), count(*) c FROM comments WHERE {self._where} GROUP BY 1 ORDER BY c DESC"))
        # Quotes must let every sizeable audience be heard; "mixed" and "und" are not audiences.
        self._quote_langs = [lang for lang, c in languages.items()
                             if n and c / n >= self.min_language_share and lang not in ("mixed", "und")]
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
            "languages": languages,
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
        summary["rumour"] = self.rumour()
        summary["hate"]["over_time"] = [
            {"t": p["t"], "n": p["n"], "share": round(p["counts"]["hate"] / p["n"], 4) if p["n"] else 0.0}
            for p in summary["timeline"]["points"]]
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

    def rumour(self) -> dict:
        """Rumour watch: the trailing-window ``dating_claim`` share per hour, flagged against its own baseline."""
        rows = self._rows(
            f"SELECT epoch(date_trunc('hour', published_at))::BIGINT // 3600, count(*), "
            f"count(*) FILTER (WHERE {_HAS.format('dating_claim')}) FROM comments "
            f"WHERE {self._where} AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1")
        arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return rumour_watch(arr[:, 0], arr[:, 1], arr[:, 2], k=self.rumour_k, window_h=self.rumour_window_h,
                            baseline_h=self.rumour_baseline_h, min_n=self.rumour_min_n)

    def _quote_rows(self, where: str, params: Sequence, order: str, limit: int, per_language: bool = False,
                    prob: str | None = None) -> list[dict]:
        """Comments matching ``where``, best ``order`` first: ``limit`` overall, or ``limit`` per language."""
        author = "author" if self.show_authors else "NULL"
        prob = prob or order
        cut = (f"QUALIFY row_number() OVER (PARTITION BY coalesce(lang, 'und') ORDER BY score DESC, comment_id) <= ? "
               f"ORDER BY score DESC, comment_id" if per_language else "ORDER BY score DESC, comment_id LIMIT ?")
        rows = self._rows(
            f"SELECT comment_id, text, lang, likes, labels, published_at, platform, source_id, {author}, "
            f"{order} AS score, {prob} AS prob FROM comments WHERE {self._where} AND {where} {cut}",
            list(params) + [limit])
        out = []
        for cid, text, lang, likes, labels, pub, platform, sid, auth, score, p in rows:
            out.append({"comment_id": cid, "text": text, "lang": lang or "und", "likes": int(likes),
                        "p": round(float(p or 0.0), 4), "score": round(float(score or 0.0), 4),
                        "labels": list(labels or []), "published_at": _iso(pub), "platform": platform,
                        "permalink": _permalink(platform, sid, cid), "author": auth})
        return out

    def quotes(self, label: str, k: int | None = None) -> list[dict]:
        """Quotes for a camp: confident, liked, close to the camp's centre, diverse, every sizeable language heard.

        Never hateful or spam, no links, phone numbers or @handles (masked unless ``show_authors``). SQL picks a
        bounded pool (the best-scored candidates of each language) and a hash-ordered sample of the camp per
        language, whose character-trigram centroid is the camp's centre; Python ranks the pool and picks with
        maximal marginal relevance.
        """
        k = k or self.n_quotes
        base = (f"list_contains(labels, ?) AND NOT list_contains(labels, 'hate') AND NOT list_contains(labels, 'spam') "
                f"AND NOT coalesce(has_url, false) AND coalesce(p_hate, 0) < 0.5 AND length(text) BETWEEN 6 AND 280")
        pool = self._quote_rows(base, [label], f"p_{label} * ln(2 + likes)", 40 * k, per_language=True,
                                prob=f"p_{label}")
        pool = [q for q in pool if quotable_text(q["text"])]
        if not self.show_authors:
            for q in pool:
                q["text"] = mask_handles(q["text"])
        sample = self._rows(
            f"SELECT coalesce(lang, 'und'), text FROM comments WHERE {self._where} AND {base} "
            f"QUALIFY row_number() OVER (PARTITION BY coalesce(lang, 'und') ORDER BY hash(comment_id)) <= 300",
            [label])
        centres: dict[str, dict] = {}
        for lang, text in sample:
            centres.setdefault(lang, []).append(text)
        centres = {lang: centroid(texts) for lang, texts in centres.items()}
        return select_quotes(pool, k, centres, self._quote_langs)

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
                "AND NOT list_contains(labels, 'spam') AND NOT coalesce(has_url, false) AND coalesce(p_hate, 0) < 0.5",
                [c["members"]], "likes + 0.5 * len(labels)", 12, prob="NULL")
            quotes = [q for q in quotes if quotable_text(q["text"])]
            if not self.show_authors:
                for q in quotes:
                    q["text"] = mask_handles(q["text"])
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
        examples = self._quote_rows("list_contains(labels, 'hate')", [], "p_hate * ln(2 + likes)", 10, prob="p_hate")
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
    """Maximal marginal relevance over character 5-grams; near-duplicates (Jaccard >= max_sim) never both.

    Relevance is a candidate's ``score`` (else its ``p``), scaled to the best candidate's.
    """
    if not cands:
        return []
    rel = [float(c.get("score", c.get("p")) or 0.0) for c in cands]
    top = max(rel) or 1.0
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
            score = lam * rel[i] / top - (1 - lam) * sim + (0.1 if c["lang"] not in langs else 0.0)
            if best_score is None or score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        langs.add(cands[best]["lang"])
    return [cands[i] for i in chosen]


# Quote hygiene: what a quote may not carry into a published page.
_LINKISH = re.compile(r"(?i)\b(?:https?://|www\.|[a-z0-9-]+\.(?:com|net|org|kr|ly|io|me|tv|co)\b/?)")
_HANDLE = re.compile(r"(?<![\w.])@[\w][\w.\-]{0,59}")


def quotable_text(text: str) -> bool:
    """False for text with a phone number or anything link-like (the store's has_url may miss bare domains)."""
    return not (_PHONE.search(text) or _LINKISH.search(text))


def mask_handles(text: str) -> str:
    """'@someone thanks' -> '@… thanks': a reply names another user, who did not ask to be in a report."""
    return _HANDLE.sub("@…", text)


def _trigrams(text: str) -> dict[str, float]:
    t = " " + re.sub(r"\s+", " ", text.casefold()).strip() + " "
    grams: dict[str, float] = {}
    for i in range(len(t) - 2):
        g = t[i:i + 3]
        grams[g] = grams.get(g, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in grams.values())) or 1.0
    return {g: v / norm for g, v in grams.items()}


def centroid(texts: Sequence[str]) -> dict[str, float]:
    """The mean of the texts' L2-normalised character-trigram vectors: a camp's centre in one language."""
    out: dict[str, float] = {}
    for text in texts:
        for g, v in _trigrams(text).items():
            out[g] = out.get(g, 0.0) + v
    n = max(len(texts), 1)
    return {g: v / n for g, v in out.items()}


def closeness(text: str, centre: dict[str, float]) -> float:
    """Cosine between a text and a centre (0 when the centre is empty)."""
    norm = math.sqrt(sum(v * v for v in centre.values()))
    if not norm:
        return 0.0
    return sum(v * centre.get(g, 0.0) for g, v in _trigrams(text).items()) / norm


def select_quotes(pool: list[dict], k: int, centres: dict[str, dict], languages: Sequence[str] = (),
                  max_sim: float = 0.45, lam: float = 0.6) -> list[dict]:
    """Rank a candidate pool and pick ``k`` diverse quotes, one per listed language first when it has any.

    Quality mixes confidence (``p``), likes (log, relative to the pool's best) and closeness to the centre of
    the quote's language; past 160 characters a quote reads worse in print and loses a fifth. Picks never
    repeat a text and never include two quotes whose character 5-gram Jaccard is ``max_sim`` or more.
    """
    seen: set[str] = set()
    cands = []
    for q in pool:
        key = re.sub(r"\W+", "", q["text"].casefold())
        if key and key not in seen:
            seen.add(key)
            cands.append(q)
    if not cands:
        return []
    top_likes = math.log1p(max(max(q["likes"], 0) for q in cands))
    close = [closeness(q["text"], centres.get(q["lang"], {})) for q in cands]
    top_close = max(close) or 1.0
    for q, c in zip(cands, close):
        likes = math.log1p(max(q["likes"], 0)) / top_likes if top_likes else 0.0
        quality = 0.45 * q["p"] + 0.30 * likes + 0.25 * c / top_close
        # Print wants a sentence, not a paragraph and not a two-word cheer.
        fit = 0.8 if len(q["text"]) > 160 else 0.9 if len(q["text"]) < 15 else 1.0
        q["quality"] = round(quality * fit, 4)
    grams = [char_ngrams(q["text"]) for q in cands]
    vectors = [_trigrams(q["text"]) for q in cands]
    order = sorted(range(len(cands)), key=lambda i: -cands[i]["quality"])
    chosen: list[int] = []

    def max_overlap(i: int) -> float:
        return max((jaccard(grams[i], grams[j]) for j in chosen), default=0.0)

    def redundancy(i: int) -> float:
        """Near-duplicates share 5-grams; variants of one phrase ("축하드려요 행복하세요") share trigrams."""
        cos = max((sum(v * vectors[j].get(g, 0.0) for g, v in vectors[i].items()) for j in chosen), default=0.0)
        return max(max_overlap(i), cos)

    for lang in languages:
        if len(chosen) >= k:
            break
        best = next((i for i in order if cands[i]["lang"] == lang and i not in chosen and max_overlap(i) < max_sim),
                    None)
        if best is not None:
            chosen.append(best)
    while len(chosen) < k:
        best, best_score = None, None
        for i in order:
            if i in chosen:
                continue
            if max_overlap(i) >= max_sim:
                continue
            score = lam * cands[i]["quality"] - (1 - lam) * redundancy(i)
            if best_score is None or score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
    chosen.sort(key=lambda i: -cands[i]["quality"])
    return [cands[i] for i in chosen]


def rumour_watch(hours: np.ndarray, n: np.ndarray, claims: np.ndarray, *, k: float = 3.0, window_h: int = 24,
                 baseline_h: int = 168, min_n: int = 20, min_windows: int = 3, sd_floor: float = 0.02,
                 min_lift: float = 0.05, max_points: int = 400) -> dict:
    """Flag spikes in the ``dating_claim`` share against the series' own baseline.

    ``hours`` are epoch hours (sorted, distinct) with the comments ``n`` and dating claims ``claims`` posted in
    each. The series is cut into consecutive ``window_h``-hour windows ending with the last hour of data; each
    window's share is claims/comments in it, and its baseline is the share of each of the ``baseline_h //
    window_h`` windows just before it (the 7 previous days for the defaults), those with at least 5 comments.
    A spike is a window share above mean + k·SD of the baseline shares and at least ``min_lift`` above the
    mean, with at least ``min_n`` comments in the window and ``min_windows`` baseline windows. The SD is never
    taken below the binomial standard error of the window nor below ``sd_floor``: seven baseline values often
    underestimate the spread. Consecutive flagged windows form one episode. ``points`` holds one entry per window
    (``t`` is the window's last hour), thinned to at most ``max_points`` plus every flagged window.
    """
    params = {"k": k, "window_h": window_h, "baseline_h": baseline_h, "min_n": min_n, "min_windows": min_windows,
              "min_lift": min_lift}
    if len(hours) == 0:
        return {**params, "status": "no_timestamps", "step_h": None, "points": [], "episodes": []}
    h0 = int(hours[0])
    size = int(hours[-1]) - h0 + 1
    dense_n = np.zeros(size, dtype=np.int64)
    dense_c = np.zeros(size, dtype=np.int64)
    dense_n[hours - h0] = n
    dense_c[hours - h0] = claims
    cn = np.concatenate([[0], np.cumsum(dense_n)])
    cc = np.concatenate([[0], np.cumsum(dense_c)])

    def window(end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Comments and claims in the window of ``window_h`` hours ending with hour index ``end`` (inclusive)."""
        hi = np.clip(end + 1, 0, size)
        lo = np.clip(end + 1 - window_h, 0, size)
        return cn[hi] - cn[lo], cc[hi] - cc[lo]

    idx = np.arange(size)
    wn, wc = window(idx)
    share = np.divide(wc, wn, out=np.zeros(size), where=wn > 0)
    n_base = max(1, baseline_h // window_h)
    base_shares = np.full((n_base, size), np.nan)
    for j in range(1, n_base + 1):
        end = idx - j * window_h
        bn, bc = window(end)
        ok = (end >= 0) & (bn >= 5)
        base_shares[j - 1, ok] = bc[ok] / bn[ok]
    valid = np.sum(~np.isnan(base_shares), axis=0)
    with np.errstate(invalid="ignore"):
        mean = np.where(valid > 0, np.nanmean(np.where(valid > 0, base_shares, 0.0), axis=0), np.nan)
        sd = np.where(valid > 0, np.nanstd(np.where(valid > 0, base_shares, 0.0), axis=0), np.nan)
    # The spread is at least what sampling alone gives a window of this size (the binomial standard error), so a
    # baseline that happened to be calm does not turn ordinary noise into a spike; and a spike must also rise
    # ``min_lift`` above the baseline, since 20% -> 23% is not a rumour whatever its z.
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.clip(mean * (1 - mean), 0, None) / np.maximum(wn, 1))
    threshold = np.maximum(mean + k * np.fmax(np.fmax(sd, se), sd_floor), mean + min_lift)
    # Judged once per window, on consecutive windows ending with the last hour of data (the latest window is
    # "the last 24 h"): re-judging every hour would test the same comments many times over and flag noise.
    at = np.zeros(size, dtype=bool)
    at[size - 1::-window_h] = True
    judged = at & (valid >= min_windows) & (wn >= min_n)
    spike = judged & (share > threshold)

    episodes = []
    flagged = np.flatnonzero(spike).tolist()
    while flagged:
        run = [flagged.pop(0)]
        while flagged and flagged[0] == run[-1] + window_h:
            run.append(flagged.pop(0))
        peak = max(run, key=lambda i: share[i])
        episodes.append({"start": _hour_iso(h0 + max(run[0] - window_h + 1, 0)), "end": _hour_iso(h0 + run[-1] + 1),
                         "peak": _hour_iso(h0 + peak), "share": round(float(share[peak]), 4), "n": int(wn[peak]),
                         "baseline": round(float(mean[peak]), 4), "sd": round(float(sd[peak]), 4),
                         "threshold": round(float(threshold[peak]), 4)})
    evaluated = np.flatnonzero(at)
    step = max(1, math.ceil(len(evaluated) / max_points))
    keep = sorted(set(evaluated[::-1][::step].tolist()) | set(np.flatnonzero(spike).tolist()))
    points = [{"t": _hour_iso(h0 + i), "share": round(float(share[i]), 4), "n": int(wn[i]),
               "baseline": None if np.isnan(mean[i]) else round(float(mean[i]), 4),
               "threshold": None if np.isnan(mean[i]) else round(float(threshold[i]), 4),
               "judged": bool(judged[i]), "spike": bool(spike[i])} for i in keep]
    status = "ok" if judged.any() else "short_history"
    return {**params, "status": status, "step_h": step * window_h, "points": points, "episodes": episodes}


def _hour_iso(epoch_hour: int) -> str:
    return dt.datetime.fromtimestamp(int(epoch_hour) * 3600, dt.timezone.utc).isoformat(timespec="seconds")


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

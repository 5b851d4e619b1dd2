"""article.md: a first draft in the "netizens react" genre, written from a Summary.

Structure: headline, lede with the Ship Index and the number of comments, the moments fans point at (and what the
camera shows, when a clip was analysed), one section per camp that has at least two quotes (2-4 each, attributed
the way the trade does), a closing line and a methods footnote. ``article_html`` renders the same draft as one
self-contained HTML page.
Quotes are hostile input: they are rendered so that they can neither leave their blockquote nor become HTML or
a link when the Markdown is rendered, while the words themselves stay as written.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from shipwatch.report.formatting import (
    LABEL_NAMES, check_summary, count, format_span, index_available, language_name, pair_names, percent,
    platform_name, quotable, safe_url, short_name, signed,
)
from shipwatch.schema import SHIP_POSITIVE

TARGET_LANG = "en"
QUOTES_PER_CAMP = 4
MIN_QUOTES_PER_CAMP = 2
MOMENTS_SHOWN = 3


class Translator(Protocol):
    def translate(self, text: str, source_lang: str, target_lang: str) -> str | None: ...


# Camps in the order a story tells them when sizes are equal; denial is always told last, as the counterpoint.
_CAMPS = ("ship", "dating_claim", "chemistry", "couple_comparison", "visuals", "acting", "congrats")
_COUNTERPOINT = "denial"

_CAMP_HEADINGS = {
    "ship": "'Just date already'",
    "dating_claim": "'That's not acting': the believers",
    "chemistry": "All about the chemistry",
    "couple_comparison": "The inevitable comparisons",
    "visuals": "The visuals",
    "acting": "Credit to the work",
    "congrats": "Well-wishers",
    "denial": "Not everyone is convinced",
}

# "{share} ({n})" is filled in; every sentence says what share of all comments the camp is.
_CAMP_INTROS = {
    "ship": "{share} of the comments ({n}) want the two to make it real.",
    "dating_claim": "{share} ({n}) go further and claim the two are already together, or soon will be.",
    "chemistry": "{share} of commenters ({n}) praise the chemistry between the pair.",
    "couple_comparison": "{share} ({n}) compare them with other couples{couples}.",
    "visuals": "{share} ({n}) talk about how the two look.",
    "acting": "{share} ({n}) keep it about the work: the acting, the scene, the show.",
    "congrats": "{share} ({n}) send their congratulations.",
    "denial": "{share} of the comments ({n}) push back on the speculation.",
}

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_SPACES = re.compile(r"[ \t]+")


def render_article(summary: dict, path: str | Path, translator: Translator | None = None,
                   format: str = "md") -> Path:
    """Write the article draft for ``summary`` to ``path`` (a file, or a directory that gets article.md/.html).

    ``format`` is "md" (Markdown) or "html" (the same draft as a self-contained page).
    """
    if format not in ("md", "html"):
        raise ValueError(f"article format must be 'md' or 'html', not {format!r}")
    path = Path(path)
    if path.is_dir():
        path = path / f"article.{format}"
    text = article_string(summary, translator) if format == "md" else article_html(summary, translator)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def article_string(summary: dict, translator: Translator | None = None) -> str:
    """The article as Markdown text (what ``render_article`` writes)."""
    check_summary(summary)
    return _Writer(summary, translator).write()


_ARTICLE_CSS = """
body { margin: 0 auto; max-width: 42rem; padding: 1rem; color: #1f2328; background: #fff;
       font: 17px/1.6 Georgia, "Noto Serif", "Noto Serif CJK KR", serif; }
h1 { font-size: 1.8rem; line-height: 1.25; } h2 { font-size: 1.25rem; margin-top: 1.8rem; }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid #ad1457; background: #f6f7f9; }
blockquote p { margin: .4rem 0; overflow-wrap: anywhere; }
a { color: #0b57d0; } hr { border: 0; border-top: 1px solid #ccc; margin: 2rem 0 1rem; }
em { color: #454b53; font-size: .95rem; }
@media print { a { color: #000; } blockquote { break-inside: avoid; } }
"""


def article_html(summary: dict, translator: Translator | None = None) -> str:
    """The draft as one HTML page: the Markdown rendered with raw HTML off, inline CSS, no scripts or requests."""
    from html import escape

    try:
        from markdown_it import MarkdownIt
    except ImportError:
        from shipwatch.errors import MissingDependency

        raise MissingDependency("markdown-it-py", "report", "--article-format html") from None
    md = article_string(summary, translator)
    # html=False: any tag that got through as text stays text; links only come from our own [label](url) syntax.
    body = MarkdownIt("commonmark", {"html": False}).render(md)
    body = body.replace("<a href=", '<a rel="noopener noreferrer" href=')
    title = md.split("\n", 1)[0].lstrip("# ").strip()
    title = re.sub(r"\\(.)", r"\1", title).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "form-action 'none'; base-uri 'none'\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{escape(title)}</title>\n<style>{_ARTICLE_CSS}</style>\n</head>\n<body>\n<article>\n"
            f"{body}</article>\n</body>\n</html>\n")


def md_text(text: str) -> str:
    """Inline Markdown for untrusted text: renders as the same words, never as HTML, a link or a code span.

    ``& < >`` become entities (no tags, no autolinks); ``\\ [ ] ` `` get a backslash (no links, no link
    definitions, no code spans, in which entities would show literally). Everything else is left alone so the
    raw .md stays readable.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\\[\]`])", r"\\\1", text)


def md_blockquote(text: str) -> str:
    """Untrusted multi-line text as one blockquote: every line carries the marker, blank lines included."""
    lines = [_SPACES.sub(" ", line).strip() for line in _LINE_BREAKS.sub("\n", text).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1] != ">"):
            # A line that opens with "#", "-", "+", "=" or "1." would start a heading, list or rule inside the quote.
            line = md_text(line)
            if re.match(r"^(#|[-+*=_])", line):
                line = "\\" + line
            line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
            out.append(f"> {line}" if line else ">")
    while out and out[-1] == ">":
        out.pop()
    return "\n".join(out) if out else ">"


def one_line(text: str) -> str:
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", text).replace("\n", " ")).strip()


class _Writer:
    def __init__(self, summary: dict, translator: Translator | None):
        self.s = summary
        self.translator = translator
        self.used: set[str] = set()       # a quote carrying two labels appears once, in its first camp
        self.thin: list[str] = []         # camps with too few quotes for a section of their own
        names = [short_name(n) for n in pair_names(summary)]
        self.pair = " and ".join(names) if names else ""
        self.subject = self.pair or (summary["title"] and f"“{one_line(summary['title'])}”") or "the clip"
        # A corpus of many headlines and no pair under study is about the couples in those stories.
        self.about = self.pair or ("the pair" if summary["title"] else "the couples in the news")
        platforms = {src.get("platform") for src in summary["sources"]}
        self.platform = platform_name(platforms.pop()) if len(platforms) == 1 else ""

    def write(self) -> str:
        # Sentences are built from plain text (names, titles, language codes can be hostile too) and escaped
        # whole; only moments() and the quote blocks, which contain Markdown syntax of ours, escape piecewise.
        blocks = [f"# {md_text(self.headline())}", md_text(self.lede())]
        if self.s["n_comments"]:
            blocks += [md_text(p) for p in self.languages_paragraph()]
            blocks += self.moments()
            blocks += self.on_camera()
            for label in self.camp_order():
                blocks += self.camp(label)
            if self.thin:
                blocks.append(md_text(self.thin_camps()))
            blocks.append(md_text(self.closing()))
        blocks += ["---", md_text(self.methods())]
        return "\n\n".join(b for b in blocks if b) + "\n"

    # Headline and lede ----------------------------------------------------------------------------------------

    def headline(self) -> str:
        who = self.pair or "the pair"
        possessive = f"{who}'" if who.endswith("s") else f"{who}'s"
        if not self.s["n_comments"]:
            return f"No fan reactions yet to {self.subject}"
        if not self.pair and not self.s["title"]:
            return self.corpus_headline()
        hook = self.headline_quote()
        what = "clip" if self.s["moments"] or any(src.get("platform") == "youtube" for src in self.s["sources"]) \
            else "story"
        ix = self.s["ship_index"]
        if hook:
            verb = "flood" if index_available(ix) and ix["value"] >= 20 else "weigh in on"
            return f"'{hook}': fans {verb} {possessive} {what}" if self.pair else f"'{hook}': fans weigh in"
        if index_available(ix) and ix["value"] >= 20:
            return f"Fans want {who} to make it real"
        if index_available(ix) and ix["value"] <= -20:
            return f"'It's just acting': fans push back on {who} dating talk"
        return f"Fans are divided over {who}"

    def headline_quote(self) -> str | None:
        """A short, well-liked English line from the shipping side (the genre's quote headline)."""
        ix = self.s["ship_index"]
        side = ("denial",) if index_available(ix) and ix["value"] <= -20 else ("dating_claim", "ship", "chemistry")
        candidates = []
        for label in side:
            for q in self.s["quotes"].get(label) or []:
                if not quotable(q):
                    continue
                text = self.english(q)
                if text and 8 <= len(text) <= 60:
                    candidates.append((q.get("likes") or 0, text))
        if not candidates:
            return None
        text = max(candidates, key=lambda c: c[0])[1]
        # The first clause reads best in a headline ("They're 100% dating, calling it now" -> "They're 100% dating").
        return re.split(r"[,.!?;…]\s", text.rstrip(".!?… "))[0].strip(" '\"“”")

    def corpus_headline(self) -> str:
        """Many headlines, no single pair (a news corpus): say what the comment sections as a whole do."""
        ix = self.s["ship_index"]
        who = "Korean netizens" if self.main_language() == "ko" else "Commenters"
        hook = self.headline_quote()
        if index_available(ix) and ix["value"] >= 20:
            verdict = f"{who} want the couples to make it real"
        elif index_available(ix) and ix["value"] <= -20:
            verdict = f"{who} push back on the dating talk"
        else:
            verdict = f"{who} are divided over the celebrity couples in the news"
        return f"'{hook}': {verdict[0].lower() + verdict[1:]}" if hook else verdict

    def main_language(self) -> str | None:
        langs = self.s["languages"]
        if not langs:
            return None
        code, c = max(langs.items(), key=lambda kv: kv[1])
        return code if c >= 0.5 * (self.s["n_comments"] or 1) else None

    def lede(self) -> str:
        s, ix = self.s, self.s["ship_index"]
        n = s["n_comments"]
        if not n:
            return (f"There are no comments to analyse yet for {self.subject}. Shipwatch will report the fans' verdict "
                    f"once comments come in.")
        title = f" under “{one_line(s['title'])}”" if s["title"] else ""
        on = f" on {self.platform}" if self.platform else ""
        about = self.about
        if not index_available(ix):
            return (f"Fans left {count(n)} comments{title}{on}, but none took a side on whether {about} are more "
                    f"than co-stars.")
        value = ix["value"]
        mood = (
            "are convinced there is more to it than acting" if value >= 50 else
            "lean towards seeing more than a working relationship" if value >= 20 else
            "are split on" if value > -20 else
            "mostly reject the romance reading of"
        )
        feeling = f"Fans watching {about} {mood}." if value >= 20 else f"Fans {mood} {about}."
        return (f"{feeling} Across {count(n)} comments{title}{on}, Shipwatch's Ship Index stands at "
                f"**{signed(value, 0)}** on a scale from −100 (all denial) to +100 (all shipping), with a 95% interval "
                f"of {signed(ix['ci_low'], 0)} to {signed(ix['ci_high'], 0)}. "
                f"{self.positive_share_sentence()}")

    def positive_share_sentence(self) -> str:
        counts, n = self.s["counts"], self.s["n_comments"]
        parts = [(counts.get(label) or 0, LABEL_NAMES[label].lower()) for label in SHIP_POSITIVE + ("chemistry",)]
        biggest = max(parts)
        if not biggest[0]:
            return ""
        phrase = {"ship it": "beg the two to date", "dating claims": "claim they already are",
                  "couple comparisons": "compare them to a real couple",
                  "chemistry": "rave about their chemistry"}[biggest[1]]
        return f"The largest group, {percent(biggest[0] / n)} of all comments, {phrase}."

    def languages_paragraph(self) -> list[str]:
        """Where commenters come from, and a language gap when the intervals say it is real."""
        n = self.s["n_comments"]
        # Languages under 5% are noise in a lede-level sentence; "mixed" and "und" are not audiences.
        langs = [(code, c) for code, c in sorted(self.s["languages"].items(), key=lambda kv: -kv[1])
                 if c / n >= 0.05 and code not in ("mixed", "und")][:3]
        if len(langs) < 2:
            return []
        named = [f"{language_name(code)} ({percent(c / n)})" for code, c in langs]
        top = ", ".join(named[:-1]) + f" and {named[-1]}"
        text = f"The conversation is international: the comments are mostly in {top}."
        solid = [(code, ix) for code, ix in self.s["ship_index_by_language"].items()
                 if index_available(ix) and ix["n"] >= 30]
        if len(solid) >= 2:
            lo = min(solid, key=lambda kv: kv[1]["value"])
            hi = max(solid, key=lambda kv: kv[1]["value"])
            if lo[1]["ci_high"] < hi[1]["ci_low"]:
                text += (f" {language_name(hi[0])}-language commenters are the keenest shippers "
                         f"(Ship Index {signed(hi[1]['value'], 0)}), {language_name(lo[0])}-language commenters "
                         f"the most reserved ({signed(lo[1]['value'], 0)}).")
        return [text]

    # Moments and camps -------------------------------------------------------------------------------------------

    def moments(self) -> list[str]:
        shown = [m for m in self.s["moments"] if m.get("n")][:MOMENTS_SHOWN]
        if not shown:
            return []
        lines = ["## What fans keep pointing at", ""]
        for m in shown:
            label = md_text(one_line(str(m.get("label") or "")))
            url = safe_url(m.get("url"))
            stamp = f"[{label}]({url})" if url else f"**{label}**"
            line = f"- {stamp}: {count(m.get('n'))} comments point to this moment"
            q = next((q for q in m.get("quotes") or [] if quotable(q)), None)
            if q:
                text = self.english(q)
                if text:
                    line += f" — “{md_text(one_line(text))}”"
                    if q.get("lang") != TARGET_LANG:
                        line += f" ({self.attribution(q)})" if self.translated(q) else \
                            f" [{language_name(q.get('lang'))}]"
                elif q.get("text"):
                    line += f" — “{md_text(one_line(q['text']))}” [{language_name(q.get('lang'))}]"
                self.used.add(q.get("comment_id"))
            lines.append(line)
        return ["\n".join(lines)]

    def on_camera(self) -> list[str]:
        """Body-language moments of an analysed clip, linked to the second when the clip is the YouTube video."""
        video = self.s.get("video") or {}
        shown = [m for m in video.get("moments") or [] if m.get("kind")][:MOMENTS_SHOWN]
        if not shown:
            return []
        from shipwatch.report.video import _KINDS, _clock

        base = next((safe_url(src.get("url")) for src in self.s["sources"] if safe_url(src.get("url"))), None)
        lines = ["## What the camera shows", ""]
        gaze = video.get("mutual_gaze_share")
        if isinstance(gaze, (int, float)):
            lines = ["## What the camera shows", "",
                     md_text(f"Shipwatch also measured the clip itself: the two share a look in {percent(gaze)} of "
                             f"the frames where both are on screen."), ""]
        for m in shown:
            start, end = float(m.get("start") or 0), float(m.get("end") or 0)
            span = md_text(f"{_clock(start)}–{_clock(end)}")
            stamp = f"[{span}]({base}&t={int(start)}s)" if base and "watch?v=" in base else f"**{span}**"
            kind = _KINDS.get(m.get("kind"), str(m.get("kind")).replace("_", " "))
            lines.append(f"- {stamp}: {md_text(kind.lower())} (signal strength {float(m.get('score') or 0):.2f})")
        return ["\n".join(lines)]

    def camp_order(self) -> list[str]:
        counts = self.s["counts"]
        ordered = sorted(_CAMPS, key=lambda label: -(counts.get(label) or 0))
        return ordered + [_COUNTERPOINT]

    def camp(self, label: str) -> list[str]:
        quotes = [q for q in self.s["quotes"].get(label) or [] if quotable(q) and q.get("comment_id") not in self.used]
        quotes = quotes[:QUOTES_PER_CAMP]
        if len(quotes) < MIN_QUOTES_PER_CAMP:
            if quotes or (self.s["counts"].get(label) or 0):
                self.thin.append(label)
            return []
        self.used.update(q.get("comment_id") for q in quotes)
        n_label, n = self.s["counts"].get(label) or 0, self.s["n_comments"]
        couples = ""
        if label == "couple_comparison" and self.s["couples_invoked"]:
            named = [f"{c['name']}" for c in self.s["couples_invoked"][:2] if c.get("name")]
            if named:
                couples = ", most often " + " and ".join(named)
        intro = _CAMP_INTROS[label].format(share=percent(n_label / n) if n else "0%", n=count(n_label),
                                           couples=couples)
        intro = intro[0].upper() + intro[1:]
        blocks = [f"## {md_text(_CAMP_HEADINGS[label])}", md_text(intro)]
        blocks += [self.quote_block(q) for q in quotes]
        return blocks

    def thin_camps(self) -> str:
        n = self.s["n_comments"]
        parts = [f"{LABEL_NAMES[label].lower()} ({percent((self.s['counts'].get(label) or 0) / n)})"
                 for label in self.thin]
        return "Smaller groups: " + ", ".join(parts) + "."

    def quote_block(self, q: dict) -> str:
        text = q.get("text") or ""
        lang = q.get("lang") or "und"
        likes = q.get("likes") or 0
        liked = f", {count(likes)} likes" if likes else ""
        translation = self.translated(q)
        if translation:
            return (f"{md_blockquote(translation)}\n>\n> — {self.attribution(q)}{liked}\n>\n"
                    f"> Original [{language_name(lang)}]:\n{md_blockquote(text)}")
        tag = "" if lang == TARGET_LANG else f" [{language_name(lang)}]"
        return f"{md_blockquote(text)}\n>\n> — {self.attribution(q)}{liked}{tag}"

    def attribution(self, q: dict) -> str:
        lang = q.get("lang")
        if lang == "ko":
            who = "Korean netizen"
        elif lang in (None, "", "und", "mixed", TARGET_LANG):
            who = f"{self.platform} commenter" if self.platform else "Commenter"
        else:
            who = f"{language_name(lang)}-speaking fan"
        author = q.get("author")
        return md_text(f"{who} {one_line(author)}" if author else who)

    def translated(self, q: dict) -> str | None:
        lang = q.get("lang") or "und"
        if lang == TARGET_LANG or lang in ("und", "mixed"):
            return None
        if "translation" in q:        # translated once for every output (see translate.translate_summary)
            t = q["translation"]
            return t.strip() if isinstance(t, str) and t.strip() else None
        if self.translator is None:
            return None
        out = self.translator.translate(q.get("text") or "", lang, TARGET_LANG)
        return out.strip() if out and out.strip() else None

    def english(self, q: dict) -> str | None:
        """The quote in English: as written, or translated; None when neither is possible."""
        if q.get("lang") == TARGET_LANG:
            return one_line(q.get("text") or "")
        t = self.translated(q)
        return one_line(t) if t else None

    # Closing and methods -----------------------------------------------------------------------------------------

    def closing(self) -> str:
        ix = self.s["ship_index"]
        about = self.about
        if not index_available(ix) or ix["ci_low"] <= 0 <= ix["ci_high"]:
            return f"For now, the comment section is still making up its mind about {about}."
        if ix["value"] >= 20:
            return f"Whatever {about} say next, the comment section has already made up its mind."
        if ix["value"] > 0:
            return f"The shippers have the edge, but the debate over {about} is far from settled."
        return f"For most commenters, what happens on screen between {about} stays on screen."

    def methods(self) -> str:
        s, ix = self.s, self.s["ship_index"]
        span = format_span(s["time_span"])
        when = f" posted {span}" if span else ""
        sources = ", ".join(
            f"{platform_name(src.get('platform'))} {src.get('source_id') or ''}".strip() for src in s["sources"]
        )
        where = f" from {sources}" if sources else ""
        models = ", ".join(f"{v} ({k})" for k, v in (s["model"] or {}).items())
        text = (f"*Methods: Shipwatch analysed {count(s['n_comments'])} comments{when}{where}, "
                f"{count(s['n_on_topic'])} of them on topic. Labels were made by machine, not by hand: the models "
                f"{models or 'named in summary.json'} give each comment a calibrated probability for each of "
                f"eleven reactions (shipping, dating claims, denial, couple comparisons, chemistry, visuals, acting, "
                f"congratulations, hate, spam, other) and keep every reaction above its threshold, so a comment can "
                f"count in several camps. ")
        if index_available(ix):
            text += (f"The Ship Index ({signed(ix['value'], 1)}; 95% bootstrap interval {signed(ix['ci_low'], 1)} to "
                     f"{signed(ix['ci_high'], 1)}; n = {count(ix['n'])}) is the like-weighted share of on-topic "
                     f"comments that ship the pair, claim they are dating or compare them to a couple, minus the "
                     f"share that rejects the romance reading, times 100. ")
        text += ("Quotes are reproduced as posted, selected for confidence, likes and variety; non-English quotes "
                 "are tagged with their language")
        backend = (s.get("translation") or {}).get("backend") or (
            getattr(self.translator, "name", "a translator") if self.translator is not None else None)
        text += (f" and shown with a machine translation ({one_line(str(backend))}), original underneath; "
                 f"those marked with a language only were not translated.*" if backend else ".*")
        return text

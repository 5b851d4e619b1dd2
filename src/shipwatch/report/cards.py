"""Quote cards: one comment as an image, in the style of the comment screenshots entertainment articles embed.

A card shows an anonymised author line (the trade's attribution, never the account name unless asked), the
platform and date, the comment, its translation underneath when there is one, the likes and a language tag. It is
written as PNG (Pillow) and SVG (text kept as text). Fonts are found with fontconfig (``fc-match``) or given with
SHIPWATCH_CARD_FONT=/path/font.ttc[:index]; each character is drawn with the first font whose character map has
it, so Hangul, kana and Latin all come out as glyphs, never as empty boxes. Emoji and symbols no installed font
covers are left out (of the SVG too, so both break lines alike) and listed in ``Card.dropped``; a letter no font
covers is an error that says which font package to install.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from shipwatch.errors import MissingDependency, UsageError
from shipwatch.report.formatting import count, format_date, language_name, platform_name

FONT_ENV = "SHIPWATCH_CARD_FONT"
WIDTH = 600            # card width in CSS pixels; the PNG is drawn at ``scale`` times this
PAD = 24
TEXT_SIZE = 19
SMALL_SIZE = 13
LINE = 1.45

INK, MUTED, LINE_COLOUR, BACKGROUND, TAG_BG, HEART = "#0f1419", "#536471", "#cfd9de", "#ffffff", "#eff3f4", "#c2185b"
_FAMILIES = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Source Han Sans K", "sans-serif:lang=ko")
_FALLBACKS = ("DejaVu Sans", "Noto Sans Symbols 2", "Noto Sans Symbols")
SVG_FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif"


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.index}" if self.index else self.path


@dataclass
class Card:
    """One rendered card: its files and, for checks, every drawn line with its box (in PNG pixels) and fonts."""

    png: Path | None
    svg: Path | None
    width: int
    height: int
    lines: list[dict] = field(default_factory=list)
    dropped: str = ""


def _fc_match(pattern: str) -> Face | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                             timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = out.partition("|")
    return Face(path, int(index or 0)) if path and Path(path).is_file() else None


@lru_cache(maxsize=None)
def find_faces(bold: bool = False) -> tuple[Face, ...]:
    """Fonts to draw with, best first: the CJK face that covers Korean, then symbol fallbacks."""
    faces: list[Face] = []
    env = os.environ.get(FONT_ENV)
    if env:
        path, _, index = env.rpartition(":") if re.search(r":\d+$", env) else (env, "", "0")
        if not Path(path).is_file():
            raise UsageError(f"{FONT_ENV}={env}: no such font file; point it at a .ttf/.otf/.ttc (path[:index])")
        faces.append(Face(path, int(index or 0)))
    for family in _FAMILIES + _FALLBACKS:
        face = _fc_match(f"{family}:bold" if bold else family)
        if face and face not in faces:
            faces.append(face)
    return tuple(faces)


@lru_cache(maxsize=None)
def coverage(face: Face) -> frozenset[int]:
    """The code points ``face`` has glyphs for (its character map)."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        raise MissingDependency("fonttools", "report", "Quote cards") from None
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def _pil():
    try:
        from PIL import Image, ImageDraw, ImageFont
    except ImportError:
        raise MissingDependency("Pillow", "report", "Quote cards") from None
    return Image, ImageDraw, ImageFont


@lru_cache(maxsize=None)
def _font(face: Face, size: int):
    return _pil()[2].truetype(face.path, size, index=face.index)


# Characters that change nothing when left out of a bitmap: joiners and variation selectors.
_SILENT = re.compile("[\u200b-\u200f\u2060\ufe00-\ufe0f\U000e0100-\U000e01ef]")


class _Typesetter:
    """Splits text into runs per font and wraps it to a width, measuring with the fonts that will draw it."""

    def __init__(self, faces: tuple[Face, ...], size: int):
        self.faces = [f for f in faces if coverage(f)]
        self.size = size
        self.dropped: list[str] = []

    def face_for(self, ch: str) -> Face | None:
        cp = ord(ch)
        return next((f for f in self.faces if cp in coverage(f)), None)

    def runs(self, text: str) -> list[tuple[str, Face]]:
        out: list[tuple[str, Face]] = []
        for ch in _SILENT.sub("", text):
            face = self.face_for(ch)
            if face is None:
                if unicodedata.category(ch)[0] in "LN":
                    raise UsageError(
                        f"quote cards: no installed font has the character {ch!r} (U+{ord(ch):04X}); install a font "
                        f"that covers it (Debian: apt-get install fonts-noto-cjk) or set {FONT_ENV}=/path/font")
                self.dropped.append(ch)
                continue
            if out and out[-1][1] == face:
                out[-1] = (out[-1][0] + ch, face)
            else:
                out.append((ch, face))
        return out

    def clean(self, text: str) -> str:
        """``text`` without the symbols no font covers (and the double space their removal would leave)."""
        kept = "".join(run for run, _ in self.runs(text))
        return re.sub(r"[ \t]{2,}", " ", kept) if len(kept) != len(_SILENT.sub("", text)) else kept

    def width(self, text: str) -> float:
        return sum(_font(face, self.size).getlength(run) for run, face in self.runs(text))

    def wrap(self, text: str, max_width: float) -> list[str]:
        lines: list[str] = []
        for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = ""
            for token in re.findall(r"\S+\s*|\s+", para):
                if self.width(line + token.rstrip()) <= max_width:
                    line += token
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                    line = ""
                token = token.lstrip() if not line else token
                # A token wider than the line (a run of Hangul or kana without spaces, a long URL-less word)
                # breaks between characters.
                while self.width(token.rstrip()) > max_width:
                    cut = 1
                    while cut < len(token) and self.width(token[:cut + 1]) <= max_width:
                        cut += 1
                    lines.append(token[:cut])
                    token = token[cut:]
                line = token
            lines.append(line.rstrip())
        while lines and not lines[-1]:
            lines.pop()
        return lines or [""]


def attribution(quote: dict, show_author: bool = False) -> str:
    """The author line: the account name only when asked, else how the trade attributes ("Korean netizen")."""
    if show_author and quote.get("author"):
        return str(quote["author"])
    lang = quote.get("lang")
    platform = platform_name(quote.get("platform")) or ("YouTube" if quote.get("permalink") else "")
    if lang == "ko":
        return "Korean netizen"
    if lang in (None, "", "en", "und", "mixed"):
        return f"{platform} commenter" if platform else "Commenter"
    return f"{language_name(lang)}-speaking fan"


def render_card(quote: dict, out_base: str | Path, formats: tuple[str, ...] = ("png", "svg"), scale: int = 2,
                show_author: bool = False) -> Card:
    """Draw ``quote`` (a Summary quote: text, lang, likes, published_at, permalink, translation) as a card.

    ``out_base`` is the path without extension; each format in ``formats`` gets its own file.
    """
    faces, bold_faces = find_faces(False), find_faces(True)
    if not faces:
        raise UsageError("quote cards: no font found; install one (Debian: apt-get install fonts-noto-cjk) or set "
                         f"{FONT_ENV}=/path/font.ttc")
    text = str(quote.get("text") or "").strip()
    translation = quote.get("translation") if isinstance(quote.get("translation"), str) else None
    lang = quote.get("lang") or "und"
    body = _Typesetter(faces, TEXT_SIZE * scale)
    small = _Typesetter(faces, SMALL_SIZE * scale)
    bold = _Typesetter(bold_faces or faces, (SMALL_SIZE + 2) * scale)
    s = scale
    inner = (WIDTH - 2 * PAD) * s
    header_h = 44 * s
    blocks: list[tuple[str, _Typesetter, str, list[str], int]] = []    # (role, setter, colour, lines, line height)
    blocks.append(("text", body, INK, body.wrap(body.clean(text), inner), round(TEXT_SIZE * LINE * s)))
    if translation:
        blocks.append(("translation-label", small, MUTED, [f"Translated from {language_name(lang)}"],
                       round(SMALL_SIZE * LINE * s)))
        blocks.append(("translation", body, MUTED, body.wrap(body.clean(translation), inner),
                       round(TEXT_SIZE * LINE * s)))
    elif lang not in ("en", "und", "mixed"):
        blocks.append(("translation-label", small, MUTED, [f"[{language_name(lang)}] not translated"],
                       round(SMALL_SIZE * LINE * s)))
    y = PAD * s + header_h + 12 * s
    placed: list[dict] = []
    for role, setter, colour, lines, lh in blocks:
        if role == "translation-label":
            y += 10 * s
        for line in lines:
            placed.append({"role": role, "text": line, "setter": setter, "colour": colour, "top": y, "height": lh})
            y += lh
    footer_y = y + 14 * s
    height = footer_y + 28 * s + PAD * s
    who = attribution(quote, show_author)
    meta = " · ".join(x for x in (platform_name(quote.get("platform")) or ("YouTube" if quote.get("permalink")
                                                                           else ""),
                                  format_date(quote.get("published_at"))) if x)
    likes = f"♥ {count(quote.get('likes'))}"
    tag = f"{lang.upper() if len(lang) <= 3 else lang} · {language_name(lang)}"
    card = Card(None, None, WIDTH * s, height)
    out_base = Path(out_base)
    out_base.parent.mkdir(parents=True, exist_ok=True)
    if "png" in formats:
        card.png = out_base.with_suffix(".png")
        _draw_png(card, placed, who, meta, likes, tag, bold, small, s, footer_y)
    if "svg" in formats:
        card.svg = out_base.with_suffix(".svg")
        _write_svg(card, placed, who, meta, likes, tag, quote, s, footer_y)
    card.lines = [{k: v for k, v in p.items() if k != "setter"} |
                  {"faces": sorted({str(f) for _, f in p["setter"].runs(p["text"])})} for p in placed]
    card.dropped = "".join(sorted(set(body.dropped + small.dropped + bold.dropped)))
    return card


def _draw_runs(draw, setter: _Typesetter, x: float, baseline: float, text: str, fill: str) -> tuple[float, float]:
    start = x
    for run, face in setter.runs(text):
        font = _font(face, setter.size)
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)
    return start, x


def _draw_png(card: Card, placed, who, meta, likes, tag, bold, small, s, footer_y) -> None:
    Image, ImageDraw, _ = _pil()
    img = Image.new("RGB", (card.width, card.height), BACKGROUND)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, card.width - 1, card.height - 1), radius=16 * s, outline=LINE_COLOUR, width=s)
    # The avatar: a plain silhouette, so no real profile picture ever appears.
    ax, ay, r = PAD * s, PAD * s, 20 * s
    d.ellipse((ax, ay, ax + 2 * r, ay + 2 * r), fill="#cfd9de")
    d.ellipse((ax + r * 0.62, ay + r * 0.35, ax + r * 1.38, ay + r * 1.11), fill="#8899a6")
    d.pieslice((ax + r * 0.3, ay + r * 1.2, ax + r * 1.7, ay + r * 2.5), 180, 360, fill="#8899a6")
    tx = ax + 2 * r + 12 * s
    _draw_runs(d, bold, tx, ay + 17 * s, who, INK)
    _draw_runs(d, small, tx, ay + 36 * s, meta, MUTED)
    for p in placed:
        baseline = p["top"] + round(p["height"] * 0.74)
        x0, x1 = _draw_runs(d, p["setter"], PAD * s, baseline, p["text"], p["colour"])
        p["box"] = (int(x0), int(p["top"]), int(x1) + 1, int(p["top"] + p["height"]))
    d.line((PAD * s, footer_y - 6 * s, card.width - PAD * s, footer_y - 6 * s), fill=LINE_COLOUR, width=s)
    base = footer_y + 18 * s
    _, end = _draw_runs(d, small, PAD * s, base, likes, HEART)
    tag_w = small.width(tag) + 16 * s
    tx0 = card.width - PAD * s - tag_w
    d.rounded_rectangle((tx0, base - 15 * s, tx0 + tag_w, base + 6 * s), radius=5 * s, fill=TAG_BG)
    _draw_runs(d, small, tx0 + 8 * s, base, tag, INK)
    tmp = card.png.with_name(card.png.name + ".tmp")
    img.save(tmp, format="PNG", optimize=True)
    tmp.replace(card.png)


def _write_svg(card: Card, placed, who, meta, likes, tag, quote, s, footer_y) -> None:
    """The same card as SVG, in CSS pixels; the lines break where the PNG's do."""
    w, h = card.width / s, card.height / s
    lang = quote.get("lang") or "und"
    xml_lang = f' xml:lang="{escape(lang)}"' if re.fullmatch(r"[a-z]{2,3}", lang) else ""

    def t(x, y, text, size, fill, weight="400", extra=""):
        return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{fill}" font-weight="{weight}"{extra}>'
                f"{escape(_XML_INVALID.sub('', text))}</text>")

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:g} {h:g}" width="{w:g}" height="{h:g}" '
        f'role="img" aria-label="{escape(attribution(quote))}: {escape(_XML_INVALID.sub("", quote.get("text") or ""))}" '
        f'font-family="{escape(SVG_FONT)}">',
        f'<rect x="0.5" y="0.5" width="{w - 1:g}" height="{h - 1:g}" rx="16" fill="{BACKGROUND}" '
        f'stroke="{LINE_COLOUR}"/>',
        f'<circle cx="{PAD + 20}" cy="{PAD + 20}" r="20" fill="#cfd9de"/>',
        f'<circle cx="{PAD + 20}" cy="{PAD + 14.6}" r="7.6" fill="#8899a6"/>',
        f'<path d="M{PAD + 6} {PAD + 37} a14 13 0 0 1 28 0 z" fill="#8899a6"/>',
        t(PAD + 52, PAD + 17, who, SMALL_SIZE + 2, INK, "700"),
        t(PAD + 52, PAD + 36, meta, SMALL_SIZE, MUTED),
    ]
    for p in placed:
        size = TEXT_SIZE if p["setter"].size == TEXT_SIZE * s else SMALL_SIZE
        baseline = (p["top"] + round(p["height"] * 0.74)) / s
        extra = xml_lang if p["role"] == "text" else ' xml:lang="en"' if p["role"] == "translation" else ""
        parts.append(t(PAD, baseline, p["text"], size, p["colour"], extra=extra + ' xml:space="preserve"'))
    fy = footer_y / s
    parts.append(f'<line x1="{PAD}" x2="{w - PAD:g}" y1="{fy - 6:g}" y2="{fy - 6:g}" stroke="{LINE_COLOUR}"/>')
    parts.append(t(PAD, fy + 18, likes, SMALL_SIZE, HEART))
    tag_w = len(tag) * SMALL_SIZE * 0.62 + 16
    parts.append(f'<rect x="{w - PAD - tag_w:g}" y="{fy + 3:g}" width="{tag_w:g}" height="21" rx="5" fill="{TAG_BG}"/>')
    parts.append(t(w - PAD - tag_w + 8, fy + 18, tag, SMALL_SIZE, INK))
    parts.append("</svg>\n")
    tmp = card.svg.with_name(card.svg.name + ".tmp")
    tmp.write_text("".join(parts), encoding="utf-8")
    tmp.replace(card.svg)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def choose_quotes(summary: dict, labels: tuple[str, ...] = (), ids: tuple[str, ...] = (), top: int = 2) -> list[dict]:
    """Quotes from a Summary: the given comment ids, else the ``top`` quotes of each label (all labels if none).

    Hate-labelled comments are never made into cards.
    """
    seen: dict[str, dict] = {}
    pools = [(lab, qs) for lab, qs in (summary.get("quotes") or {}).items() if not labels or lab in labels]
    pools += [("moment", m.get("quotes") or []) for m in summary.get("moments") or []] if ids else []
    for label, quotes in pools:
        for i, q in enumerate(quotes or []):
            cid = q.get("comment_id")
            if "hate" in (q.get("labels") or []) or cid in seen:
                continue
            if ids and cid not in ids:
                continue
            if not ids and i >= top:
                continue
            seen[cid] = q | {"label": label}
    if ids:
        missing = [i for i in ids if i not in seen]
        if missing:
            raise UsageError(f"cards: comment id(s) {', '.join(missing)} are not among the summary's quotes; "
                             f"pick ids from summary.json (quotes or moments)")
    return list(seen.values())


def render_cards(summary: dict, out: str | Path, labels: tuple[str, ...] = (), ids: tuple[str, ...] = (),
                 top: int = 2, formats: tuple[str, ...] = ("png", "svg"), show_author: bool = False) -> list[Card]:
    """Cards for the chosen quotes of ``summary`` in the folder ``out``, named ``<label>-<n>-<comment id>``."""
    out = Path(out)
    cards = []
    for n, q in enumerate(choose_quotes(summary, labels, ids, top), 1):
        safe_id = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(q.get("comment_id") or n))[:60]
        cards.append(render_card(q, out / f"{q['label']}-{n}-{safe_id}", formats=formats, show_author=show_author))
    return cards

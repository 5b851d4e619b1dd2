"""Quote cards: Korean and English text drawn as glyphs (no tofu boxes), where the layout says it is."""
from __future__ import annotations

import re

import pytest

PIL = pytest.importorskip("PIL", reason="quote cards need Pillow")
pytest.importorskip("fontTools", reason="glyph coverage is read with fontTools")

from PIL import Image, ImageDraw  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from shipwatch.report import cards as cards_mod  # noqa: E402
from shipwatch.report.cards import Face, find_faces, render_card  # noqa: E402

KO = {"comment_id": "s2", "text": "그냥 사귀어라 제발 현커 가자 🙏 둘이 너무 잘 어울려 진짜 손 잡은 거 봐 ㅠㅠ",
      "lang": "ko", "likes": 1204, "published_at": "2024-03-02T10:15:00+00:00", "platform": "youtube",
      "permalink": "https://www.youtube.com/watch?v=sUmMeRsTaT1&lc=s2",
      "translation": "Just date already, please. They suit each other so well, look at them holding hands"}
EN = {"comment_id": "d1", "text": "They're 100% dating, calling it now <script>alert(1)</script> & more",
      "lang": "en", "likes": 2040, "published_at": "2024-03-02T10:15:00+00:00", "platform": "youtube",
      "author": "Real Account Name"}


@pytest.fixture(scope="module")
def hangul_face() -> Face:
    faces = find_faces()
    face = next((f for f in faces if ord("가") in cards_mod.coverage(f)), None)
    if face is None:
        pytest.skip("no installed font covers Hangul (install fonts-noto-cjk: `make test` does it as root)")
    return face


def cmap(face: str) -> set[int]:
    path, _, index = face.rpartition(":") if re.search(r":\d+$", face) else (face, "", "0")
    font = TTFont(path, fontNumber=int(index), lazy=True)
    try:
        return set(font.getBestCmap())
    finally:
        font.close()


def ink(img: Image.Image, box) -> float:
    """Share of pixels in ``box`` clearly darker than the white card."""
    crop = img.convert("L").crop(box)
    hist = crop.histogram()
    return sum(hist[:160]) / max(1, crop.width * crop.height)


def test_korean_card_draws_real_glyphs(tmp_path, hangul_face):
    card = render_card(KO, tmp_path / "ko")
    img = Image.open(card.png)
    assert img.size == (card.width, card.height) and card.width == 1200
    text_lines = [ln for ln in card.lines if ln["role"] == "text"]
    assert "".join(ln["text"] for ln in text_lines).replace(" ", "") == KO["text"].replace("🙏", "").replace(" ", "")
    assert card.dropped == "🙏"                   # no installed font has it: left out, not drawn as a box
    for line in card.lines:
        # Every character drawn is in the character map of the font that drew it ...
        covered = set().union(*(cmap(f) for f in line["faces"]))
        assert all(ord(ch) in covered for ch in line["text"] if not ch.isspace()), line
        # ... and there is ink where the layout put the line, none below the last line.
        assert ink(img, line["box"]) > 0.03, line
    last = card.lines[-1]["box"]
    assert ink(img, (last[0], last[3] + 2, last[2], last[3] + 20)) == 0.0
    translation = [ln for ln in card.lines if ln["role"] == "translation"]
    assert translation and translation[0]["text"].startswith("Just date already")


def test_hangul_is_not_tofu(tmp_path, hangul_face):
    """The same line drawn with a font lacking Hangul (boxes) looks different from the card's glyphs."""
    card = render_card(KO, tmp_path / "ko")
    img = Image.open(card.png).convert("L")
    line = next(ln for ln in card.lines if ln["role"] == "text")
    glyphs = img.crop(line["box"])
    fallback = next((f for f in find_faces() if ord("가") not in cards_mod.coverage(f)), None)
    if fallback is None:
        pytest.skip("every installed font covers Hangul; nothing draws tofu to compare with")
    tofu = Image.new("L", glyphs.size, 255)
    font = cards_mod._font(fallback, cards_mod.TEXT_SIZE * 2)
    ImageDraw.Draw(tofu).text((0, round(line["height"] * 0.74)), line["text"], font=font, fill=0, anchor="ls")
    diff = sum(1 for a, b in zip(glyphs.tobytes(), tofu.tobytes()) if abs(a - b) > 80)
    assert diff / (glyphs.width * glyphs.height) > 0.05
    # Hangul syllables are dense: more ink per line than the outline boxes of .notdef.
    assert ink(img, line["box"]) > ink(tofu, (0, 0, tofu.width, tofu.height))


def test_english_card_is_anonymous_and_svg_is_escaped(tmp_path, hangul_face):
    card = render_card(EN, tmp_path / "en")
    svg = card.svg.read_text(encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; more" in svg
    assert "Real Account Name" not in svg and "YouTube commenter" in svg
    assert "♥ 2,040" in svg and "EN · English" in svg
    named = render_card(EN, tmp_path / "named", show_author=True)
    assert "Real Account Name" in named.svg.read_text(encoding="utf-8")
    img = Image.open(card.png)
    for line in card.lines:
        assert ink(img, line["box"]) > 0.03


def test_untranslated_card_says_so(tmp_path, hangul_face):
    card = render_card({**KO, "translation": None}, tmp_path / "plain", formats=("svg",))
    assert card.png is None
    assert "[Korean] not translated" in card.svg.read_text(encoding="utf-8")


def test_letter_without_a_font_is_an_error(tmp_path, monkeypatch, hangul_face):
    monkeypatch.setattr(cards_mod, "find_faces", lambda bold=False: (hangul_face,))
    with pytest.raises(cards_mod.UsageError, match="fonts-noto-cjk"):
        render_card({**EN, "text": "Cherokee ᏣᎳᎩ letters"}, tmp_path / "x")

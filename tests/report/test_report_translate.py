"""Translation back-ends: LibreTranslate against a local server speaking its API; argos when absent; the reports."""
from __future__ import annotations

import pytest

from libretranslate_server import Server
from shipwatch.errors import MissingDependency, UsageError
from shipwatch.report.article import article_string
from shipwatch.report.html import html_string
from shipwatch.report.translate import TranslationError, make_translator, translate_summary
from shipwatch.report.translate.libretranslate import LibreTranslate


@pytest.fixture
def server():
    with Server(api_key="s3cret") as s:
        yield s


def test_libretranslate_request_and_response_shape(server):
    tr = make_translator("libretranslate", url=server.url, api_key="s3cret")
    assert tr.translate("그냥 사귀어라 제발 현커 가자", "ko", "en") == "Just date already, please, make it real"
    req = server.requests[-1]
    assert req["path"] == "/translate" and req["content_type"] == "application/json"
    assert req["body"] == {"q": "그냥 사귀어라 제발 현커 가자", "source": "ko", "target": "en", "format": "text",
                           "api_key": "s3cret"}


def test_unsupported_pairs_and_non_languages_are_not_sent(server):
    tr = LibreTranslate(server.url, "s3cret")
    assert tr.translate("Ojalá que sean pareja", "es", "en") is None      # /languages has no Spanish
    assert tr.translate("ㅋㅋㅋ lol", "mixed", "en") is None
    assert tr.translate("already English", "en", "en") is None
    assert server.requests == []


def test_results_are_cached(server):
    tr = LibreTranslate(server.url, "s3cret")
    for _ in range(3):
        tr.translate("사귀는 거 맞네 손 잡은 거 봐", "ko", "en")
    assert len(server.requests) == 1


def test_url_and_key_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("SHIPWATCH_TRANSLATE_URL", server.url)
    monkeypatch.setenv("SHIPWATCH_TRANSLATE_KEY", "s3cret")
    assert make_translator("libretranslate").translate("사귀는 거 맞네 손 잡은 거 봐", "ko") is not None


def test_errors_are_one_line_and_say_what_to_do(server, monkeypatch):
    monkeypatch.delenv("SHIPWATCH_TRANSLATE_URL", raising=False)
    with pytest.raises(UsageError, match="--translate-url"):
        make_translator("libretranslate")
    with pytest.raises(TranslationError, match="HTTP 403.*Invalid API key.*--translate-key"):
        LibreTranslate(server.url, "wrong").translate("사귀는 거 맞네 손 잡은 거 봐", "ko")
    server.fail_with = 429
    with pytest.raises(TranslationError, match="HTTP 429.*try again later") as e:
        LibreTranslate(server.url, "s3cret", retries=1).translate("사귀는 거 맞네 손 잡은 거 봐", "ko")
    assert "\n" not in str(e.value)
    assert len([r for r in server.requests if r["body"].get("api_key") == "s3cret"]) == 2     # one retry
    with pytest.raises(TranslationError, match="not an http"):
        LibreTranslate("file:///etc/passwd")


def test_unreachable_server():
    with Server() as s:
        url = s.url
    with pytest.raises(TranslationError, match="cannot reach"):
        LibreTranslate(url, retries=0, timeout=2).translate("안녕", "ko")


def test_translated_summary_in_article_and_page(server, summary):
    tr = make_translator("libretranslate", url=server.url, api_key="s3cret")
    translate_summary(summary, tr)
    assert summary["translation"]["backend"].startswith("LibreTranslate (127.0.0.1")
    md = article_string(summary)
    assert ("> Just date already, please, make it real\n>\n> — Korean netizen, 1,204 likes\n>\n"
            "> Original [Korean]:\n> 그냥 사귀어라 제발 현커 가자") in md
    assert "LibreTranslate" in md.rsplit("---", 1)[1]
    page = html_string(summary)
    assert 'class="translation" lang="en"' in page and "Just date already, please, make it real" in page
    # Hate examples are evidence: never translated.
    assert all("translation" not in q for q in summary["hate"]["examples"])


def test_without_translator_the_article_is_complete_and_honest(summary):
    md = article_string(summary)
    assert md.count("## ") >= 5 and md.rstrip().endswith("*")
    assert "> 그냥 사귀어라 제발 현커 가자\n>\n> — Korean netizen, 1,204 likes [Korean]" in md
    assert "machine translation" not in md


def test_untranslated_quote_says_so(server, summary):
    summary["quotes"]["chemistry"][1]["text"] = "케미 미쳤다 (not in the phrase book)"
    server.api_key = None
    translate_summary(summary, make_translator("libretranslate", url=server.url))
    summary["quotes"]["ship"][1]["translation"] = None          # the server had nothing for it
    md = article_string(summary)
    assert "> 그냥 사귀어라 제발 현커 가자\n>\n> — Korean netizen, 1,204 likes [Korean]" in md
    assert "not translated" in html_string(summary)


def test_argos_absent_or_without_packages_says_how_to_fix():
    try:
        import argostranslate  # noqa: F401
    except ImportError:
        with pytest.raises(MissingDependency, match="argostranslate"):
            make_translator("argos")
        return
    import argostranslate.translate as argos

    if argos.get_installed_languages():
        tr = make_translator("argos")
        assert tr.translate("hello", "xx", "en") is None
    else:
        with pytest.raises(UsageError, match="argospm install"):
            make_translator("argos")


def test_unknown_backend():
    with pytest.raises(UsageError, match="unknown back-end"):
        make_translator("deepl")
    assert make_translator("none") is None and make_translator(None) is None

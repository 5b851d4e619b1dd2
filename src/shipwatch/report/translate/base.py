"""The translator interface, the factory that picks a back-end, and the pass that translates a Summary's quotes."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from typing import Iterable

from shipwatch.errors import ShipwatchError, UsageError

TARGET_LANG = "en"
# Language codes that name no language a translator could take as a source.
_NOT_A_LANGUAGE = frozenset({"und", "mixed", ""})

URL_ENV = "SHIPWATCH_TRANSLATE_URL"
KEY_ENV = "SHIPWATCH_TRANSLATE_KEY"
BACKENDS = ("argos", "libretranslate")


class TranslationError(ShipwatchError):
    """A translation back-end cannot be reached or refuses the requests (bad URL, bad key, server down)."""


class Translator(ABC):
    """Translates short texts. ``translate`` returns None when it cannot handle that language pair."""

    name: str = "translator"

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], str | None] = {}

    def translate(self, text: str, source_lang: str, target_lang: str = TARGET_LANG) -> str | None:
        """``text`` in ``target_lang``, or None (language pair not available, or nothing to translate)."""
        if not text.strip() or source_lang in _NOT_A_LANGUAGE or source_lang == target_lang:
            return None
        key = (text, source_lang, target_lang)
        if key not in self._cache:
            if not self.supports(source_lang, target_lang):
                self._cache[key] = None
            else:
                out = self._translate(text, source_lang, target_lang)
                self._cache[key] = out.strip() if out and out.strip() else None
        return self._cache[key]

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def label(self) -> str:
        """How the report credits the translations ("machine translation by ...")."""
        return self.name

    @abstractmethod
    def _translate(self, text: str, source_lang: str, target_lang: str) -> str | None: ...


def make_translator(backend: str | None, url: str | None = None, api_key: str | None = None,
                    timeout: float = 20.0) -> Translator | None:
    """The translator for ``backend`` ("argos", "libretranslate", or None/"none" for no translation).

    LibreTranslate's URL and key default to the environment variables SHIPWATCH_TRANSLATE_URL and
    SHIPWATCH_TRANSLATE_KEY.
    """
    if backend in (None, "", "none"):
        return None
    if backend == "libretranslate":
        from shipwatch.report.translate.libretranslate import LibreTranslate

        url = url or os.environ.get(URL_ENV)
        if not url:
            raise UsageError(f"--translate libretranslate needs a server: pass --translate-url "
                             f"http://host:5000 or set {URL_ENV}")
        return LibreTranslate(url, api_key or os.environ.get(KEY_ENV), timeout=timeout)
    if backend == "argos":
        from shipwatch.report.translate.argos import ArgosTranslator

        return ArgosTranslator()
    raise UsageError(f"--translate: unknown back-end {backend!r}; use one of: {', '.join(BACKENDS)}, none")


def _quotes(summary: dict) -> Iterable[dict]:
    for quotes in (summary.get("quotes") or {}).values():
        yield from quotes or []
    for moment in summary.get("moments") or []:
        yield from moment.get("quotes") or []


def translate_summary(summary: dict, translator: Translator | None, target_lang: str = TARGET_LANG) -> dict:
    """Add ``translation`` (text or None) to every quote of ``summary`` and record who translated, in place.

    Hateful examples are evidence and stay untranslated: a machine translation must not stand in for what
    was posted.
    """
    if translator is None:
        return summary
    done = 0
    for q in _quotes(summary):
        if q.get("lang") in (target_lang,) or "translation" in q:
            continue
        q["translation"] = translator.translate(q.get("text") or "", q.get("lang") or "und", target_lang)
        done += q["translation"] is not None
    label = translator.label() if hasattr(translator, "label") else getattr(translator, "name", type(translator).__name__)
    summary["translation"] = {"backend": label, "target": target_lang, "translated": done}
    return summary

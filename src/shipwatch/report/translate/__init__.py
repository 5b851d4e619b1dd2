"""Translation back-ends for quotes: a small interface and two real implementations.

``make_translator("libretranslate", url=..., api_key=...)`` speaks the LibreTranslate HTTP API;
``make_translator("argos")`` uses locally installed Argos Translate packages. Reports never need one: a quote
without a translation is shown in its own language and tagged with it.
"""
from shipwatch.report.translate.base import (
    TranslationError, Translator, make_translator, translate_summary,
)

__all__ = ["Translator", "TranslationError", "make_translator", "translate_summary"]

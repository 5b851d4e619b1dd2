"""Argos Translate, offline: uses the language packages the user installed (e.g. ``argospm install translate-ko_en``).

Nothing is downloaded here; a pair without an installed package (directly or through English) is not translated
and the quote keeps its language tag.
"""
from __future__ import annotations

from shipwatch.errors import MissingDependency, UsageError
from shipwatch.report.translate.base import Translator


class ArgosTranslator(Translator):
    name = "argos"

    def __init__(self):
        super().__init__()
        try:
            import argostranslate.translate as argos
        except ImportError:
            raise MissingDependency("argostranslate", "translate", "--translate argos") from None
        self._languages = {lang.code: lang for lang in argos.get_installed_languages()}
        if not self._languages:
            raise UsageError("--translate argos: no Argos Translate language package is installed; install one "
                             "with: argospm update && argospm install translate-ko_en")
        self._models: dict[tuple[str, str], object | None] = {}

    def label(self) -> str:
        return "Argos Translate"

    def _model(self, source_lang: str, target_lang: str):
        key = (source_lang, target_lang)
        if key not in self._models:
            src, tgt = self._languages.get(source_lang), self._languages.get(target_lang)
            # get_translation also composes two installed packages through English (ko->en->es).
            self._models[key] = src.get_translation(tgt) if src is not None and tgt is not None else None
        return self._models[key]

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return self._model(source_lang, target_lang) is not None

    def _translate(self, text: str, source_lang: str, target_lang: str) -> str | None:
        return self._model(source_lang, target_lang).translate(text)

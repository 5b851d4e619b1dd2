"""The LibreTranslate HTTP API: ``POST {url}/translate`` with JSON ``{q, source, target, format, api_key}``.

The reply is ``{"translatedText": "..."}``; errors come as ``{"error": "..."}`` with a 4xx/5xx status.
``GET {url}/languages`` lists ``[{"code": "ko", "name": "Korean", "targets": ["en", ...]}, ...]``, which tells
which pairs the server can do. Only the standard library is used.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from shipwatch.report.translate.base import TranslationError, Translator


class LibreTranslate(Translator):
    name = "libretranslate"

    def __init__(self, url: str, api_key: str | None = None, timeout: float = 20.0, retries: int = 2):
        super().__init__()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise TranslationError(f"--translate-url {url!r}: not an http(s) URL; pass e.g. http://localhost:5000")
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self._pairs: dict[str, set[str]] | None = None

    def label(self) -> str:
        return f"LibreTranslate ({urlsplit(self.url).netloc})"

    def languages(self) -> dict[str, set[str]]:
        """Source code -> target codes the server offers (fetched once)."""
        if self._pairs is None:
            reply = self._request("GET", "/languages")
            if not isinstance(reply, list):
                raise TranslationError(f"{self.url}/languages: expected a JSON list of languages; check "
                                       f"--translate-url points at a LibreTranslate server")
            self._pairs = {str(x.get("code")): set(x.get("targets") or []) for x in reply if isinstance(x, dict)}
        return self._pairs

    def supports(self, source_lang: str, target_lang: str) -> bool:
        pairs = self.languages()
        # Older servers list no "targets": every listed language then translates to every other.
        targets = pairs.get(source_lang)
        if targets is None:
            return False
        return target_lang in targets if targets else target_lang in pairs

    def _translate(self, text: str, source_lang: str, target_lang: str) -> str | None:
        body = {"q": text, "source": source_lang, "target": target_lang, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        reply = self._request("POST", "/translate", body)
        out = reply.get("translatedText") if isinstance(reply, dict) else None
        return out if isinstance(out, str) else None

    def _request(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return json.loads(resp.read().decode("utf-8"))
            except urllib.error.HTTPError as e:
                detail = _error_text(e)
                # 429 (rate limit) and 5xx are worth another try; 400/403 will not change.
                if (e.code == 429 or e.code >= 500) and attempt < self.retries:
                    time.sleep(0.5 * 2 ** attempt)
                    continue
                fix = ("check --translate-key / SHIPWATCH_TRANSLATE_KEY" if e.code in (401, 403)
                       else "try again later" if e.code == 429 else "check the server's log")
                raise TranslationError(f"{self.url}{path}: HTTP {e.code} {detail}; {fix}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
                if attempt < self.retries:
                    time.sleep(0.5 * 2 ** attempt)
                    continue
                reason = getattr(e, "reason", e)
                raise TranslationError(f"{self.url}{path}: cannot reach the translation server ({reason}); "
                                       f"start it or fix --translate-url") from None
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise TranslationError(f"{self.url}{path}: the reply is not JSON; check --translate-url points at "
                                       f"a LibreTranslate server") from None
        raise AssertionError("unreachable")


def _error_text(e: urllib.error.HTTPError) -> str:
    try:
        payload = json.loads(e.read().decode("utf-8"))
        if isinstance(payload, dict) and payload.get("error"):
            return f"({str(payload['error'])[:200]})"
    except Exception:
        pass
    return f"({e.reason})"

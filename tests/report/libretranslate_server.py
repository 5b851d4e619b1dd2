"""A small LibreTranslate-compatible server for tests: the documented /languages and /translate shapes, a phrase book
instead of a model, an optional API key, and a switch to make it fail. Binds 127.0.0.1 only."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOOK = {
    ("ko", "en"): {
        "그냥 사귀어라 제발 현커 가자": "Just date already, please, make it real",
        "사귀는 거 맞네 손 잡은 거 봐": "They're definitely dating, look at them holding hands",
        "2:31 눈빛 봐 이거 찐이다 ㅋㅋㅋ": "2:31 look at those eyes, this is real lol",
        "망붕들 적당히 해라 그냥 동료일 뿐": "Delusional shippers, give it a rest, they're just colleagues",
    },
}
LANGUAGES = [{"code": "en", "name": "English", "targets": ["ko"]}, {"code": "ko", "name": "Korean", "targets": ["en"]}]


class Server:
    def __init__(self, api_key: str | None = None):
        self.api_key = api_key
        self.requests: list[dict] = []
        self.fail_with: int | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, payload) -> None:
                body = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/languages":
                    return self._send(200, LANGUAGES)
                self._send(404, {"error": "Not Found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    return self._send(400, {"error": "Invalid request: bad JSON"})
                outer.requests.append({"path": self.path, "body": body, "content_type": self.headers.get("Content-Type")})
                if self.path != "/translate":
                    return self._send(404, {"error": "Not Found"})
                if outer.fail_with:
                    return self._send(outer.fail_with, {"error": "Slowdown: too many requests"})
                if outer.api_key and body.get("api_key") != outer.api_key:
                    return self._send(403, {"error": "Invalid API key"})
                for key in ("q", "source", "target"):
                    if not body.get(key):
                        return self._send(400, {"error": f"Invalid request: missing {key} parameter"})
                pair = (body["source"], body["target"])
                if pair not in BOOK:
                    return self._send(400, {"error": f"{pair[0]} is not supported"})
                text = BOOK[pair].get(body["q"], f"[{pair[0]}->{pair[1]}] {body['q']}")
                self._send(200, {"translatedText": text})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

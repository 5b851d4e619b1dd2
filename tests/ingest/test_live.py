"""Live fetch against a local server that answers like the YouTube Data API v3 / youtube.com (never the internet)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from shipwatch.errors import FetchError
from shipwatch.ingest import IngestOptions, RetryPolicy, YouTubeLiveSource, open_source
from shipwatch.schema import RECORD_SCHEMA

VIDEO = "aBcDeFgHiJ1"
FAST = RetryPolicy(attempts=3, backoff=0.01, max_delay=0.05, timeout=5)


def comment(cid, text, likes=0, parent=None):
    snippet = {"textOriginal": text, "textDisplay": text, "authorDisplayName": f"@{cid}",
               "authorChannelId": {"value": f"UC{cid}"}, "likeCount": likes, "publishedAt": "2024-05-01T00:00:00Z"}
    if parent:
        snippet["parentId"] = parent
    else:
        snippet["videoId"] = VIDEO
    return {"kind": "youtube#comment", "id": cid, "snippet": snippet}


def thread(cid, text, total_replies=0, inline=()):
    item = {"kind": "youtube#commentThread", "id": cid,
            "snippet": {"videoId": VIDEO, "topLevelComment": comment(cid, text, likes=5),
                        "totalReplyCount": total_replies}}
    if inline:
        item["replies"] = {"comments": [comment(r, f"reply {r}", parent=cid) for r in inline]}
    return item


THREAD_PAGES = {
    None: {"kind": "youtube#commentThreadListResponse", "nextPageToken": "p2",
           "items": [thread("T1", "둘이 사귀어라", total_replies=3, inline=["T1.a"]),
                     thread("T2", "so much chemistry", total_replies=1, inline=["T2.a"])]},
    "p2": {"kind": "youtube#commentThreadListResponse", "items": [thread("T3", "just co-stars")]},
}
REPLY_PAGES = {
    None: {"kind": "youtube#commentListResponse", "nextPageToken": "r2",
           "items": [comment("T1.a", "reply T1.a", parent="T1"), comment("T1.b", "reply T1.b", parent="T1")]},
    "r2": {"kind": "youtube#commentListResponse", "items": [comment("T1.c", "reply T1.c", parent="T1")]},
}


class Api:
    """Counts requests; fails the first commentThreads request with 429 and the first replies request with 503."""

    def __init__(self, mode="ok"):
        self.mode, self.log, self.failed = mode, [], set()

    def handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                api.log.append((url.path, q))
                if q.get("key") != "test-key":
                    return self.send(400, {"error": {"code": 400, "message": "API key not valid",
                                                     "errors": [{"reason": "badRequest"}]}})
                if api.mode == "down":
                    return self.send(500, {"error": {"code": 500, "message": "backend error"}})
                if api.mode == "disabled":
                    return self.send(403, {"error": {"code": 403, "message": "disabled comments",
                                                     "errors": [{"reason": "commentsDisabled"}]}})
                if url.path.endswith("/commentThreads"):
                    assert q["videoId"] == VIDEO and "replies" in q["part"]
                    if "429" not in api.failed:
                        api.failed.add("429")
                        return self.send(429, {"error": {"code": 429}}, {"Retry-After": "0"})
                    return self.send(200, THREAD_PAGES[q.get("pageToken")])
                if url.path.endswith("/comments"):
                    assert q["parentId"] == "T1"
                    if "503" not in api.failed:
                        api.failed.add("503")
                        return self.send(503, {"error": {"code": 503}}, {"Retry-After": "0"})
                    return self.send(200, REPLY_PAGES[q.get("pageToken")])
                self.send(404, {"error": {"code": 404}})

            def send(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        return Handler


@pytest.fixture
def api_server(monkeypatch):
    servers = []

    def start(mode="ok"):
        api = Api(mode)
        server = ThreadingHTTPServer(("127.0.0.1", 0), api.handler())
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        monkeypatch.setenv("YOUTUBE_API_KEY", "test-key")
        monkeypatch.setenv("SHIPWATCH_YOUTUBE_API_URL", f"http://127.0.0.1:{server.server_port}/youtube/v3")
        return api

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_data_api_fetch_paginates_fetches_replies_and_retries(api_server):
    api = api_server()
    source = open_source(f"https://www.youtube.com/watch?v={VIDEO}&t=10s", IngestOptions(batch_size=4))
    assert isinstance(source, YouTubeLiveSource) and source.backend == "data-api"
    assert (source.platform, source.source_id) == ("youtube", VIDEO)
    source.validate()
    batches = list(source.batches())
    assert all(b.schema == RECORD_SCHEMA and b.num_rows <= 4 for b in batches)
    rows = [r for b in batches for r in b.to_pylist()]
    assert [(r["comment_id"], r["parent_id"]) for r in rows] == [
        ("T1", None), ("T2", None), ("T2.a", "T2"),
        ("T1.a", "T1"), ("T1.b", "T1"), ("T1.c", "T1"),   # T1's replies via comments.list, the inline one not twice
        ("T3", None)]
    assert {r["source_id"] for r in rows} == {VIDEO}
    assert rows[0]["text"] == "둘이 사귀어라" and rows[0]["likes"] == 5 and rows[0]["reply_count"] == 3
    assert source.stats["read"] == 7
    paths = [p.rsplit("/", 1)[1] for p, _ in api.log]
    # 429 then success, the T1 replies (503 then two pages), then the second thread page
    assert paths == ["commentThreads", "commentThreads", "comments", "comments", "comments", "commentThreads"]
    assert [q.get("pageToken") for p, q in api.log if p.endswith("commentThreads")] == [None, None, "p2"]


def test_data_api_gives_up_after_bounded_retries(api_server):
    api = api_server("down")
    source = YouTubeLiveSource(VIDEO, policy=FAST)
    with pytest.raises(FetchError, match=r"failed after 3 tries \(HTTP 500\)"):
        list(source.batches())
    assert len(api.log) == 3


def test_data_api_client_errors_are_not_retried(api_server):
    api = api_server("disabled")
    with pytest.raises(FetchError, match="commentsDisabled.*comments turned off"):
        list(YouTubeLiveSource(VIDEO, policy=FAST).batches())
    assert len(api.log) == 1


def test_bare_video_id_is_a_live_source(api_server):
    api_server()
    source = open_source(VIDEO)
    assert isinstance(source, YouTubeLiveSource) and source.source_id == VIDEO
    assert "Data API" in source.describe()


# --- youtube-comment-downloader back-end, pointed at a local youtube.com look-alike ---------------------------

def endpoint(token):
    return {"commandMetadata": {"webCommandMetadata": {"apiUrl": "/youtubei/v1/next"}},
            "continuationCommand": {"token": token}}


def entity(cid, text, votes, replies="0"):
    return [
        {"payload": {"commentEntityPayload": {
            "properties": {"commentId": cid, "content": {"content": text}, "publishedTime": "2 days ago",
                           "toolbarStateKey": f"state-{cid}"},
            "author": {"displayName": f"@{cid}", "channelId": f"UC{cid}", "avatarThumbnailUrl": "https://x/a.jpg"},
            "toolbar": {"likeCountNotliked": votes, "replyCount": replies}}}},
        {"payload": {"engagementToolbarStateEntityPayload": {"key": f"state-{cid}",
                                                             "heartState": "TOOLBAR_HEART_STATE_HEARTED"}}},
    ]


WATCH_HTML = (
    '<html><script>ytcfg.set({"INNERTUBE_API_KEY": "web-key", "INNERTUBE_CONTEXT": {"client": {"hl": "en"}}});'
    "</script><script>var ytInitialData = " + json.dumps({
        "contents": {"itemSectionRenderer": {"sectionIdentifier": "comment-item-section",
                                             "contents": [{"continuationItemRenderer": {"trigger": "x"}}]}},
        "header": {"sortFilterSubMenuRenderer": {"subMenuItems": [
            {"serviceEndpoint": endpoint("popular")}, {"serviceEndpoint": endpoint("recent")}]}},
    }) + ";</script></html>"
)
NEXT_PAGES = {
    "recent": {
        "onResponseReceivedEndpoints": [{"reloadContinuationItemsCommand": {
            "targetId": "comments-section",
            "continuationItems": [{"continuationItemRenderer": {"continuationEndpoint": endpoint("page2")}}]}}],
        "frameworkUpdates": {"entityBatchUpdate": {"mutations":
            entity("Ugw1", "케미 미쳤다", "1.2K", "1") + entity("Ugw1.r1", "ㄹㅇ 사겨라", "3")}},
    },
    "page2": {"frameworkUpdates": {"entityBatchUpdate": {"mutations": entity("Ugw2", "just friends", "2만")}}},
}


@pytest.fixture
def web_server(monkeypatch):
    log = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            log.append(("GET", self.path))
            self.reply(200, WATCH_HTML.encode(), "text/html")

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            token = body["continuation"]
            log.append(("POST", token))
            if token == "recent" and log.count(("POST", "recent")) == 1:
                return self.reply(429, b"{}", "application/json", {"Retry-After": "0"})
            self.reply(200, json.dumps(NEXT_PAGES[token]).encode(), "application/json")

        def reply(self, status, data, ctype, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    monkeypatch.setenv("SHIPWATCH_YOUTUBE_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    yield log
    server.shutdown()
    server.server_close()


def test_downloader_backend_against_local_pages_with_a_retry(web_server):
    pytest.importorskip("youtube_comment_downloader")
    source = open_source(f"https://youtu.be/{VIDEO}")
    assert source.backend == "youtube-comment-downloader"
    rows = [r for b in source.batches() for r in b.to_pylist()]
    assert [(r["comment_id"], r["parent_id"], r["likes"]) for r in rows] == [
        ("Ugw1", None, 1200), ("Ugw1.r1", "Ugw1", 3), ("Ugw2", None, 20_000)]
    assert rows[0]["reply_count"] == 1 and rows[0]["text"] == "케미 미쳤다"
    assert rows[0]["time_text"] == "2 days ago" and rows[0]["published_at"] is not None
    assert {r["source_id"] for r in rows} == {VIDEO}
    assert web_server == [("GET", f"/watch?v={VIDEO}"), ("POST", "recent"), ("POST", "recent"), ("POST", "page2")]


def test_downloader_backend_missing_is_a_clear_error(monkeypatch):
    from shipwatch.errors import MissingDependency

    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    monkeypatch.setitem(__import__("sys").modules, "youtube_comment_downloader.downloader", None)
    with pytest.raises(MissingDependency, match=r"pip install 'shipwatch\[youtube\]'"):
        list(YouTubeLiveSource(VIDEO).batches())

"""Live comments of a YouTube video: the Data API v3 when YOUTUBE_API_KEY is set, else youtube-comment-downloader.

Both back-ends retry 429, 5xx, timeouts and dropped connections with bounded exponential back-off (honouring
Retry-After), then raise ``FetchError``. Base URLs come from SHIPWATCH_YOUTUBE_API_URL and SHIPWATCH_YOUTUBE_URL
so tests (and proxies) can answer instead of Google.
"""
from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Iterator

import pyarrow as pa

from ..errors import FetchError, MissingDependency
from .rows import Row
from .source import IngestOptions, Source, pack
from .ytapi import response_rows
from .ytcd import ytcd_row

API_URL = "https://www.googleapis.com/youtube/v3"
WEB_URL = "https://www.youtube.com"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5           # tries per request, the first included
    backoff: float = 1.0        # seconds before the second try; doubles each time
    max_delay: float = 30.0     # cap on one wait, Retry-After included
    timeout: float = 30.0       # seconds per request

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        if retry_after is not None:
            try:
                return min(self.max_delay, max(0.0, float(retry_after)))
            except ValueError:
                pass
        return min(self.max_delay, self.backoff * (2 ** attempt))


def with_retries(request: Callable[[], object], policy: RetryPolicy, what: str,
                 sleep: Callable[[float], None] = time.sleep) -> object:
    """Run ``request``; it raises ``_Retryable`` for a transient failure. Other exceptions pass through."""
    last = ""
    for attempt in range(policy.attempts):
        try:
            return request()
        except _Retryable as e:
            last = e.reason
            if attempt + 1 < policy.attempts:
                sleep(policy.delay(attempt, e.retry_after))
    raise FetchError(f"{what} failed after {policy.attempts} tries ({last}); check the network and try again later")


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: str | None = None):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


# --- Data API v3 --------------------------------------------------------------------------------------------

def _get_json(url: str, policy: RetryPolicy, what: str) -> dict:
    def once() -> dict:
        req = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=policy.timeout) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            if e.code in RETRY_STATUS:
                raise _Retryable(f"HTTP {e.code}", e.headers.get("Retry-After")) from None
            raise FetchError(f"{what} failed: HTTP {e.code} {_api_reason(body)}; "
                             f"{_api_fix(e.code, body)}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as e:
            reason = getattr(e, "reason", e)
            raise _Retryable(f"{type(reason).__name__}: {reason}") from None
        except json.JSONDecodeError:
            raise _Retryable("the response was not JSON") from None

    return with_retries(once, policy, what)


def _api_reason(body: str) -> str:
    try:
        err = json.loads(body)["error"]
        reasons = ",".join(e.get("reason", "") for e in err.get("errors", []) if isinstance(e, dict))
        return f"{reasons or err.get('status', '')} ({err.get('message', '')})".strip()
    except (ValueError, KeyError, TypeError, AttributeError):
        return body[:200]


def _api_fix(code: int, body: str) -> str:
    if "commentsDisabled" in body:
        return "the video has comments turned off"
    if "quotaExceeded" in body:
        return "the API key's daily quota is used up; try tomorrow or unset YOUTUBE_API_KEY to fetch without the API"
    if code in (400, 403) and ("key" in body.lower() or "forbidden" in body.lower()):
        return "check YOUTUBE_API_KEY"
    if code == 404:
        return "check the video id"
    return "check the video id and YOUTUBE_API_KEY"


def data_api_pages(video_id: str, api_key: str, base_url: str, policy: RetryPolicy) -> Iterator[dict]:
    """commentThreads.list pages of a video, each followed by the comments.list pages of any thread whose
    replies did not all come inline (the API inlines at most 5)."""
    base = base_url.rstrip("/")
    params = {"part": "snippet,replies", "videoId": video_id, "maxResults": 100, "textFormat": "plainText",
              "key": api_key}
    for page in _paged(f"{base}/commentThreads", params, policy, f"YouTube Data API commentThreads for {video_id}"):
        more = []
        for item in page.get("items") or []:
            snippet = item.get("snippet") or {}
            inline = len((item.get("replies") or {}).get("comments") or [])
            if (snippet.get("totalReplyCount") or 0) > inline:
                item.pop("replies", None)   # fetched in full below; inline ones would come twice
                more.append(snippet["topLevelComment"]["id"])
        yield page
        for parent in more:
            params = {"part": "snippet", "parentId": parent, "maxResults": 100, "textFormat": "plainText",
                      "key": api_key}
            yield from _paged(f"{base}/comments", params, policy, f"YouTube Data API replies to {parent}")


def _paged(url: str, params: dict, policy: RetryPolicy, what: str) -> Iterator[dict]:
    """Every page of one Data API list call, following nextPageToken."""
    token = None
    while True:
        query = {**params, "pageToken": token} if token else params
        page = _get_json(f"{url}?{urllib.parse.urlencode(query)}", policy, what)
        yield page
        token = page.get("nextPageToken")
        if not token:
            return


# --- youtube-comment-downloader -------------------------------------------------------------------------------

def downloader_comments(video_id: str, base_url: str, policy: RetryPolicy) -> Iterator[dict]:
    """Comment dicts from youtube-comment-downloader, pointed at ``base_url`` with our retry policy."""
    try:
        import requests
        from youtube_comment_downloader.downloader import SORT_BY_RECENT, YoutubeCommentDownloader
    except ImportError:
        raise MissingDependency("youtube-comment-downloader", "youtube", "Fetching comments from YouTube") from None

    base = base_url.rstrip("/")

    class RetrySession(requests.Session):
        def request(self, method, url, *args, **kwargs):
            kwargs.setdefault("timeout", policy.timeout)

            def once():
                try:
                    resp = super(RetrySession, self).request(method, url, *args, **kwargs)
                except (requests.Timeout, requests.ConnectionError) as e:
                    raise _Retryable(type(e).__name__) from None
                if resp.status_code in RETRY_STATUS:
                    raise _Retryable(f"HTTP {resp.status_code}", resp.headers.get("Retry-After"))
                return resp

            return with_retries(once, policy, f"YouTube request {method} {url.split('?')[0]}")

    class Downloader(YoutubeCommentDownloader):
        def __init__(self):
            super().__init__()
            session = RetrySession()
            session.headers.update(self.session.headers)
            session.cookies.update(self.session.cookies)
            self.session = session

        def ajax_request(self, endpoint, ytcfg, retries=None, sleep=None, timeout=None):
            # The library hard-codes https://www.youtube.com and sleeps 20 s between tries; same request here.
            url = base + endpoint["commandMetadata"]["webCommandMetadata"]["apiUrl"]
            data = {"context": ytcfg["INNERTUBE_CONTEXT"], "continuation": endpoint["continuationCommand"]["token"]}
            resp = self.session.post(url, params={"key": ytcfg["INNERTUBE_API_KEY"]}, json=data)
            if resp.status_code == 200:
                return resp.json()
            if resp.status_code in (403, 413):
                return {}
            raise FetchError(f"YouTube answered HTTP {resp.status_code} for the comments of {video_id}; "
                             "try again later, or set YOUTUBE_API_KEY to use the Data API")

    try:
        yield from Downloader().get_comments_from_url(f"{base}/watch?v={video_id}", sort_by=SORT_BY_RECENT,
                                                      sleep=0.1)
    except (RuntimeError, ValueError, KeyError) as e:
        raise FetchError(f"youtube-comment-downloader could not read the comments of {video_id} ({e}); "
                         "set YOUTUBE_API_KEY to use the Data API instead") from None


# --- the source ---------------------------------------------------------------------------------------------

class YouTubeLiveSource(Source):
    platform = "youtube"
    format = "youtube"

    def __init__(self, video_id: str, options: IngestOptions | None = None, url: str | None = None,
                 policy: RetryPolicy | None = None):
        super().__init__(options or IngestOptions())
        self.source_id = video_id
        self.url = url or f"https://www.youtube.com/watch?v={video_id}"
        self.policy = policy or RetryPolicy()

    @property
    def backend(self) -> str:
        return "data-api" if os.environ.get("YOUTUBE_API_KEY") else "youtube-comment-downloader"

    def describe(self) -> str:
        how = "the YouTube Data API" if self.backend == "data-api" else "youtube-comment-downloader"
        return f"YouTube video {self.source_id}, fetched live through {how}"

    def validate(self) -> None:
        """Nothing to check before fetching: a live source is read once, as it arrives."""

    def rows(self) -> Iterator[Row]:
        title, vid = self.options.title, self.source_id
        if self.backend == "data-api":
            base = os.environ.get("SHIPWATCH_YOUTUBE_API_URL") or API_URL
            for page in data_api_pages(vid, os.environ["YOUTUBE_API_KEY"], base, self.policy):
                for row in response_rows(page, vid, vid, title, None, display_is_html=False):
                    if isinstance(row, str):
                        self.stats["rejected"] += 1
                        continue
                    yield row
        else:
            base = os.environ.get("SHIPWATCH_YOUTUBE_URL") or WEB_URL
            for comment in downloader_comments(vid, base, self.policy):
                try:
                    yield ytcd_row(comment, vid, title, None)
                except ValueError:
                    self.stats["rejected"] += 1

    def batches(self) -> Iterator[pa.RecordBatch]:
        self.stats = {"read": 0, "rejected": 0, "reject_path": None}
        # rows() counts what it cannot read itself; nothing reaches pack as a Bad.
        yield from pack(self.rows(), self.options.batch_size, self.stats, lambda bad: None)

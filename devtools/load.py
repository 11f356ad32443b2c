"""
Steady load on a running app, recorded request by request, for `manage.py fault_drill`: a few client
threads cycling through pages and API lists, one probing a database-backed API answer every 50 ms, and
one curator writing a posting now and then. Plain http.client, one connection per request.
"""

import dataclasses
import http.client
import itertools
import json
import threading
import time
import urllib.parse

NO_ANSWER = 0  # the status recorded when the server did not answer (refused, reset, timed out)


@dataclasses.dataclass
class Sent:
    kind: str  # "page", "api", "db" (token-authenticated, never from the cache), "probe" or "write"
    path: str
    started: float  # time.monotonic()
    finished: float
    status: int
    note: str = ""  # for a write: the slug it tried to save

    @property
    def failed(self):
        return self.status == NO_ANSWER or self.status >= 400


def request(base_url, method, path, *, headers=None, body=None, timeout=5.0):
    """(status, body bytes); NO_ANSWER and b"" when the server does not answer."""
    url = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        all_headers = {"Host": url.hostname, **(headers or {})}
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException):
        return NO_ANSWER, b""
    finally:
        connection.close()


class Load:
    """Runs the clients until stop(); `sent` holds every request, in the order they finished."""

    def __init__(self, base_url, *, token, paths, clients=4, write_every=0.4, posting_template=None):
        self.base_url, self.clients, self.write_every = base_url, clients, write_every
        self.auth = {"Authorization": f"Token {token}"}
        self.paths = paths  # [(kind, path)]
        self.template = posting_template
        self.sent = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads = []
        self._written = itertools.count(1)

    def start(self):
        targets = [self._client] * self.clients + [self._probe] + ([self._writer] if self.template else [])
        for index, target in enumerate(targets):
            thread = threading.Thread(target=target, args=(index,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self):
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=10)

    def _send(self, kind, method, path, *, headers=None, body=None, note=""):
        started = time.monotonic()
        status, content = request(self.base_url, method, path, headers=headers, body=body)
        sent = Sent(kind, path, started, time.monotonic(), status, note)
        with self._lock:
            self.sent.append(sent)
        return sent, content

    def _client(self, index):
        paths = itertools.islice(itertools.cycle(self.paths), index, None)  # each client starts elsewhere
        while not self._stopping.is_set():
            kind, path = next(paths)
            self._send(kind, "GET", path, headers=self.auth if kind == "db" else None)

    def _probe(self, index):
        while not self._stopping.is_set():
            self._send("probe", "GET", "/api/v1/roles/", headers=self.auth)
            self._stopping.wait(0.05)

    def _writer(self, index):
        while not self._stopping.wait(self.write_every):
            number = next(self._written)
            slug = f"drill-{number:04d}"
            body = self.template | {"slug": slug, "title": f"Fault drill posting {number}"}
            self._send("write", "POST", "/api/v1/postings/", headers=self.auth, body=body, note=slug)

"""A bounded load client: threads sending requests for a fixed time or count, and the numbers.

Two targets share one interface. `HttpTarget` talks HTTP/1.1 to the gunicorn server on
127.0.0.1 (one connection per thread, reopened when the server closes it). `InProcessTarget`
calls Django's test client in this process and counts queries itself; the smoke test uses it.
"""

import contextlib
import http.client
import json
import logging
import statistics
import threading
import time
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict = field(default_factory=dict)

    @classmethod
    def graphql(cls, query: str, variables: dict | None = None, headers: dict | None = None) -> "Request":
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        return cls("POST", "/graphql/", body, {"Content-Type": "application/json", **(headers or {})})


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict
    latency_ms: float


class HttpTarget:
    """The server under test; only loopback addresses are accepted."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8106, timeout: float = 120.0):
        if not host.startswith("127.") and host != "localhost":
            raise ValueError(f"The benchmark only sends traffic to this machine, not to {host!r}.")
        self.host = host
        self.port = port
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.connection = connection
        return connection

    def send(self, request: Request) -> Reply:
        connection = self._connection()
        started = time.perf_counter()
        try:
            connection.request(request.method, request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            body = response.read()
        except (ConnectionError, http.client.HTTPException):
            # gunicorn's sync workers close the connection after each response.
            connection.close()
            self._local.connection = None
            connection = self._connection()
            started = time.perf_counter()
            connection.request(request.method, request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            body = response.read()
        latency = (time.perf_counter() - started) * 1000
        headers = {name.lower(): value for name, value in response.getheaders()}
        if headers.get("connection", "").lower() == "close":
            connection.close()
        return Reply(response.status, body, headers, latency)


class InProcessTarget:
    """Django's test client in this process; adds the headers QueryCountMiddleware would."""

    # Requests must come from the thread that owns the (test) database connection.
    single_threaded = True

    def __init__(self):
        from django.test import Client

        self.client = Client()
        self._lock = threading.Lock()

    def send(self, request: Request) -> Reply:
        from bench.middleware import QueryCounter
        from django.db import connection

        extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in request.headers.items()}
        content_type = extra.pop("HTTP_CONTENT_TYPE", "application/octet-stream")
        counter = QueryCounter()
        # One request at a time: the test client and the test database connection are not shared safely.
        with self._lock, connection.execute_wrapper(counter):
            started = time.perf_counter()
            if request.method == "GET":
                response = self.client.get(request.path, **extra)
            else:
                response = self.client.generic(request.method, request.path, request.body or b"", content_type, **extra)
            latency = (time.perf_counter() - started) * 1000
        headers = {name.lower(): value for name, value in response.headers.items()}
        headers.setdefault("x-sql-queries", str(counter.count))
        headers.setdefault("x-server-time", f"{latency:.3f}")
        return Reply(response.status_code, response.content, headers, latency)


@dataclass
class Samples:
    """Everything measured for one variant, merged over its rounds."""

    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    failures: int = 0
    seconds: float = 0.0
    cache_hits: int = 0

    def add(self, reply: Reply, expected_status: int = 200) -> None:
        if reply.status != expected_status:
            self.failures += 1
            return
        self.latencies_ms.append(reply.latency_ms)
        if "x-server-time" in reply.headers:
            self.server_ms.append(float(reply.headers["x-server-time"]))
        if "x-sql-queries" in reply.headers:
            self.queries.append(int(reply.headers["x-sql-queries"]))
        if reply.headers.get("x-cache") == "hit":
            self.cache_hits += 1

    def merge(self, other: "Samples") -> None:
        self.latencies_ms += other.latencies_ms
        self.server_ms += other.server_ms
        self.queries += other.queries
        self.failures += other.failures
        self.seconds += other.seconds
        self.cache_hits += other.cache_hits

    @property
    def count(self) -> int:
        return len(self.latencies_ms)

    @property
    def requests_per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, values: list[float], fraction: float) -> float:
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]

    @property
    def p50(self) -> float:
        return self.percentile(self.latencies_ms, 0.50)

    @property
    def p95(self) -> float:
        return self.percentile(self.latencies_ms, 0.95)

    @property
    def server_p50(self) -> float:
        return self.percentile(self.server_ms, 0.50)

    @property
    def queries_per_request(self) -> float:
        return statistics.fmean(self.queries) if self.queries else float("nan")


def run_closed_loop(target, request: Request, *, clients: int, seconds: float, max_requests: int) -> Samples:
    """Keep `clients` threads sending `request` back to back until time or count runs out."""
    samples = Samples()
    lock = threading.Lock()
    sent = 0
    deadline = time.perf_counter() + seconds

    def worker():
        nonlocal sent
        local = Samples()
        while time.perf_counter() < deadline:
            with lock:
                if sent >= max_requests:
                    break
                sent += 1
            try:
                local.add(target.send(request))
            except OSError as error:  # a timeout or a refused connection counts as a failed request
                logger.warning("Request to %s failed: %s", request.path, error)
                local.failures += 1
        with lock:
            samples.merge(local)

    started = time.perf_counter()
    run_threads(worker, clients)
    samples.seconds = time.perf_counter() - started
    return samples


def run_threads(function, count: int) -> None:
    if count == 1:
        # In the calling thread, so an in-process target keeps using this thread's database
        # connection (a test database is visible to that connection only).
        function()
        return
    threads = [threading.Thread(target=function, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@contextlib.contextmanager
def background(function, *, interval: float):
    """Call `function` every `interval` seconds in a thread while the block runs."""
    stop = threading.Event()

    def loop():
        while not stop.wait(interval):
            function()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()

"""Per-request measurements for the benchmark, active only with AMAZE_BENCH=1."""

import contextlib
import time

from django.db import connections


class QueryCounter:
    """A `connection.execute_wrapper` that counts the SQL statements run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Add X-SQL-Queries (statements on every database alias) and X-Server-Time (ms) headers.

    It is the outermost middleware, so the time covers the whole Django stack including
    template rendering, but not gunicorn's own request parsing or the network.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        response["X-SQL-Queries"] = str(counter.count)
        response["X-Server-Time"] = f"{(time.perf_counter() - started) * 1000:.3f}"
        return response

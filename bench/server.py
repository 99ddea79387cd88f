"""The processes a benchmark run needs: its PostgreSQL database, Redis and gunicorn.

Everything started here is stopped by the same context manager, by process id.
"""

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_PORT = 6379
# A private Redis for the run when none listens on 6379; within the ports the benchmark may use.
PRIVATE_REDIS_PORT = 8110


class SetupFailed(Exception):
    """A service the benchmark needs is missing. The message names the fix."""


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def recreate_database(name: str) -> str:
    """Drop and create database `name` (it must start with amaze_bench); return its URL."""
    import psycopg2

    if not name.startswith("amaze_bench"):
        raise SetupFailed(f"The benchmark only drops databases named amaze_bench*, not {name!r}.")
    try:
        connection = psycopg2.connect(dbname="postgres", **POSTGRES)
    except psycopg2.OperationalError as error:
        raise SetupFailed(
            f"PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres ({error}). Start it, "
            "e.g. `pg_ctlcluster 15 main start`, and run `make bench` again."
        ) from error
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"


@contextlib.contextmanager
def redis_url():
    """Yield the URL of a Redis on this machine, starting a private one when none runs."""
    if port_open(REDIS_PORT):
        yield f"redis://127.0.0.1:{REDIS_PORT}/0"
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise SetupFailed("No Redis on 127.0.0.1:6379 and no redis-server to start: apt-get install redis-server.")
    process = subprocess.Popen(
        [binary, "--port", str(PRIVATE_REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: port_open(PRIVATE_REDIS_PORT), seconds=10, service="Redis")
        yield f"redis://127.0.0.1:{PRIVATE_REDIS_PORT}/0"
    finally:
        stop_process(process)


def wait_until(check, *, seconds: float, service: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SetupFailed(f"{service} did not start within {seconds:.0f} s.")


def stop_process(process: subprocess.Popen, grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def page_responds(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def gunicorn(*, port: int, workers: int, env: dict, log_path: Path):
    """Run gunicorn with `workers` sync workers on 127.0.0.1:`port` until the block ends."""
    if port_open(port):
        raise SetupFailed(f"Port {port} is already in use; pass another with --port.")
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--log-level", "warning",
        # Seconds before gunicorn restarts a busy worker; an uncached list of 1000 services by
        # Wagtail's REST API needs more than a minute on a loaded 2-core machine.
        "--timeout", "180",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env={**os.environ, **env}, stdout=log, stderr=log)
        try:

            def ready() -> bool:
                if process.poll() is not None:
                    raise SetupFailed(f"gunicorn exited with code {process.returncode}; see {log_path}.")
                return page_responds(port)

            wait_until(ready, seconds=60, service="gunicorn")
            logger.info("gunicorn pid %s on 127.0.0.1:%s with %s workers", process.pid, port, workers)
            yield process
        finally:
            stop_process(process)

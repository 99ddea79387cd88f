"""Scenarios 4 and 5: taking queue numbers in parallel, and the waiting-room board under polling."""

import json
import logging
import random
import threading
import time
from dataclasses import dataclass

from bench.load import Request, Samples, background, run_threads
from bench.scenarios import CALL_NEXT_TICKET, QUEUE_STATUS_QUERY, TAKE_QUEUE_NUMBER, bearer

logger = logging.getLogger(__name__)


@dataclass
class TicketRun:
    samples: Samples
    taken: int
    rejected: int
    unique: bool
    gap_free: bool
    checked_numbers: int


def graphql_errors(reply, field: str) -> list:
    """Return the top-level and payload errors of a mutation reply."""
    payload = json.loads(reply.body)
    errors = list(payload.get("errors") or [])
    errors += ((payload.get("data") or {}).get(field) or {}).get("errors") or []
    return errors


def take_numbers(target, secrets_by_client: list[list[str]], *, branch: str, seconds: float) -> tuple[Samples, int, int]:
    """Take one number per customer token, each client working through its own tokens back to back."""
    samples = Samples()
    lock = threading.Lock()
    counts = {"taken": 0, "rejected": 0}
    queues = list(secrets_by_client)
    deadline = time.perf_counter() + seconds

    def client():
        with lock:
            tokens = queues.pop()
        local = Samples()
        taken = rejected = 0
        for secret in tokens:
            if time.perf_counter() >= deadline:
                break
            reply = target.send(Request.graphql(TAKE_QUEUE_NUMBER, {"branch": branch}, headers=bearer(secret)))
            if reply.status == 200 and not graphql_errors(reply, "takeQueueNumber"):
                taken += 1
                local.add(reply)
            else:
                rejected += 1
                local.failures += 1
        with lock:
            samples.merge(local)
            counts["taken"] += taken
            counts["rejected"] += rejected

    started = time.perf_counter()
    run_threads(client, len(queues))
    samples.seconds = time.perf_counter() - started
    return samples, counts["taken"], counts["rejected"]


def check_numbers(branch_code: str) -> tuple[bool, bool, int]:
    """Check today's tickets of the branch: (unique per prefix, gap-free 1..n per prefix, count)."""
    from django.utils import timezone

    from crm.models import QueueTicket

    numbers_by_prefix: dict[str, list[int]] = {}
    tickets = QueueTicket.objects.filter(branch__code=branch_code, service_date=timezone.localdate())
    for prefix, number in tickets.values_list("prefix", "number"):
        numbers_by_prefix.setdefault(prefix, []).append(number)
    unique = all(len(numbers) == len(set(numbers)) for numbers in numbers_by_prefix.values())
    gap_free = all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in numbers_by_prefix.values())
    return unique, gap_free, sum(len(numbers) for numbers in numbers_by_prefix.values())


def run_take_queue_numbers(target, *, clients: int, tickets_per_client: int, branch: str, seconds: float) -> TicketRun:
    from bench import dataset

    secrets = dataset.create_queue_customers(clients * tickets_per_client)
    per_client = [secrets[index::clients] for index in range(clients)]
    samples, taken, rejected = take_numbers(target, per_client, branch=branch, seconds=seconds)
    unique, gap_free, checked = check_numbers(branch)
    return TicketRun(samples, taken, rejected, unique, gap_free, checked)


@dataclass
class BoardRun:
    samples: Samples
    calls: int


def run_board_polling(
    target, *, pollers: int, poll_interval: float, seconds: float, call_interval: float, branch: str, front_desk_secret: str
) -> BoardRun:
    """`pollers` clients ask for queueStatus every `poll_interval` s while the front desk calls numbers."""
    samples = Samples()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    request = Request.graphql(QUEUE_STATUS_QUERY, {"branch": branch})
    calls = {"count": 0}

    def poller():
        local = Samples()
        # Spread the first polls over one interval, as screens switched on at different times.
        time.sleep(random.uniform(0, poll_interval))
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            local.add(target.send(request))
            time.sleep(max(0.0, poll_interval - (time.perf_counter() - started)))
        with lock:
            samples.merge(local)

    def call_next():
        reply = target.send(Request.graphql(CALL_NEXT_TICKET, {"branch": branch}, headers=bearer(front_desk_secret)))
        if reply.status == 200 and not graphql_errors(reply, "callNextTicket"):
            calls["count"] += 1

    started = time.perf_counter()
    if getattr(target, "single_threaded", False):
        # An in-process target serves one thread only: polls and calls take turns.
        next_call = started + call_interval
        while time.perf_counter() < deadline:
            samples.add(target.send(request))
            if time.perf_counter() >= next_call:
                call_next()
                next_call += call_interval
            time.sleep(poll_interval)
    else:
        with background(call_next, interval=call_interval):
            run_threads(poller, pollers)
    samples.seconds = time.perf_counter() - started
    return BoardRun(samples, calls["count"])

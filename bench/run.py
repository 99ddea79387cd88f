"""`make bench`: run the scenarios against gunicorn on PostgreSQL and print the comparison.

Steps: recreate the amaze_bench database, migrate, seed the demo clinic, and start gunicorn
(2 sync workers, production settings, DEBUG off) on 127.0.0.1. Then, for each data-set size,
grow the data and drive every scenario. The variants of a scenario alternate round by round,
so machine noise hits all of them alike. Prints the table and the target checks, writes results.json, the
profile and the chart, and stops everything it started.
"""

import argparse
import json
import logging
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import Samples, run_closed_loop
from bench.report import Row, Target, draw_chart, markdown_table, targets_text, text_table

logger = logging.getLogger("bench")

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = BASE_DIR / "bench" / "results"
DEFAULT_CHART = BASE_DIR / "docs" / "benchmarks-latency.png"

# Targets. Latency ratios compare p50s measured in the same run.
WARM_TO_FLOOR_MAX_RATIO = 1.5
UNCACHED_LIST_MAX_SERVER_MS = 5.0
UNCACHED_LIST_SIZE = 20
GRAPHQL_OVERHEAD_MAX_MS = 0.3
POLL_P95_MAX_MS = 50.0
MY_ORDERS_VARIANT = "GraphQL me.orders (20)"


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [10, 100, 1000])
    # Orders of the scenario 3 customer at each step of `sizes`, so both grow 100× together.
    order_sizes: list[int] = field(default_factory=lambda: [5, 50, 500])
    queue_clients: int = 16
    tickets_per_client: int = 25
    ticket_seconds: float = 30.0
    pollers: int = 200
    poll_interval: float = 2.0
    poll_seconds: float = 20.0
    call_interval: float = 1.0
    seconds: float = 3.0
    rounds: int = 3
    clients: int = 2
    max_requests: int = 20_000
    overhead_iterations: int = 2000
    profile: bool = True
    output_dir: Path = DEFAULT_OUTPUT
    chart_path: Path | None = DEFAULT_CHART


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    overheads: list = field(default_factory=list)
    chart: Path | None = None


def alternate(target, variants, options: Options) -> dict[str, Samples]:
    """Run each variant for `options.seconds`, `options.rounds` times, rotating the order."""
    merged = {variant.name: Samples() for variant in variants}
    for round_number in range(options.rounds):
        shift = round_number % len(variants)
        for variant in variants[shift:] + variants[:shift]:
            samples = run_closed_loop(
                target,
                variant.request,
                clients=options.clients,
                seconds=options.seconds,
                max_requests=options.max_requests,
            )
            merged[variant.name].merge(samples)
    return merged


def warm_up(target, variants) -> None:
    """Send each request twice (fills caches and renditions) and fail loudly on a bad status."""
    for variant in variants:
        for _ in range(2):
            reply = target.send(variant.request)
            if reply.status != 200:
                excerpt = reply.body[:300].decode("utf-8", "replace")
                raise RuntimeError(f"{variant.name}: {variant.request.path} returned {reply.status}: {excerpt}")


def crm_api_available() -> bool:
    """Return whether the schema has the CRM fields scenarios 3 to 5 use."""
    from grapple.schema import schema

    graphql_schema = schema.graphql_schema
    mutation_fields = graphql_schema.mutation_type.fields if graphql_schema.mutation_type else {}
    query_fields = graphql_schema.query_type.fields
    return {"takeQueueNumber", "callNextTicket"} <= set(mutation_fields) and {"me", "queueStatus"} <= set(query_fields)


def run_read_scenarios(target, options: Options, *, with_crm: bool) -> list[Row]:
    from bench import dataset
    from bench.scenarios import my_orders, read_scenarios

    rows = []
    orders_token = dataset.orders_customer_token() if with_crm else None
    for size, order_size in zip(options.sizes, options.order_sizes):
        added = dataset.grow_services(size)
        # The demo clinic alone has 12 services, so the smallest data set may be larger than asked.
        services = dataset.service_count()
        logger.info("Data set: %s services (%s added)", services, added)
        scenarios = [(scenario, services) for scenario in read_scenarios()]
        if with_crm:
            dataset.grow_orders(order_size)
            scenarios.append((my_orders(orders_token), order_size))
        for scenario, scenario_size in scenarios:
            warm_up(target, scenario.variants)
            merged = alternate(target, list(scenario.variants), options)
            for variant in scenario.variants:
                rows.append(Row.from_samples(scenario_size, scenario.title, variant.name, merged[variant.name]))
        if options.profile and size == options.sizes[0]:
            # The smallest list, so the fixed costs per request show next to the per-item ones.
            logger.info("Profile written to %s", profile_uncached_services(options.output_dir))
    return rows


def run_queue_scenarios(target, options: Options) -> tuple[list[Row], dict]:
    from bench import dataset, queue

    tickets = queue.run_take_queue_numbers(
        target,
        clients=options.queue_clients,
        tickets_per_client=options.tickets_per_client,
        branch=dataset.BRANCH_CODE,
        seconds=options.ticket_seconds,
    )
    ticket_note = (
        f"{tickets.taken} taken, {tickets.rejected} rejected; unique: {'yes' if tickets.unique else 'NO'}, "
        f"gap-free: {'yes' if tickets.gap_free else 'NO'} ({tickets.checked_numbers} numbers checked)"
    )
    board = queue.run_board_polling(
        target,
        pollers=options.pollers,
        poll_interval=options.poll_interval,
        seconds=options.poll_seconds,
        call_interval=options.call_interval,
        branch=dataset.BRANCH_CODE,
        front_desk_secret=dataset.front_desk_token(),
    )
    rows = [
        Row.from_samples(
            None, "4. Take queue number", f"{options.queue_clients} clients, takeQueueNumber", tickets.samples, ticket_note
        ),
        Row.from_samples(
            None,
            "5. Waiting-room board",
            f"{options.pollers} screens polling every {options.poll_interval:g} s",
            board.samples,
            f"{board.calls} numbers called meanwhile",
        ),
    ]
    return rows, {"tickets": tickets, "board": board}


def find_row(rows, size, variant) -> Row | None:
    return next((row for row in rows if row.size == size and row.variant == variant), None)


def evaluate_targets(rows: list[Row], overheads, options: Options, queue_runs: dict | None) -> list[Target]:
    sizes = sorted({row.size for row in rows if row.scenario == "2. Service list"})
    targets = []
    for size in sizes:
        warm = find_row(rows, size, "GraphQL, warm cache")
        floor = find_row(rows, size, "floor: Django JSON view")
        rest = find_row(rows, size, "Wagtail REST API v2")
        if warm and floor and rest:
            ratio = warm.p50_ms / floor.p50_ms
            targets.append(
                Target(
                    f"{size} services: warm GraphQL p50 ≤ {WARM_TO_FLOOR_MAX_RATIO}× floor and below Wagtail REST",
                    f"{warm.p50_ms:.2f} ms vs floor {floor.p50_ms:.2f} ms ({ratio:.2f}×), REST {rest.p50_ms:.2f} ms",
                    ratio <= WARM_TO_FLOOR_MAX_RATIO and warm.p50_ms < rest.p50_ms,
                )
            )

    smallest, largest = (min(sizes), max(sizes)) if sizes else (None, None)
    for variant in ("GraphQL, uncached", "rendered (no page cache)", "floor: Django JSON view"):
        low, high = find_row(rows, smallest, variant), find_row(rows, largest, variant)
        if low and high:
            targets.append(
                Target(
                    f"SQL queries per request constant from {smallest} to {largest} services ({variant})",
                    f"{low.queries_per_request:.1f} → {high.queries_per_request:.1f}",
                    low.queries_per_request == high.queries_per_request,
                )
            )

    low, high = find_row(rows, min(options.order_sizes), MY_ORDERS_VARIANT), find_row(rows, max(options.order_sizes), MY_ORDERS_VARIANT)
    if low and high:
        targets.append(
            Target(
                f"SQL queries per request constant from {low.size} to {high.size} orders ({MY_ORDERS_VARIANT})",
                f"{low.queries_per_request:.1f} → {high.queries_per_request:.1f}",
                low.queries_per_request == high.queries_per_request,
            )
        )
    if high and high.size >= UNCACHED_LIST_SIZE:
        targets.append(
            Target(
                f"Uncached {UNCACHED_LIST_SIZE}-item list of orders with items: server p50 < {UNCACHED_LIST_MAX_SERVER_MS} ms",
                f"{high.server_p50_ms:.2f} ms",
                high.server_p50_ms < UNCACHED_LIST_MAX_SERVER_MS,
            )
        )

    uncached = find_row(rows, smallest, "GraphQL, uncached")
    if uncached and smallest <= UNCACHED_LIST_SIZE:
        targets.append(
            Target(
                f"Uncached {smallest}-item service list: server p50 < {UNCACHED_LIST_MAX_SERVER_MS} ms",
                f"{uncached.server_p50_ms:.2f} ms",
                uncached.server_p50_ms < UNCACHED_LIST_MAX_SERVER_MS,
            )
        )

    for overhead in overheads:
        targets.append(
            Target(
                f"GraphQL parse + validate per request < {GRAPHQL_OVERHEAD_MAX_MS} ms ({overhead.document})",
                f"{overhead.cached_ms * 1000:.1f} µs cached, {overhead.uncached_ms * 1000:.0f} µs uncached",
                overhead.cached_ms < GRAPHQL_OVERHEAD_MAX_MS,
            )
        )

    if queue_runs is None:
        # Without the CRM fields (me, takeQueueNumber, callNextTicket, queueStatus) they cannot run.
        for description in ("Scenario 4: queue numbers unique and gap-free", f"Scenario 5: poll p95 < {POLL_P95_MAX_MS:g} ms"):
            targets.append(Target(description, "the schema has no CRM fields yet", None))
        return targets
    tickets, board = queue_runs["tickets"], queue_runs["board"]
    targets.append(
        Target(
            f"Scenario 4: queue numbers unique and gap-free with {options.queue_clients} clients",
            f"{tickets.taken} taken at {tickets.samples.requests_per_second:.1f}/s, {tickets.rejected} rejected, "
            f"unique {tickets.unique}, gap-free {tickets.gap_free}",
            tickets.unique and tickets.gap_free and tickets.rejected == 0 and tickets.taken > 0,
        )
    )
    targets.append(
        Target(
            f"Scenario 5: queueStatus poll p95 < {POLL_P95_MAX_MS:g} ms ({options.pollers} screens)",
            f"p95 {board.samples.p95:.1f} ms, p50 {board.samples.p50:.1f} ms, {board.calls} numbers called",
            board.samples.p95 < POLL_P95_MAX_MS,
        )
    )
    return targets


def measure(target, options: Options) -> Results:
    """Run every scenario against `target` on the configured database; return rows and checks."""
    from bench import overhead

    results = Results()
    with_crm = crm_api_available()
    if not with_crm:
        logger.warning("The schema has no CRM fields yet; scenarios 3 to 5 are skipped")
    results.rows += run_read_scenarios(target, options, with_crm=with_crm)
    queue_runs = None
    if with_crm:
        queue_rows, queue_runs = run_queue_scenarios(target, options)
        results.rows += queue_rows
    results.overheads = overhead.measure(options.overhead_iterations)
    results.targets = evaluate_targets(results.rows, results.overheads, options, queue_runs)
    if options.chart_path is not None:
        results.chart = draw_chart(results.rows, options.chart_path)
    return results


def profile_uncached_services(output_dir: Path, requests: int = 100, max_seconds: float = 20.0) -> Path:
    """Profile the uncached GraphQL service list in this process with pyinstrument."""
    from django.test import Client
    from pyinstrument import Profiler

    from bench.scenarios import BYPASS, SERVICES_QUERY

    client = Client()
    payload = {"query": SERVICES_QUERY}
    headers = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in BYPASS.items()}
    client.post("/graphql/", payload, content_type="application/json", **headers)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    deadline = time.monotonic() + max_seconds
    for _ in range(requests):
        client.post("/graphql/", payload, content_type="application/json", **headers)
        if time.monotonic() > deadline:
            break
    profiler.stop()
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / "profile-graphql-services-uncached.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return path


def write_outputs(results: Results, output_dir: Path, header: str) -> None:
    output_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "header": header,
        "rows": [row.as_dict() for row in results.rows],
        "targets": [target.__dict__ for target in results.targets],
        "overheads": [overhead.__dict__ for overhead in results.overheads],
    }
    (output_dir / "results.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    (output_dir / "results.md").write_text(
        markdown_table(results.rows) + "\n\n" + targets_text(results.targets) + "\n", encoding="utf-8"
    )


def machine_header(database_url: str) -> str:
    import platform

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres_version = cursor.fetchone()[0]
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    load_1, load_5, _load_15 = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {memory_kib / 1024 / 1024:.1f} GiB memory, Python {platform.python_version()}, "
        f"PostgreSQL {postgres_version}; load average at start {load_1:.2f} (1 min), {load_5:.2f} (5 min)"
    )


def parse_arguments(argv) -> tuple[argparse.Namespace, Options]:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="Comma-separated numbers of services (default 10,100,1000).")
    parser.add_argument(
        "--order-sizes", default="5,50,500", help="Orders of the scenario 3 customer at each size (default 5,50,500)."
    )
    parser.add_argument("--pollers", type=int, default=200, help="Waiting-room screens in scenario 5 (default 200).")
    parser.add_argument("--poll-seconds", type=float, default=20.0, help="Length of scenario 5 in seconds (default 20).")
    parser.add_argument("--seconds", type=float, default=3.0, help="Seconds per variant per round (default 3).")
    parser.add_argument("--rounds", type=int, default=3, help="Alternating rounds per scenario (default 3).")
    parser.add_argument("--clients", type=int, default=2, help="Concurrent clients of the read scenarios (default 2).")
    parser.add_argument("--max-requests", type=int, default=20_000, help="Maximum requests per variant per round (default 20000).")
    parser.add_argument("--port", type=int, default=8106, help="gunicorn port on 127.0.0.1 (default 8106).")
    parser.add_argument("--database", default="amaze_bench", help="PostgreSQL database to recreate (amaze_bench*).")
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT, help="Where results and the profile go.")
    parser.add_argument("--chart", type=Path, default=DEFAULT_CHART, help="Path of the latency chart PNG.")
    parser.add_argument("--no-profile", action="store_true", help="Skip the pyinstrument profile.")
    args = parser.parse_args(argv)
    if len(args.sizes.split(",")) != len(args.order_sizes.split(",")):
        parser.error("--sizes and --order-sizes need the same number of values.")
    options = Options(
        sizes=sorted(int(size) for size in args.sizes.split(",")),
        order_sizes=sorted(int(size) for size in args.order_sizes.split(",")),
        pollers=args.pollers,
        poll_seconds=args.poll_seconds,
        seconds=args.seconds,
        rounds=args.rounds,
        clients=args.clients,
        max_requests=args.max_requests,
        profile=not args.no_profile,
        output_dir=args.output_dir,
        chart_path=args.chart,
    )
    return args, options


def stop_on_sigterm(signal_number, frame):
    # Unwinds through the context managers, so gunicorn and a private Redis are stopped too.
    raise KeyboardInterrupt


def main(argv=None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    args, options = parse_arguments(argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)

    from bench import server
    from bench.load import HttpTarget

    media_root = tempfile.mkdtemp(prefix="amaze-bench-media-")
    try:
        with server.redis_url() as redis_url:
            database_url = server.recreate_database(args.database)
            env = {
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "DATABASE_URL": database_url,
                "SECRET_KEY": secrets.token_urlsafe(40),
                "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "AMAZE_BENCH": "1",
                "AMAZE_RESPONSE_CACHE": "1",
                "REDIS_URL": redis_url,
                "CACHE_KEY_PREFIX": f"{args.database}-{secrets.token_hex(4)}",
                "MEDIA_ROOT": media_root,
                "SESSION_COOKIE_SECURE": "0",
                "CSRF_COOKIE_SECURE": "0",
            }
            os.environ.update(env)
            import django

            django.setup()
            # One line per generated page and order would bury the harness's own progress.
            for name in ("wagtail", "crm"):
                logging.getLogger(name).setLevel(logging.WARNING)
            from django.core.management import call_command

            from bench import dataset

            logger.info("Migrating %s and seeding the demo clinic", args.database)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("collectstatic", verbosity=0, interactive=False)
            dataset.seed_demo()
            header = machine_header(database_url)

            with server.gunicorn(port=args.port, workers=2, env=env, log_path=options.output_dir / "gunicorn.log"):
                started = time.monotonic()
                results = measure(HttpTarget("127.0.0.1", args.port), options)
                logger.info("Measured in %.0f s", time.monotonic() - started)
    except server.SetupFailed as error:
        print(f"make bench: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(media_root, ignore_errors=True)

    write_outputs(results, options.output_dir, header)
    print()
    print(f"Machine: {header}")
    print(text_table(results.rows))
    print()
    print("GraphQL parse + validate, in-process (time.perf_counter):")
    for overhead in results.overheads:
        print(f"  {overhead.document}: {overhead.uncached_ms * 1000:.0f} µs uncached, {overhead.cached_ms * 1000:.1f} µs cached")
    print()
    print(targets_text(results.targets))
    if results.chart:
        print(f"\nChart: {results.chart}")
    print(f"Results: {options.output_dir / 'results.json'}")
    return 0

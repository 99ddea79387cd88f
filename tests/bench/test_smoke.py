"""A tiny run of the benchmark harness in this process: every scenario, the checks and the chart."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from bench.load import InProcessTarget, Samples
from bench.report import text_table
from bench.run import Options, measure
from bench.scenarios import read_scenarios

pytestmark = pytest.mark.django_db

SIZES = [13, 15]
ORDER_SIZES = [1, 3]


@pytest.fixture
def bench_mode():
    cache.clear()
    with override_settings(
        AMAZE_BENCH=True, AMAZE_RESPONSE_CACHE=True, ROOT_URLCONF="tests.bench.urls", WAGTAILAPI_LIMIT_MAX=None
    ):
        yield
    cache.clear()


def run_tiny(tmp_path):
    options = Options(
        sizes=SIZES,
        order_sizes=ORDER_SIZES,
        queue_clients=1,
        tickets_per_client=3,
        ticket_seconds=10,
        pollers=1,
        poll_interval=0.01,
        poll_seconds=0.2,
        call_interval=0.05,
        seconds=0.05,
        rounds=2,
        clients=1,
        max_requests=3,
        overhead_iterations=20,
        profile=False,
        output_dir=tmp_path,
        chart_path=tmp_path / "latency.png",
    )
    return measure(InProcessTarget(), options)


def rows_by_variant(results, size):
    return {row.variant: row for row in results.rows if row.size == size}


# One run for all checks: a run takes seconds (renditions, the chart), a test each would take a minute.
def test_tiny_run_measures_everything(bench_mode, tmp_path):
    results = run_tiny(tmp_path)
    expected = {variant.name for scenario in read_scenarios() for variant in scenario.variants}

    for size in SIZES:
        rows = rows_by_variant(results, size)
        assert set(rows) == expected
        for row in rows.values():
            assert row.requests > 0, row
            assert row.failures == 0, row
        assert rows["GraphQL, uncached"].queries_per_request > 0
        assert rows["floor: Django JSON view"].queries_per_request > 0

    largest = rows_by_variant(results, SIZES[-1])
    assert largest["GraphQL, warm cache"].cache_hit_percent == 100
    assert largest["full-page cache"].cache_hit_percent == 100
    assert largest["GraphQL, uncached"].cache_hit_percent == 0
    assert largest["rendered (no page cache)"].cache_hit_percent == 0
    assert largest["GraphQL, warm cache"].queries_per_request == 0

    for size in ORDER_SIZES:
        orders = rows_by_variant(results, size)
        assert orders["GraphQL me.orders (20)"].requests > 0
        assert orders["GraphQL me.orders (20)"].failures == 0
        assert orders["floor: Django JSON view (20)"].failures == 0
        assert orders["GraphQL me.orders (20)"].cache_hit_percent == 0

    tickets = next(row for row in results.rows if row.scenario == "4. Take queue number")
    assert tickets.requests == 3
    assert tickets.failures == 0
    assert "unique: yes, gap-free: yes" in tickets.note
    board = next(row for row in results.rows if row.scenario == "5. Waiting-room board")
    assert board.requests > 0
    assert board.failures == 0
    met = {target.description.split(":")[0]: target.met for target in results.targets}
    assert met["Scenario 4"] is True

    descriptions = " ".join(target.description for target in results.targets)
    assert "SQL queries per request constant" in descriptions
    assert "parse + validate" in descriptions
    assert "Wagtail REST API v2" in text_table(results.rows)
    assert all(overhead.cached_ms > 0 for overhead in results.overheads)

    assert results.chart is not None
    assert results.chart.read_bytes().startswith(b"\x89PNG")


def test_percentiles_of_samples():
    samples = Samples(latencies_ms=[float(value) for value in range(1, 101)], seconds=2.0)

    assert samples.p50 == pytest.approx(50.5, abs=0.5)
    assert samples.p95 == pytest.approx(95, abs=1)
    assert samples.requests_per_second == 50

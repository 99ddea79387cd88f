"""The benchmark's output: the table, the target checks, and the latency chart."""

import math
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Row:
    size: int | None  # services for scenarios 1 and 2, the customer's orders for scenario 3
    scenario: str
    variant: str
    requests: int
    failures: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    server_p50_ms: float
    queries_per_request: float
    cache_hit_percent: float
    note: str = ""

    @classmethod
    def from_samples(cls, size, scenario, variant, samples, note: str = "") -> "Row":
        hits = 100 * samples.cache_hits / samples.count if samples.count else 0.0
        return cls(
            size,
            scenario,
            variant,
            samples.count,
            samples.failures,
            samples.requests_per_second,
            samples.p50,
            samples.p95,
            samples.server_p50,
            samples.queries_per_request,
            hits,
            note,
        )

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Target:
    description: str
    measured: str
    met: bool | None  # None: not measurable yet


COLUMNS = [
    ("size", "size", 6),
    ("scenario", "scenario", 22),
    ("variant", "variant", 28),
    ("requests_per_second", "req/s", 8),
    ("p50_ms", "p50 ms", 8),
    ("p95_ms", "p95 ms", 8),
    ("server_p50_ms", "server p50", 10),
    ("queries_per_request", "SQL/req", 8),
    ("cache_hit_percent", "hits %", 7),
]


def format_value(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:.1f}" if value >= 100 else f"{value:.2f}"
    return str(value)


def text_table(rows: list[Row]) -> str:
    header = "  ".join(title.ljust(width) for _key, title, width in COLUMNS) + "  note"
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = [format_value(getattr(row, key)).ljust(width) for key, _title, width in COLUMNS]
        lines.append("  ".join(cells) + ("  " + row.note if row.note else ""))
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    titles = [title for _key, title, _width in COLUMNS] + ["note"]
    lines = ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
    for row in rows:
        cells = [format_value(getattr(row, key)) for key, _title, _width in COLUMNS] + [row.note]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets_text(targets: list[Target]) -> str:
    marks = {True: "met", False: "NOT MET", None: "not yet measurable"}
    return "\n".join(f"[{marks[target.met]}] {target.description}: {target.measured}" for target in targets)


SIZE_UNITS = {
    "1. Home page HTML": "services in the database",
    "2. Service list": "services in the database",
    "3. My orders with items": "orders of the customer (page of 20)",
}


def draw_chart(rows: list[Row], path: Path) -> Path | None:
    """Plot p50 latency against data-set size, one line per variant of the sized scenarios."""
    sized = [row for row in rows if row.size is not None and row.requests]
    if len({row.size for row in sized}) < 2:
        return None

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scenarios = list(dict.fromkeys(row.scenario for row in sized))
    figure, axes = plt.subplots(1, len(scenarios), figsize=(6 * len(scenarios), 4.5), squeeze=False)
    for axis, scenario in zip(axes[0], scenarios):
        for variant in dict.fromkeys(row.variant for row in sized if row.scenario == scenario):
            points = sorted((row.size, row.p50_ms) for row in sized if row.scenario == scenario and row.variant == variant)
            axis.plot([size for size, _ in points], [p50 for _, p50 in points], marker="o", label=variant)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(scenario)
        axis.set_xlabel(SIZE_UNITS.get(scenario, "data-set size"))
        axis.set_ylabel("p50 latency (ms, log scale)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    figure.suptitle("Latency against data-set size (gunicorn, 2 workers, PostgreSQL)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path

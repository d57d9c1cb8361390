"""The benchmark's figures, their verdicts against the targets of issue 7, and the table.

Every figure is kept as a number (for the .json that later runs are compared with) and
formatted only for the plain-text table.
"""

import json
import math
import platform
import subprocess
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

MEETS = "MEETS"
MISSES = "MISSES target"


def median(values: list[float]) -> float:
    return percentile(values, 50)


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile: a value that was measured, never one interpolated."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def p95(values: list[float]) -> float:
    return percentile(values, 95)


@dataclass(frozen=True)
class Target:
    """A ratio a figure must stay under (`at_most`) or reach, e.g. at most 3x the floor."""

    ratio: float
    at_most: bool = True

    def met_by(self, ratio: float) -> bool:
        return ratio <= self.ratio if self.at_most else ratio >= self.ratio

    def __str__(self) -> str:
        return f"{'<=' if self.at_most else '>='} {self.ratio:g}x"


@dataclass
class Row:
    """One measure of the table: a page, an import, a report or the load test.

    `median` and `p95` are in `unit` (ms for pages); `ratio` is the median against `basis`
    (the floor, the stock import, the HTML report, the floor's throughput), `ratio_p95` the
    p95 against the basis' p95.
    """

    measure: str
    unit: str
    median: float | None
    p95: float | None = None
    ratio: float | None = None
    ratio_p95: float | None = None
    basis: str = ""
    requests: int | None = None  # how many timed requests the median and p95 are of
    floor: float | None = None  # a page's: median ms of the floor timed in turn with it
    queries: int | None = None
    target: Target | None = None
    path: str = ""
    problem: str = ""  # a failure besides the ratio (errors under load)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        if self.problem or self.ratio is None or not self.target.met_by(self.ratio):
            return MISSES
        return MEETS

    def as_dict(self) -> dict:
        data = asdict(self)
        data["target"] = str(self.target) if self.target else None
        data["verdict"] = self.verdict
        return data


@dataclass
class Results:
    context: dict
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def misses(self) -> list[Row]:
        return [row for row in self.rows if row.verdict == MISSES]

    def as_dict(self) -> dict:
        return {
            "context": self.context,
            "rows": [row.as_dict() for row in self.rows],
            "notes": self.notes,
        }


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit in ("rows/s", "req/s"):
        text = f"{value:,.0f}"
    elif unit == "s":
        text = f"{value:.2f}"
    else:
        text = f"{value:.1f}"
    return f"{text} {unit}".strip()


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


COLUMNS = [
    "measure", "n", "median", "p95", "floor", "x median", "x p95", "x of", "queries", "target",
    "verdict",
]  # fmt: skip


def _cells(row: Row) -> list[str]:
    return [
        row.measure,
        "" if row.requests is None else str(row.requests),
        _number(row.median, row.unit),
        _number(row.p95, row.unit),
        "" if row.floor is None else _number(row.floor, row.unit),
        _ratio(row.ratio),
        _ratio(row.ratio_p95),
        row.basis if row.ratio is not None else "",
        "-" if row.queries is None else str(row.queries),
        str(row.target) if row.target else "",
        row.verdict,
    ]


def table(rows: list[Row]) -> str:
    lines = [COLUMNS, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    # Text left, figures right, so that the figures line up by their last digit.
    right = {1, 2, 3, 4, 5, 6, 8}

    def line(cells):
        return "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(lines[0]), rule, *(line(cells) for cells in lines[1:])])


def render(results: Results) -> str:
    context = results.context
    parts = [
        f"Portal benchmark  {context['started_at']}  commit {context['commit'] or 'unknown'}",
        "Database: "
        + ", ".join(f"{n:,} {name}" for name, n in context["counts"].items())
        + f"  ({context['database']})",
        f"Python {context['python']}, Django {context['django']}, {context['database_version']}",
        f"Settings: {context['settings']}",
    ]
    if context.get("method"):
        parts += textwrap.wrap(context["method"], width=100)
    parts += ["", table(results.rows)]
    paths = [row for row in results.rows if row.path]
    if paths:
        parts += ["", "Paths:"]
        parts += [f"  {row.measure}: {row.path}" for row in paths]
    if results.notes:
        parts += ["", *results.notes]
    parts.append("")
    misses = results.misses()
    judged = [row for row in results.rows if row.target]
    if misses:
        parts.append(f"TARGETS MISSED: {len(misses)} of {len(judged)}.")
        parts += [f"  {_miss_text(row)}" for row in misses]
    elif judged:
        parts.append(f"Every target met ({len(judged)}).")
    return "\n".join(parts) + "\n"


def _miss_text(row: Row) -> str:
    if row.problem:
        return f"{row.measure}: {row.problem}"
    if row.ratio is None:
        return f"{row.measure}: not measured (target {row.target})"
    return f"{row.measure}: {_ratio(row.ratio)} the {row.basis} (target {row.target})"


def save(results: Results, path: Path) -> tuple[Path, Path]:
    """Write the table to `path` and the figures beside it as .json; returns both paths."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results), encoding="utf-8")
    json_path = path.with_suffix(".json")
    json_path.write_text(
        json.dumps(results.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path, json_path


def default_path(started: datetime) -> Path:
    return Path(settings.BASE_DIR) / "bench-results" / f"bench-{started:%Y%m%d-%H%M%S}.txt"


def git_commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def database_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"{connection.vendor} {connection.Database.sqlite_version}"


def run_context(*, started: datetime) -> dict:
    """Where and on what the figures were measured, for the table's header."""
    from financing.models import BookkeepingVisit
    from ikm.models import BusinessGroup, Member, Product

    storage = settings.STORAGES["staticfiles"]["BACKEND"].rsplit(".", 1)[-1]
    return {
        "started_at": started.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": git_commit(),
        "database": connection.settings_dict["NAME"],
        "counts": {
            "groups": BusinessGroup.objects.count(),
            "members": Member.objects.count(),
            "products": Product.objects.count(),
            "visits": BookkeepingVisit.objects.count(),
        },
        "python": platform.python_version(),
        "django": django.get_version(),
        "database_version": database_version(),
        "settings": f"{settings.SETTINGS_MODULE}, DEBUG {'on' if settings.DEBUG else 'off'}, "
        f"static files {storage}",
    }

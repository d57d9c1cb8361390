"""The benchmark runner (manage.py bench): statistics, verdicts, the table, and one short run
of its pages, report and imports on the demo city. Nothing here is timed or asserted fast.
"""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ikm.models import BusinessGroup, ImportJob
from portal.bench import guard, imports, pages, report
from portal.bench.report import MEETS, MISSES, Results, Row, Target
from portal.management.commands.bench import load_note, load_rows

# Statistics


def test_median_and_p95_are_values_that_were_measured():
    values = [float(n) for n in range(1, 101)]  # 1 … 100, shuffled below
    values = values[50:] + values[:50]
    assert report.median(values) == 50
    assert report.p95(values) == 95
    assert report.p95([3.0, 1.0, 2.0]) == 3
    assert report.median([7.0]) == report.p95([7.0]) == 7


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        report.median([])


# Verdicts


@pytest.mark.parametrize(
    ("target", "ratio", "verdict"),
    [
        (Target(3), 2.9, MEETS),
        (Target(3), 3.0, MEETS),
        (Target(3), 3.01, MISSES),
        (Target(6), 5.5, MEETS),
        (Target(10, at_most=False), 12.0, MEETS),
        (Target(10, at_most=False), 9.9, MISSES),
        (None, 40.0, ""),
    ],
)
def test_a_row_meets_or_misses_its_target(target, ratio, verdict):
    assert Row("page", "ms", 10.0, ratio=ratio, target=target).verdict == verdict


def test_a_row_with_a_target_but_no_ratio_misses_it():
    assert Row("page", "ms", 10.0, target=Target(3)).verdict == MISSES


def test_errors_under_load_miss_the_target_whatever_the_throughput():
    clean = load_rows({"pages_rps": 900.0, "floor_rps": 1000.0, "errors": 0, "ratio": 0.9})
    assert [row.verdict for row in clean] == [MEETS, ""]
    failing = load_rows({"pages_rps": 900.0, "floor_rps": 1000.0, "errors": 12, "ratio": 0.9})
    assert failing[0].verdict == MISSES
    assert "12 errors" in failing[0].problem
    slow = load_rows({"pages_rps": 400.0, "floor_rps": 1000.0, "errors": 0, "ratio": 0.4})
    assert slow[0].verdict == MISSES


# The table and its files


def _results() -> Results:
    return Results(
        context={
            "started_at": "2026-01-05 10:00:00",
            "commit": "abc1234",
            "database": "portal_bench",
            "counts": {"groups": 100_000, "members": 500_000},
            "python": "3.11.2",
            "django": "5.2",
            "database_version": "PostgreSQL 16.1",
            "settings": "portal.bench.settings, DEBUG off",
        },
        rows=[
            Row("floor", "ms", 2.0, 3.0, ratio=1.0, ratio_p95=1.0, basis="floor", queries=1),
            Row(
                "home",
                "ms",
                5.0,
                7.5,
                floor=2.0,
                ratio=2.5,
                ratio_p95=2.5,
                basis="floor",
                queries=6,
                target=Target(3),
                path="/",
            ),
            Row(
                "directory q=kopi",
                "ms",
                9.0,
                12.0,
                ratio=4.5,
                ratio_p95=4.0,
                basis="floor",
                queries=8,
                target=Target(3),
                path="/umkm/?q=kopi",
            ),
            Row(
                "import 10,000 groups: portal",
                "rows/s",
                2500.0,
                ratio=12.5,
                basis="stock",
                target=Target(10, at_most=False),
            ),
        ],  # fmt: skip
        notes=["Load test: skipped (--skip-load)."],
    )


def test_the_table_shows_every_figure_and_says_plainly_what_missed():
    text = report.render(_results())
    lines = text.splitlines()
    assert "commit abc1234" in lines[0]
    assert "100,000 groups, 500,000 members" in text
    header = next(line for line in lines if line.startswith("measure"))
    for column in (
        "median", "p95", "floor", "x median", "x p95", "queries", "target", "verdict"
    ):  # fmt: skip
        assert column in header
    home = next(line for line in lines if line.startswith("home"))
    # median, p95, the floor beside it, the ratio
    assert home.split()[1:8] == ["5.0", "ms", "7.5", "ms", "2.0", "ms", "2.50x"]
    assert "<= 3x" in home and home.endswith(MEETS)
    directory = next(line for line in lines if line.startswith("directory"))
    assert directory.endswith(MISSES)
    assert "2,500 rows/s" in text and ">= 10x" in text
    assert "  directory q=kopi: /umkm/?q=kopi" in lines
    assert "Load test: skipped (--skip-load)." in lines
    assert "TARGETS MISSED: 1 of 3." in lines
    assert "  directory q=kopi: 4.50x the floor (target <= 3x)" in lines


def test_every_target_met_is_said_too():
    results = _results()
    results.rows = results.rows[:2]
    assert "Every target met (1)." in report.render(results)


def test_the_table_and_its_figures_are_saved_side_by_side(tmp_path):
    text_path, json_path = report.save(_results(), tmp_path / "runs" / "bench-1.txt")
    assert text_path.read_text(encoding="utf-8") == report.render(_results())
    assert json_path == tmp_path / "runs" / "bench-1.json"
    saved = json.loads(json_path.read_text(encoding="utf-8"))
    assert saved["context"]["commit"] == "abc1234"
    home = saved["rows"][1]
    assert home["median"] == 5.0 and home["queries"] == 6
    assert home["target"] == "<= 3x" and home["verdict"] == MEETS


def test_results_are_saved_under_bench_results_by_start_time(settings):
    from datetime import datetime

    path = report.default_path(datetime(2026, 1, 5, 9, 8, 7))
    assert path == settings.BASE_DIR / "bench-results" / "bench-20260105-090807.txt"


# Where the bench may run


def test_the_bench_refuses_other_settings(db):
    with pytest.raises(CommandError, match="DJANGO_SETTINGS_MODULE=portal.bench.settings"):
        call_command("bench")


def test_the_bench_refuses_a_database_not_marked_for_it(db, settings, monkeypatch):
    settings.SETTINGS_MODULE = guard.BENCH_SETTINGS
    monkeypatch.setattr(guard, "is_bench_database", lambda: False)
    with pytest.raises(CommandError, match="not a benchmark database"):
        call_command("bench")


def test_the_test_database_is_no_benchmark_database(db):
    assert guard.is_bench_database() is False
    assert "not a benchmark database" in _refusal_with_bench_settings()


def _refusal_with_bench_settings() -> str:
    from django.test import override_settings

    with override_settings(SETTINGS_MODULE=guard.BENCH_SETTINGS):
        return guard.refusal()


# One short run on the demo city


@pytest.fixture
def bench_settings(settings):
    settings.ROOT_URLCONF = "portal.bench.urls"
    settings.DEBUG = True  # the demo city loads only with DEBUG on
    return settings


@pytest.mark.django_db
@pytest.mark.usefixtures("shared_demo", "bench_settings")
class TestOneShortRunOnTheDemo:
    def test_every_page_answers_and_has_a_query_count(self):
        subjects = pages.subjects_pick()
        assert subjects.mentor_groups > 0
        assert 0 < subjects.rare_word_groups < pages.RARE_BELOW
        rows = pages.measure_pages(subjects, requests=2, warmups=0)
        assert [row.measure for row in rows][:2] == ["floor (1 query, tiny template)", "home"]
        assert len(rows) == 1 + len(pages.pages(subjects)) == 14
        for row in rows:
            assert row.median > 0 and row.p95 >= row.median, row
            assert row.queries and row.queries > 0, row
            assert row.ratio is not None and row.verdict in (MEETS, MISSES, "")
        assert rows[0].queries == 1
        # Each page's ratio is to the floor timed in turn with it (drift moves both alike).
        assert rows[0].floor is None
        for row in rows[1:]:
            assert row.floor > 0 and row.ratio == pytest.approx(row.median / row.floor), row
        targets = {row.measure.split(" ")[0]: row.target for row in rows[1:]}
        assert targets["home"] == pages.PUBLIC and targets["mentor:"] == pages.PUBLIC
        assert targets["dashboard,"] == pages.STAFF and targets["admin:"] == pages.STAFF

    def test_a_page_that_does_not_answer_200_stops_the_bench(self, client):
        with pytest.raises(pages.BenchError, match="answered 404"):
            pages.time_requests(client, "/umkm/no-such-group/", requests=1, warmups=0)

    def test_a_slow_page_stops_after_a_few_requests_once_its_time_is_spent(self, client):
        path = reverse("home")
        timing = pages.time_requests(client, path, requests=50, warmups=3, budget=1e-9)
        assert len(timing.times) == pages.MIN_REQUESTS
        assert timing.queries > 0
        full = pages.time_requests(client, path, requests=7, warmups=0, budget=None)
        assert len(full.times) == 7

    def test_with_a_cold_cache_every_timed_request_builds_the_page_again(self, client):
        path = reverse("ikm:directory") + "?q=kopi"
        warm = pages.time_requests(client, path, requests=2, warmups=2)
        cold = pages.time_requests(
            client, path, requests=2, warmups=2, before_each=pages.cache_stale
        )
        assert cold.queries > warm.queries

    def test_first_visits_ask_a_page_nobody_asked_before(self, client):
        subjects = pages.subjects_pick()
        first_visits = [page for page in pages.pages(subjects) if page.paths]
        assert [page.measure.split(",")[0] for page in first_visits] == [
            "group profile",
            "kelurahan page",
            "directory word + 2 filters",
        ]
        for page in first_visits:
            assert len(set(page.paths)) == len(page.paths) > 1, page.measure
            assert page.target == pages.PUBLIC
        profiles = first_visits[0].paths
        kept = pages.time_requests(client, profiles[0], requests=3, warmups=2)
        built = pages.time_requests(client, profiles[1:], requests=3, warmups=2)
        # A kept page is one cache read; each first visit builds its page.
        assert kept.queries == 1 < built.queries
        # Also when a run before this one (on the same database) kept those pages.
        again = pages.time_requests(client, profiles[1:], requests=3, warmups=2)
        assert again.queries == built.queries

    def test_the_bench_dinas_account_is_made_once_with_the_admin_role(self):
        first = pages.dinas_user()
        assert pages.dinas_user() == first
        assert first.is_staff and first.groups.get().name == "Admin Dinas"

    def test_the_evaluation_report_is_timed_as_pdf_and_html(self):
        subjects = pages.subjects_pick()
        html, pdf = pages.measure_evaluation_report(subjects, repeats=1)
        assert html.unit == pdf.unit == "s"
        assert pdf.ratio == pytest.approx(pdf.median / html.median)
        assert html.queries > 0 and pdf.queries > 0

    def test_both_imports_read_the_same_file_and_leave_nothing_behind(self, settings):
        groups, jobs = BusinessGroup.objects.count(), ImportJob.objects.count()
        user = pages.dinas_user()
        rows, notes = imports.measure_imports(rows=20, label="uji", user=user)
        portal, stock = rows
        assert portal.unit == stock.unit == "rows/s"
        assert portal.ratio == pytest.approx(portal.median / stock.median)
        assert portal.target == imports.IMPORT_TARGET
        assert "both rolled back" in notes[0]
        assert BusinessGroup.objects.count() == groups
        assert ImportJob.objects.count() == jobs
        assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("bench-kelompok*"))

    def test_the_command_prints_and_saves_one_table(self, settings, monkeypatch, tmp_path):
        settings.SETTINGS_MODULE = guard.BENCH_SETTINGS
        monkeypatch.setattr(guard, "is_bench_database", lambda: True)
        from io import StringIO

        out = StringIO()
        call_command(
            "bench",
            requests=2,
            warmups=0,
            skip_load=True,
            skip_pdf=True,
            import_rows=10,
            output=tmp_path / "bench.txt",
            stdout=out,
            stderr=StringIO(),
        )
        printed = out.getvalue()
        assert printed.startswith("Portal benchmark")
        assert "import 10 groups: portal" in printed
        assert "Load test: skipped (--skip-load)." in printed
        assert f"Saved to {tmp_path / 'bench.txt'} and bench.json." in printed
        assert (tmp_path / "bench.txt").read_text(encoding="utf-8") in printed
        saved = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
        assert len(saved["rows"]) == 14 + 2


def test_the_load_note_gives_latencies_and_errors_of_both_runs():
    note = load_note(
        {
            "connections": 50,
            "workers": 4,
            "seconds": 60,
            "errors": 0,
            "floor_errors": 2,
            "pages_latency_ms": {"p50": 12.5, "p99": 80.0},
            "floor_latency_ms": {"p50": 3.0, "p99": 9.0},
        }
    )
    assert note == (
        "Load: 50 connections, 4 gunicorn workers, 60 s per run; public pages p50 12.5 ms, "
        "p99 80.0 ms, 0 errors; floor p50 3.0 ms, p99 9.0 ms, 2 errors."
    )


def test_a_load_test_that_could_not_run_is_a_plain_miss(monkeypatch):
    import types

    from portal.management.commands import bench

    class LoadError(RuntimeError):
        pass

    def run_load(**kwargs):
        raise LoadError("wrk not found: apt-get install wrk")

    fake = types.SimpleNamespace(LoadError=LoadError, run_load=run_load)
    monkeypatch.setattr(bench.importlib, "import_module", lambda name: fake)
    monkeypatch.setattr(bench.pages, "pages", lambda subjects: [])
    monkeypatch.setattr(bench.pages, "floor_path", lambda subjects: "/bench/floor/1/")
    results = _results()
    results.rows = []
    options = {"load_seconds": 1, "load_connections": 1}
    bench.Command()._load(results, subjects=None, options=options)
    (row,) = results.rows
    assert row.verdict == MISSES and "wrk not found" in row.problem
    assert "  load: public pages: wrk not found: apt-get install wrk" in report.render(results)

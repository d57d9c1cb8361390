"""The load test's runner: wrk's output as this machine prints it, the verdict, one real run.

The samples are wrk 4.1 (Debian) output captured against gunicorn with portal/bench/wrk_mix.lua
on a 2-core machine: the page mix, the floor, 404s, timeouts, a server killed mid-run.
"""

# The samples are wrk's output verbatim, with the script's one-line JSON summary.
# ruff: noqa: E501

import os
import shutil
from urllib.parse import quote

import pytest
from django.db import connection

from portal.bench import load
from portal.bench.load import LoadError, load_result, parse_summary, parse_wrk, verdict

MIX = """\
Running 2s test @ http://127.0.0.1:18731
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   363.88ms   90.10ms 524.58ms   68.42%
    Req/Sec     5.31      2.50     9.00     68.75%
  Latency Distribution
     50%  344.88ms
     75%  412.04ms
     90%  514.68ms
     99%  524.58ms
  19 requests in 2.10s, 199.10KB read
Requests/sec:      9.04
Transfer/sec:     94.78KB
WRK_SUMMARY {"duration_us":2100662,"requests":19,"bytes":203880,"latency_us":{"p50":344881,"p99":524582,"max":524582},"errors":{"connect":0,"read":0,"write":0,"timeout":0,"status":0},"statuses":{"200":19},"sent":{"/":8,"/umkm/":8,"/umkm/?q=kopi":8}}
"""

FLOOR = """\
Running 5s test @ http://127.0.0.1:18731
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   108.93ms  131.55ms 746.31ms   90.81%
    Req/Sec   363.28     64.79   464.00     82.76%
  Latency Distribution
     50%   68.28ms
     75%   73.27ms
     90%  183.71ms
     99%  700.90ms
  3221 requests in 5.03s, 2.56MB read
Requests/sec:    639.85
Transfer/sec:    520.51KB
WRK_SUMMARY {"duration_us":5033970,"requests":3221,"bytes":2683093,"latency_us":{"p50":68280,"p99":700902,"max":746308},"errors":{"connect":0,"read":0,"write":0,"timeout":0,"status":0},"statuses":{"200":3221},"sent":{"/bench/floor/4/":3271}}
"""

SLOW_PAGES = """\
Running 6s test @ http://127.0.0.1:18731
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.57s     1.08s    3.86s    70.11%
    Req/Sec    13.49      7.46    30.00     78.43%
  Latency Distribution
     50%    3.16s
     75%    3.44s
     90%    3.60s
     99%    3.86s
  87 requests in 6.08s, 720.52KB read
Requests/sec:     14.30
Transfer/sec:    118.44KB
WRK_SUMMARY {"duration_us":6083647,"requests":87,"bytes":737814,"latency_us":{"p50":3164298,"p99":3861165,"max":3861165},"errors":{"connect":0,"read":0,"write":0,"timeout":0,"status":0},"statuses":{"200":87},"sent":{"/":28,"/kelurahan/72.71.01.1004/":27,"/umkm/":28,"/umkm/?q=kopi":28,"/umkm/ikm-abon-ikan-pantoloan/":27}}
"""

NOT_FOUND = """\
Running 2s test @ http://127.0.0.1:18731
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    53.21ms   35.47ms 256.73ms   80.66%
    Req/Sec    40.82     14.12    68.00     73.68%
  Latency Distribution
     50%   50.52ms
     75%   63.33ms
     90%   86.77ms
     99%  205.51ms
  166 requests in 2.10s, 368.14KB read
  Non-2xx or 3xx responses: 111
Requests/sec:     79.05
Transfer/sec:    175.30KB
WRK_SUMMARY {"duration_us":2100047,"requests":166,"bytes":376974,"latency_us":{"p50":50517,"p99":205515,"max":256735},"errors":{"connect":0,"read":0,"write":0,"timeout":0,"status":111},"statuses":{"200":55,"404":111},"sent":{"/bench/floor/4/":56,"/bench/floor/999999/":56,"/umkm/tidak-ada/":56}}
"""

NOT_FOUND_WITHOUT_SCRIPT = """\
Running 2s test @ http://127.0.0.1:18731/bench/floor/999999/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    42.16ms   16.17ms  89.79ms   66.16%
    Req/Sec    46.80     12.48    86.00     75.00%
  Latency Distribution
     50%   43.57ms
     75%   52.80ms
     90%   62.49ms
     99%   82.12ms
  197 requests in 2.10s, 573.30KB read
  Non-2xx or 3xx responses: 197
Requests/sec:     93.78
Transfer/sec:    272.92KB
"""

TIMEOUTS = """\
Running 4s test @ http://127.0.0.1:18731
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   563.43ms   27.31ms 588.39ms   80.00%
    Req/Sec    12.75     13.71    39.00     75.00%
  Latency Distribution
     50%  573.55ms
     75%  579.25ms
     90%  588.39ms
     99%  588.39ms
  35 requests in 4.06s, 578.59KB read
  Socket errors: connect 0, read 0, write 0, timeout 30
Requests/sec:      8.62
Transfer/sec:    142.53KB
WRK_SUMMARY {"duration_us":4059430,"requests":35,"bytes":592480,"latency_us":{"p50":573548,"p99":588394,"max":588394},"errors":{"connect":0,"read":0,"write":0,"timeout":30,"status":0},"statuses":{"200":35},"sent":{"/umkm/":86}}
"""

SERVER_KILLED = """\
Running 4s test @ http://127.0.0.1:18731
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   101.52ms  151.28ms   1.20s    92.35%
    Req/Sec    46.11     36.86   160.00     81.58%
  Latency Distribution
     50%   65.49ms
     75%   92.93ms
     90%  176.91ms
     99%    1.01s
  177 requests in 4.09s, 143.99KB read
  Socket errors: connect 0, read 11, write 35492, timeout 0
Requests/sec:     43.30
Transfer/sec:     35.22KB
WRK_SUMMARY {"duration_us":4088182,"requests":177,"bytes":147441,"latency_us":{"p50":65485,"p99":1011836,"max":1197662},"errors":{"connect":0,"read":11,"write":35492,"timeout":0,"status":0},"statuses":{"200":177},"sent":{"/bench/floor/4/":35681}}
"""

NOTHING_ANSWERED = """\
Running 2s test @ http://127.0.0.1:18731
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.04s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
WRK_SUMMARY {"duration_us":2035508,"requests":0,"bytes":0,"latency_us":{"p50":0,"p99":0,"max":0},"errors":{"connect":0,"read":0,"write":0,"timeout":0,"status":0},"statuses":{},"sent":{"/":1,"/umkm/":2,"/umkm/?q=kopi":2}}
"""


def test_page_mix():
    run = parse_wrk(MIX)

    assert run["rps"] == 9.04
    assert run["requests"] == 19
    assert run["latency_ms"] == {"p50": 344.88, "p99": 524.58}
    assert run["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert run["statuses"] == {"200": 19}
    assert run["non_2xx"] == 0
    assert run["errors"] == 0


def test_latency_in_seconds_becomes_milliseconds():
    run = parse_wrk(SLOW_PAGES)

    assert run["latency_ms"] == {"p50": 3160.0, "p99": 3860.0}
    assert run["rps"] == 14.3


def test_latency_with_trailing_blank():
    """wrk pads a unit of one letter ("3.86s ") to the width of two."""
    assert parse_wrk(SLOW_PAGES.replace("3.86s\n", "3.86s \n"))["latency_ms"]["p99"] == 3860.0


def test_microseconds():
    run = parse_wrk(NOTHING_ANSWERED)

    assert run["rps"] == 0.0
    assert run["requests"] == 0
    assert run["latency_ms"] == {"p50": 0.0, "p99": 0.0}


def test_error_statuses_from_the_script_summary():
    run = parse_wrk(NOT_FOUND)

    assert run["statuses"] == {"200": 55, "404": 111}
    assert run["non_2xx"] == 111
    assert run["errors"] == 111


def test_error_statuses_without_the_script():
    run = parse_wrk(NOT_FOUND_WITHOUT_SCRIPT)

    assert run["statuses"] == {}
    assert run["non_2xx"] == 197
    assert run["errors"] == 197


def test_redirects_count_as_errors():
    """wrk's own line counts only statuses above 399; a page that redirects is not measured."""
    output = MIX.replace('"statuses":{"200":19}', '"statuses":{"200":15,"302":4}')

    assert parse_wrk(output)["non_2xx"] == 4


def test_timeouts_are_socket_errors():
    run = parse_wrk(TIMEOUTS)

    assert run["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 30}
    assert run["errors"] == 30


def test_read_and_write_errors():
    run = parse_wrk(SERVER_KILLED)

    assert run["socket_errors"] == {"connect": 0, "read": 11, "write": 35492, "timeout": 0}
    assert run["errors"] == 11 + 35492


def test_summary_line():
    summary = parse_summary(MIX)

    assert summary["sent"] == {"/": 8, "/umkm/": 8, "/umkm/?q=kopi": 8}
    assert summary["latency_us"]["p50"] == 344881
    assert parse_summary(NOT_FOUND_WITHOUT_SCRIPT) == {}


def test_output_without_figures():
    with pytest.raises(LoadError, match="Requests/sec"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(
    ("ratio", "errors", "floor_errors", "expected"),
    [
        (0.5, 0, 0, "MEETS"),
        (1.2, 0, 0, "MEETS"),
        (0.499, 0, 0, "MISSES"),
        (0.9, 1, 0, "MISSES"),
        (0.9, 0, 3, "MISSES"),
        (0.0, 0, 0, "MISSES"),
    ],
)
def test_verdict(ratio, errors, floor_errors, expected):
    assert verdict(ratio=ratio, errors=errors, floor_errors=floor_errors) == expected


def test_result():
    result = load_result(
        parse_wrk(SLOW_PAGES),
        parse_wrk(FLOOR),
        seconds=6,
        connections=50,
        workers=5,
        path_statuses={"/umkm/": 200},
    )

    assert result["pages_rps"] == 14.3
    assert result["floor_rps"] == 639.85
    assert result["ratio"] == 0.022
    assert result["errors"] == 0
    assert result["floor_errors"] == 0
    assert result["pages_latency_ms"] == {"p50": 3160.0, "p99": 3860.0}
    assert result["floor_latency_ms"] == {"p50": 68.28, "p99": 700.9}
    assert (result["seconds"], result["connections"], result["workers"]) == (6, 50, 5)
    assert result["path_statuses"] == {"/umkm/": 200}
    assert result["verdict"] == "MISSES"


def test_result_when_the_floor_served_nothing():
    result = load_result(
        parse_wrk(MIX), parse_wrk(NOTHING_ANSWERED), seconds=2, connections=4, workers=5
    )

    assert result["ratio"] == 0.0
    assert result["verdict"] == "MISSES"


def test_pages_with_errors_miss():
    result = load_result(
        parse_wrk(NOT_FOUND), parse_wrk(FLOOR), seconds=2, connections=4, workers=5
    )

    assert result["errors"] == 111
    assert result["verdict"] == "MISSES"


def test_wrk_missing(monkeypatch):
    monkeypatch.setattr(load.shutil, "which", lambda name: None)

    with pytest.raises(LoadError, match="wrk not found: apt-get install wrk"):
        load.run_load(["/"], "/bench/floor/1/", seconds=1)


def test_gunicorn_not_starting(monkeypatch):
    """The portal refuses to start without a secret key; the error shows gunicorn's log."""
    monkeypatch.setattr(load.shutil, "which", lambda name: "/usr/bin/wrk")
    monkeypatch.setenv("SECRET_KEY", "")

    with pytest.raises(LoadError, match="gunicorn did not start") as raised:
        load.run_load(["/"], "/bench/floor/1/", seconds=1, workers=1)
    assert "SECRET_KEY must be set" in str(raised.value)


def _database_url() -> str:
    database = connection.settings_dict
    credentials = f"{quote(database['USER'], safe='')}:{quote(database['PASSWORD'], safe='')}"
    address = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{database['NAME']}"


@pytest.mark.postgres
@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_short_real_run(django_db_setup, monkeypatch):
    """gunicorn on the test database, 2 s per run, on pages that need neither data (a server
    process sees no test transaction) nor collected static files: what is tested is the
    runner, not the pages. Not a django_db test: nothing is written, nothing to flush."""
    monkeypatch.setenv("DATABASE_URL", _database_url())
    monkeypatch.setenv("SECRET_KEY", os.environ.get("SECRET_KEY") or "load-test-only-" * 4)

    result = load.run_load(
        ["/robots.txt", "/sitemap.xml"],
        "/healthz",
        seconds=2,
        connections=4,
        workers=2,
        warm_up_seconds=1,
    )

    assert result["path_statuses"] == {"/robots.txt": 200, "/sitemap.xml": 200}
    assert result["errors"] == 0
    assert result["floor_errors"] == 0
    assert result["pages_rps"] > 0
    assert result["floor_rps"] > 0
    assert result["pages_statuses"] == {"200": result["pages_requests"]}
    assert (result["seconds"], result["connections"], result["workers"]) == (2, 4, 2)

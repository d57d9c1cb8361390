"""Throughput under load: gunicorn on loopback, wrk against the public pages, then the floor.

`run_load` starts gunicorn with the benchmark settings on a free loopback port, checks that
every path answers, and runs wrk twice from a second process with the same connections,
threads and duration: once cycling through the public pages (wrk_mix.lua), once on the floor
view alone (the same script, so both runs pay the same client-side cost). Each run follows a
short warm-up that is not counted. The public pages meet the target when they answer without
a single error at no less than half the floor's throughput.

The parsing of wrk's output is kept in small pure functions, tested on captured output.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import gunicorn.config

ROOT = Path(__file__).resolve().parents[2]
WRK_SCRIPT = Path(__file__).with_name("wrk_mix.lua")
TARGET_RATIO = 0.5
# Threads per gunicorn worker process (see default_workers).
THREADS = 4
WRK_THREADS = 2
# wrk leaves a request slower than its timeout out of the latency figures (it counts it as a
# socket error instead); its default of 2 s would hide exactly the slow tail p99 is about.
WRK_TIMEOUT = "10s"
WARM_UP_SECONDS = 3
START_SECONDS = 30
STOP_SECONDS = 10
SUMMARY_PREFIX = "WRK_SUMMARY "

TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
REQUESTS_DONE = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
PERCENTILE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)
NON_2XX_3XX = re.compile(r"^\s*Non-2xx or 3xx responses: (\d+)", re.MULTILINE)


class LoadError(RuntimeError):
    """The load test could not run: wrk missing, gunicorn not starting, a path not answering."""


def run_load(
    public_paths: list[str],
    floor_path: str,
    seconds: int = 60,
    connections: int = 50,
    workers: int | None = None,
    *,
    warm_up_seconds: int = WARM_UP_SECONDS,
) -> dict[str, Any]:
    """Throughput of the public pages against the floor view, on a gunicorn of its own.

    The server reads the caller's environment (DATABASE_URL, SECRET_KEY, STATIC_ROOT…) with
    DJANGO_SETTINGS_MODULE=portal.bench.settings and DEBUG off; static files must have been
    collected, as on a server. Raises LoadError when wrk is missing, when gunicorn does not
    start, or when the floor path does not answer 200.
    """
    if not public_paths:
        raise ValueError("run_load needs at least one public path.")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise LoadError("wrk not found: apt-get install wrk")
    workers = workers or default_workers()
    port = _free_port()
    with _gunicorn(port, workers) as server:
        _wait_until_answering(server, port, floor_path)
        path_statuses = {path: _status(port, path) for path in public_paths}
        floor_status = _status(port, floor_path)
        if floor_status != 200:
            raise LoadError(f"The floor view {floor_path} answered {floor_status}, not 200.")
        runs = {}
        for name, paths in (("pages", public_paths), ("floor", [floor_path])):
            if warm_up_seconds:
                _wrk(wrk, port, paths, seconds=warm_up_seconds, connections=connections)
            runs[name] = parse_wrk(_wrk(wrk, port, paths, seconds=seconds, connections=connections))
    return load_result(
        runs["pages"],
        runs["floor"],
        seconds=seconds,
        connections=connections,
        workers=workers,
        path_statuses=path_statuses,
    )


def default_workers() -> int:
    """Processes of gthread workers: cores + 1 (3 on a 2-core machine), THREADS each.

    Measured on this project's 2-core machine, 50 connections, demo data, sync workers
    (2 × cores + 1 = 5, gunicorn's own advice) against gthread: on a quiet machine both
    served the page mix alike (5 sync 54 req/s, 3 × 4 gthread 57, 5 × 2 gthread 56: the
    pages render templates in Python, threads queue behind the GIL); on a busy one, with
    PostgreSQL answering slowly, 3 × 4 gthread served 10–25 req/s where 5 sync served 4–13,
    in each of 7 alternating rounds (pages/floor 0.046–0.108 against 0.032–0.055).
    A thread waiting on a query leaves the GIL to a thread that renders, and keep-alive
    spares a connection per request. More threads did worse (5 × 4: timeouts; 2 × 4 too
    few processes for two cores and a database).
    """
    return (os.cpu_count() or 1) + 1


def parse_wrk(output: str) -> dict[str, Any]:
    """The figures of one wrk run from its printed output (run with --latency).

    `non_2xx` counts every response outside 200–299 when wrk_mix.lua's summary line is
    there (wrk's own "Non-2xx or 3xx" line counts only statuses above 399).
    """
    rate = REQUESTS_PER_SECOND.search(output)
    if rate is None:
        raise LoadError(f"wrk's output has no Requests/sec line:\n{output[-2000:]}")
    done = REQUESTS_DONE.search(output)
    latency = {
        f"p{percent}": round(float(value) * TIME_UNITS_MS[unit], 3)
        for percent, value, unit in PERCENTILE.findall(output)
    }
    socket_match = SOCKET_ERRORS.search(output)
    socket_errors = dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    if socket_match:
        socket_errors = dict(zip(socket_errors, map(int, socket_match.groups()), strict=True))
    summary = parse_summary(output)
    statuses = summary.get("statuses", {})
    if summary:
        non_2xx = sum(count for status, count in statuses.items() if not status.startswith("2"))
    else:
        non_2xx_match = NON_2XX_3XX.search(output)
        non_2xx = int(non_2xx_match.group(1)) if non_2xx_match else 0
    return {
        "rps": float(rate.group(1)),
        "requests": int(done.group(1)) if done else 0,
        "latency_ms": {"p50": latency.get("p50"), "p99": latency.get("p99")},
        "socket_errors": socket_errors,
        "non_2xx": non_2xx,
        "statuses": statuses,
        "errors": sum(socket_errors.values()) + non_2xx,
    }


def parse_summary(output: str) -> dict[str, Any]:
    """wrk_mix.lua's JSON summary line, or {} when the output has none."""
    for line in output.splitlines():
        if line.startswith(SUMMARY_PREFIX):
            return json.loads(line.removeprefix(SUMMARY_PREFIX))
    return {}


def verdict(*, ratio: float, errors: int, floor_errors: int = 0) -> str:
    """MEETS with no error in either run and the pages at least half the floor's rate.

    An error on the floor run counts too: the server failed under load, and the ratio's
    basis is not to be trusted.
    """
    if errors == 0 and floor_errors == 0 and ratio >= TARGET_RATIO:
        return "MEETS"
    return "MISSES"


def load_result(
    pages: dict[str, Any],
    floor: dict[str, Any],
    *,
    seconds: int,
    connections: int,
    workers: int,
    path_statuses: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """The dict run_load returns, from the two parsed wrk runs."""
    ratio = pages["rps"] / floor["rps"] if floor["rps"] else 0.0
    return {
        "pages_rps": pages["rps"],
        "floor_rps": floor["rps"],
        "ratio": round(ratio, 3),
        "errors": pages["errors"],
        "floor_errors": floor["errors"],
        "pages_latency_ms": pages["latency_ms"],
        "floor_latency_ms": floor["latency_ms"],
        "pages_requests": pages["requests"],
        "floor_requests": floor["requests"],
        # wrk cannot tell which path a response answers; these say which path fails at all.
        "pages_statuses": pages["statuses"],
        "path_statuses": path_statuses or {},
        "seconds": seconds,
        "connections": connections,
        "workers": workers,
        "threads": THREADS,
        "verdict": verdict(ratio=ratio, errors=pages["errors"], floor_errors=floor["errors"]),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _gunicorn(port: int, workers: int) -> Iterator[tuple[subprocess.Popen, IO[str]]]:
    """gunicorn serving the portal on 127.0.0.1:port, stopped whatever happens inside."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.bench.settings",
        # The server's own settings: .env's DEBUG=1 of development would switch the static
        # files storage away from the manifest storage production uses.
        "DEBUG": "0",
    }
    command = [
        sys.executable, "-m", "gunicorn", "portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(THREADS),
        "--graceful-timeout", str(STOP_SECONDS // 2),
    ]  # fmt: skip
    # Newer gunicorn opens a control socket at one path per user (~/.gunicorn/gunicorn.ctl),
    # which two servers started side by side would fight over.
    if hasattr(gunicorn.config, "ControlSocket"):
        command.append("--no-control-socket")
    # No access log (gunicorn's default): writing a line per request would be measured too.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group: the workers can be killed with the master if it hangs,
            # and a Ctrl-C at the terminal reaches this process, which then stops the server.
            start_new_session=True,
        )
        try:
            yield server, log
        finally:
            _stop(server)


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        with suppress(subprocess.TimeoutExpired):
            server.wait(timeout=STOP_SECONDS)
    # Whatever is left of the group (a hung master, workers of a master that died) would
    # keep the port and its database connections.
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def _log_tail(log: IO[str], lines: int = 30) -> str:
    log.flush()
    log.seek(0)
    return "".join(log.readlines()[-lines:])


def _wait_until_answering(server: tuple[subprocess.Popen, IO[str]], port: int, path: str) -> None:
    """Polls the path until the server answers anything; raises if gunicorn exits or hangs."""
    process, log = server
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LoadError(
                f"gunicorn did not start (exit code {process.returncode}):\n{_log_tail(log)}"
            )
        if _status(port, path) is not None:
            return
        time.sleep(0.25)
    raise LoadError(f"gunicorn did not answer within {START_SECONDS} s:\n{_log_tail(log)}")


def _status(port: int, path: str) -> int | None:
    """The status of one GET, redirects not followed; None when nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def _wrk(wrk: str, port: int, paths: list[str], *, seconds: int, connections: int) -> str:
    command = [
        wrk,
        f"--threads={min(WRK_THREADS, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        "--latency",
        f"--script={WRK_SCRIPT}",
        f"http://127.0.0.1:{port}",
        "--",
        *paths,
    ]
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if finished.returncode != 0:
        raise LoadError(f"wrk failed (exit code {finished.returncode}):\n{finished.stderr}")
    return finished.stdout

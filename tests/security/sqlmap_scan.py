"""Run sqlmap against the search and filter parameters of a locally started portal.

    make sqlmap                      # on a fresh SQLite database in a temporary folder
    DATABASE_URL=postgres://… make sqlmap   # on PostgreSQL (a database named …_sqlmap)

The script makes its own database (migrate + load_demo), starts gunicorn on a free loopback
port, logs a Dinas admin in for the staff pages, and runs sqlmap in batch mode on every
parameter listed below. It exits non-zero if sqlmap reports any injection point, or if a
page it scans does not answer 200 (a scan of an error page would prove nothing).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent

# (path with the parameters to test, needs a Dinas session)
TARGETS = [
    ("/umkm/?q=kopi&kecamatan=72.71.08&tema=batik-bomba&sertifikasi=halal&urut=nama&page=1", False),
    ("/umkm/?kelurahan=72.71.08.1002&q=bawang", False),
    ("/umkm.csv?q=kopi&kecamatan=72.71.08", False),
    ("/umkm.json?q=bawang&tema=pakan-ternak", False),
    ("/admin/ikm/businessgroup/?q=kopi", True),
    ("/admin/ikm/member/?q=ani", True),
    ("/dinas/pelatihan/?page=1", True),
    ("/dinas/target/?tahun=2018", True),
    ("/dinas/?tahun=2018&kecamatan=72.71.08", True),
    ("/dinas/laporan/evaluasi/?tahun=2018&kecamatan=72.71.08", True),
]
# sqlmap's confirmed findings only: along the way it logs "appears to be … injectable" for
# heuristics that it then rejects as false positives (a filter that answers differently to a
# nonsense value does that), so those lines are not a finding.
INJECTION_FOUND = re.compile(
    r"identified the following injection point|parameter '[^']+' is vulnerable",
    re.IGNORECASE,
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(workdir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + "/portal_sqlmap"
    return f"sqlite:///{workdir / 'sqlmap.sqlite3'}"


def _prepare_postgres(url: str) -> None:
    import psycopg2

    server = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS portal_sqlmap")
        cursor.execute("CREATE DATABASE portal_sqlmap")
    server.close()


def _session_cookie(environment: dict) -> str:
    code = (
        "from django.contrib.auth import get_user_model;"
        "from django.test import Client;"
        "c = Client(); c.force_login(get_user_model().objects.get(username='admin'));"
        "print(c.cookies['sessionid'].value)"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def _wait_for(url: str) -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The portal did not start at {url}.")


def _answers_200(url: str, cookie: str | None) -> bool:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        return urllib.request.urlopen(request, timeout=30).status == 200
    except OSError:
        return False


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="portal-sqlmap-"))
    database_url = _database_url(workdir)
    if database_url.startswith("postgres"):
        _prepare_postgres(database_url)
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "SECRET_KEY": "sqlmap-scan-only",
        "MEDIA_ROOT": str(workdir / "media"),
        # sqlmap sends many odd requests from one address; the log-in lock must not trip.
        "AXES_FAILURE_LIMIT": "1000",
        "LOG_LEVEL": "ERROR",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=environment, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=environment, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    cookie = f"sessionid={_session_cookie(environment)}"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [BIN / "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=environment,
    )  # fmt: skip
    problems = []
    try:
        _wait_for(base + "/healthz")
        for path, staff_only in TARGETS:
            url = base + path
            if not _answers_200(url, cookie if staff_only else None):
                problems.append(f"{path}: does not answer 200, nothing to scan")
                continue
            command = [
                BIN / "sqlmap", "-u", url, "--batch", "--flush-session", "--level", "1",
                "--risk", "1", "--technique", "BEUST", "--time-sec", "2", "--threads", "2",
                "--output-dir", str(workdir / "sqlmap"), "--disable-coloring",
            ]  # fmt: skip
            if staff_only:
                command += ["--cookie", cookie, "--skip", "csrftoken"]
            print(f"sqlmap {path}", flush=True)
            result = subprocess.run(command, capture_output=True, text=True)
            if INJECTION_FOUND.search(result.stdout) or result.returncode not in (0,):
                problems.append(f"{path}:\n{result.stdout[-3000:]}\n{result.stderr[-1000:]}")
            else:
                print("  nothing injectable", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(TARGETS)} pages scanned, {len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Restart PostgreSQL under a serving portal: requests fail briefly, then succeed again
without restarting the portal.

    make restart-check   # needs PostgreSQL in DATABASE_URL and the right to restart it

Starts gunicorn on a database of its own (…_restart), keeps requesting a page that reads
the database, restarts the PostgreSQL cluster (PG_RESTART_COMMAND, by default
pg_ctlcluster on the newest local cluster), and then expects every request to succeed again
within RECOVERY_SECONDS, from the same server processes.
"""

import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
RECOVERY_SECONDS = 20
PAGES = ["/healthz", "/umkm/", "/umkm.json"]


def _default_restart_command() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version[-1], "main", "restart"]
    return command if os.geteuid() == 0 else ["sudo", *command]


def _status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must name a PostgreSQL server.", file=sys.stderr)
        return 2
    import psycopg2

    server_url = url.rsplit("/", 1)[0]
    admin = psycopg2.connect(server_url + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS portal_restart")
        cursor.execute("CREATE DATABASE portal_restart")
    admin.close()
    workdir = Path(tempfile.mkdtemp(prefix="portal-restart-"))
    environment = {
        **os.environ,
        "DATABASE_URL": server_url + "/portal_restart",
        "DEBUG": "1",
        "SECRET_KEY": "restart-check-only",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "CRITICAL",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=environment, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=environment, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    portal = subprocess.Popen(
        [Path(PYTHON).parent / "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "critical"],
        cwd=ROOT, env=environment,
    )  # fmt: skip
    try:
        for _ in range(60):
            if _status(base + "/healthz") == 200:
                break
            time.sleep(0.5)
        else:
            print("The portal did not start.", file=sys.stderr)
            return 1
        before = [_status(base + page) for page in PAGES * 3]
        assert before == [200] * len(before), before

        command = shlex.split(os.environ.get("PG_RESTART_COMMAND", "")) or (
            _default_restart_command()
        )
        print("Restarting PostgreSQL:", " ".join(command), flush=True)
        restart = subprocess.Popen(command)
        during = []
        while restart.poll() is None:
            during.append(_status(base + "/healthz"))
            time.sleep(0.1)
        if restart.returncode != 0:
            print("The restart command failed.", file=sys.stderr)
            return 1
        print(f"While PostgreSQL restarted: {during.count(200)} of {len(during)} requests ok.")

        deadline = time.monotonic() + RECOVERY_SECONDS
        recovered_after = None
        while time.monotonic() < deadline:
            statuses = [_status(base + page) for page in PAGES * 4]
            if statuses == [200] * len(statuses):
                recovered_after = RECOVERY_SECONDS - (deadline - time.monotonic())
                break
            time.sleep(0.5)
        if recovered_after is None:
            print(f"Still failing {RECOVERY_SECONDS} s after the restart: {statuses}")
            return 1
        if portal.poll() is not None:
            print("The portal's server stopped; it should have kept running.", file=sys.stderr)
            return 1
        print(f"Every page answers 200 again, {recovered_after:.1f} s after the restart, "
              "from the same server processes.")  # fmt: skip
        return 0
    finally:
        portal.terminate()
        portal.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())

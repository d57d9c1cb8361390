"""An import whose process is killed half-way through saving leaves the database as before,
and the same file can then be imported completely."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from ikm.models import BusinessGroup, ImportJob, Member, Membership
from ikm.services.imports import (
    import_job_confirm,
    import_job_expire,
    import_job_restart,
    import_job_validate_all,
)
from tests.ikm.test_import_files import palu_places
from tests.ikm.test_import_large import _workbook

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _wait_for(condition, seconds: float, process) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the import did not reach the expected step")


def test_a_killed_import_saves_nothing_and_can_be_run_again(tmp_path, settings, staff_user):
    palu_places()
    workbook = tmp_path / "besar.xlsx"
    workbook.write_bytes(_workbook())
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "SECRET_KEY": "import-kill-test",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_groups", str(workbook)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    saving = ImportJob.objects.filter(status=ImportJob.Status.IMPORTING)
    _wait_for(saving.exists, 120, process)
    time.sleep(1)  # well inside the save of 10,000 rows
    assert process.poll() is None, "the save ended before the kill: the test proves nothing"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert BusinessGroup.objects.count() == 0
    assert Member.objects.count() == 0
    assert Membership.objects.count() == 0
    assert Member.history.count() == 0

    job = saving.get()
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    job = import_job_expire(job=ImportJob.objects.get(pk=job.pk))
    assert job.status == ImportJob.Status.FAILED
    job = import_job_validate_all(job=import_job_restart(job=job))
    job = import_job_confirm(job=job, user=staff_user)

    assert job.status == ImportJob.Status.DONE, job.error
    assert BusinessGroup.objects.count() == 1000
    assert Member.objects.count() == 9000

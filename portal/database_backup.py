"""Copies of the whole database and their restoration: pg_dump/pg_restore, or SQLite's backup API.

PostgreSQL copies are pg_dump's custom format (compressed, restorable table by table);
restoring runs pg_restore in one transaction, so a broken copy leaves the database as it
was. SQLite copies are made with the online backup API, safe while the portal runs.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    pass


def _postgres_environment(settings_dict: dict) -> tuple[list[str], dict]:
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", settings_dict["USER"]]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed ({result.returncode}).")


def backup_default_path(*, folder: Path, using: str = "default") -> Path:
    suffix = "dump" if connections[using].vendor == "postgresql" else "sqlite3"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"portal-{stamp}.{suffix}"


def database_backup(*, destination: Path, using: str = "default") -> Path:
    """Write a copy of the whole database to `destination` and return its path."""
    connection = connections[using]
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment(connection.settings_dict)
        _run(
            ["pg_dump", *arguments, "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(destination), connection.settings_dict["NAME"]],
            environment,
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(destination) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} database engine.")
    return destination


def database_restore(*, source: Path, using: str = "default") -> None:
    """Replace the database's content with the copy at `source`, all or nothing."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    connection = connections[using]
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment(connection.settings_dict)
        # Our own connection would hold locks that pg_restore's DROPs wait for.
        connection.close()
        _run(
            ["pg_restore", *arguments, "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--single-transaction", "--exit-on-error",
             "--dbname", connection.settings_dict["NAME"], str(source)],
            environment,
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as copy:
            try:
                copy.execute("PRAGMA quick_check").fetchone()
            except sqlite3.DatabaseError as error:
                raise BackupError(f"{source} is not a SQLite database: {error}") from error
            connection.ensure_connection()
            copy.backup(connection.connection)
        copy.close()
    else:
        raise BackupError(f"No restore for the {connection.vendor} database engine.")

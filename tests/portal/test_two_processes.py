"""Two server processes on one database behave as one portal: nothing a request leaves
behind stays inside the process that served it (docs/scaling-out.md).

Two gunicorn servers, A and B, run with the same settings, SECRET_KEY and database, as two
machines behind a load balancer would; one "browser" (a dict of cookies) talks to both.
A log-in on A is valid on B (sessions are rows in the database, not memory), and what is
changed through A is what B shows, on a public page and on the Dinas dashboard.

The servers use the test database of this run: on PostgreSQL by its name; on SQLite, where
the test database lives in this process's memory, a file copy of it made for the two
servers (they then share that file, and this process only talks to them over HTTP).
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import global_settings
from django.db import connection

from portal import roles
from tests.factories import BusinessGroupFactory, UserFactory

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PASSWORD = "kata-sandi-uji"  # UserFactory's


class FormFields(HTMLParser):
    """The fields each form on a page sends when submitted as it is, as a browser does."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._select: dict | None = None  # the <select> being read
        self._textarea: str | None = None
        self._text = ""
        self.feed(html)

    def _send(self, name: str, value: str) -> None:
        self.forms[-1].append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif tag == "input" and "name" in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._send(attrs["name"], attrs.get("value") or "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._send(attrs["name"], attrs.get("value") or "")
        elif tag == "select" and "name" in attrs:
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "first": None}
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._send(self._select["name"], value)
                self._select["chosen"] = True
        elif tag == "textarea" and "name" in attrs:
            self._textarea, self._text = attrs["name"], ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            select, self._select = self._select, None
            # A single choice with nothing selected sends its first option.
            if not select.get("chosen") and not select["multiple"] and select["first"]:
                self._send(select["name"], select["first"])
        elif tag == "textarea" and self._textarea:
            self._send(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_with(html: str, field: str, **changes: str) -> dict[str, str]:
    """The fields of the page's form that has `field`, with some of them changed."""
    form = next(f for f in FormFields(html).forms if any(name == field for name, _ in f))
    return {**dict(form), **changes}


class Browser:
    """One visitor's cookies, sent to whichever server the request goes to."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=30)) as server:
            server.request("POST" if form is not None else "GET", path, body, headers)
            response = server.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
                    if morsel["max-age"] == "0":
                        del self.cookies[name]
            return response.status, response.read().decode()

    def page(self, port: int, path: str) -> str:
        status, html = self.request(port, path)
        assert status == 200, (port, path, status)
        return html


def figure(html: str, label: str) -> int:
    """A number shown as <dt>label</dt><dd>number</dd>, as the figures of both pages are."""
    found = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>([\d.]+)</dd>", html)
    assert found, label
    return int(found.group(1).replace(".", ""))


def _shared_database_url(folder: Path) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = folder / "bersama.sqlite3"
        with closing(sqlite3.connect(copy)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    credentials = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server on port {port} stopped"
        try:
            with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=2)) as probe:
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no server answered on port {port}")


@contextmanager
def two_servers(database_url: str, folder: Path):
    """Ports of two gunicorn servers with identical settings; both stopped afterwards."""
    # This test process's own variables (an async-unsafe allowance, a cache or replica
    # of the developer's) are not the servers' business.
    inherited = ("DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL", "DATABASE_REPLICA_URL")
    environment = {
        **{k: v for k, v in os.environ.items() if k not in inherited},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "SECRET_KEY": "dua-proses-satu-kunci-rahasia",
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
    }
    servers = []
    try:
        for _ in range(2):
            port = _free_port()
            command = [GUNICORN, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
            # Not the control socket every gunicorn of this user would share.
            command.append("--no-control-socket")
            servers.append((port, subprocess.Popen(command, cwd=PROJECT, env=environment)))
        for port, server in servers:
            _wait_until_serving(port, server)
        yield [port for port, _server in servers]
    finally:
        for _port, server in servers:
            server.terminate()
        for _port, server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.mark.django_db(transaction=True)
def test_two_servers_share_log_ins_records_and_figures(settings, tmp_path):
    # The servers check passwords with Django's hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    UserFactory(username="admin-dua-proses", role=roles.DINAS_ADMIN)
    group = BusinessGroupFactory(name="Kopi Lama", slug="kopi-lama")
    browser = Browser()

    with two_servers(_shared_database_url(tmp_path), tmp_path) as (a, b):
        # (a) Log in through A's form; the same session cookie opens B's Dinas pages.
        login = form_with(
            browser.page(a, "/masuk/"), "username", username="admin-dua-proses", password=PASSWORD
        )
        status, _html = browser.request(a, "/masuk/", login)
        assert status == 302
        assert "sessionid" in browser.cookies
        dashboard = browser.page(b, "/dinas/")
        assert "Dasbor Dinas" in dashboard

        # (b) Rename the group in A's admin; B's public profile shows the new name.
        change = f"/admin/ikm/businessgroup/{group.pk}/change/"
        form = form_with(browser.page(a, change), "name", name="Kopi Tanah Runtuh", _save="")
        assert browser.request(a, change, form)[0] == 302
        profile = browser.page(b, "/umkm/kopi-lama/")
        assert "Kopi Tanah Runtuh" in profile and "Kopi Lama" not in profile

        # (c) Add a group through A; the figures B shows count it.
        home_before = figure(browser.page(b, "/"), "Kelompok usaha aktif")
        dashboard_before = figure(dashboard, "Kelompok aktif")
        add = "/admin/ikm/businessgroup/add/"
        form = form_with(
            browser.page(a, add),
            "name",
            name="Bawang Goreng Palu",
            slug="bawang-goreng-palu",
            theme=str(group.theme_id),
            kelurahan=group.kelurahan_id,
            founded_on="2017-03-01",
            listed_publicly="on",
            _save="",
        )
        assert browser.request(a, add, form)[0] == 302
        assert figure(browser.page(b, "/"), "Kelompok usaha aktif") == home_before + 1
        assert figure(browser.page(b, "/dinas/"), "Kelompok aktif") == dashboard_before + 1
        assert "Bawang Goreng Palu" in browser.page(b, "/umkm/bawang-goreng-palu/")

        # Logging out on B ends the session on A too.
        browser.request(b, "/keluar/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"]})
        assert browser.request(a, "/dinas/")[0] == 302

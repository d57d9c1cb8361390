"""The English catalog is complete, compiled, and actually used by the pages."""

import ast
import gettext
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.utils import translation

from ikm.models import BusinessGroup, Member

CATALOG_DIR = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
PO_PATH = CATALOG_DIR / "django.po"
MO_PATH = CATALOG_DIR / "django.mo"

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{[^{}]*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None


def parse_po(path):
    """A small .po reader: enough for Django's catalogs (contexts, plurals, flags)."""
    entries, entry, target = [], Entry(), None

    def finish():
        nonlocal entry, target
        if entry.msgstr:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue  # obsolete entry
        elif line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if entry.msgstr:
                finish()
        else:
            keyword, _, rest = line.partition(" ")
            if keyword.startswith('"'):
                keyword, rest = None, line
            value = ast.literal_eval(rest)
            if keyword is not None:
                if keyword in ("msgctxt", "msgid") and entry.msgstr:
                    finish()
                entry.line = entry.line or number
                if keyword == "msgstr":
                    target = ("msgstr", 0)
                elif keyword.startswith("msgstr["):
                    target = ("msgstr", int(keyword[7:-1]))
                else:
                    target = (keyword, None)
                if target[0] == "msgstr":
                    entry.msgstr[target[1]] = ""
                else:
                    setattr(entry, keyword, "")
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, getattr(entry, name) + value)
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    parsed = [entry for entry in parse_po(PO_PATH) if not entry.is_header]
    assert len(parsed) > 100, "the English catalog looks truncated"
    return parsed


def describe(entry):
    return f"line {entry.line}: {entry.msgid!r}"


def test_every_string_has_an_english_translation(entries):
    untranslated = [describe(e) for e in entries if not all(e.msgstr.values())]
    assert untranslated == []


def test_no_translation_is_left_fuzzy(entries):
    fuzzy = [describe(e) for e in entries if "fuzzy" in e.flags]
    assert fuzzy == []


def test_translations_keep_the_placeholders(entries):
    broken = []
    for entry in entries:
        for index, msgstr in entry.msgstr.items():
            source = entry.msgid_plural if index and entry.msgid_plural else entry.msgid
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(msgstr)):
                broken.append(describe(entry))
    assert broken == []


def test_compiled_catalog_matches_the_po_file(entries):
    """A .po edited without running msgfmt afterwards fails here."""
    with MO_PATH.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in entries:
        if entry.msgid_plural:
            got = {
                0: compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt is not None
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 1),
                1: compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
                if entry.msgctxt is not None
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 2),
            }
            expected = {index: entry.msgstr[index] for index in (0, 1)}
        else:
            got = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else compiled.gettext(entry.msgid)
            )
            expected = entry.msgstr[0]
        if got != expected:
            stale.append(describe(entry))
    assert stale == [], "run msgfmt to recompile locale/en/LC_MESSAGES/django.mo"


def test_compiled_catalog_has_nothing_the_po_file_lacks(entries):
    with MO_PATH.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    keys = {(f"{e.msgctxt}\x04" if e.msgctxt is not None else "") + e.msgid for e in entries}
    in_mo = {key if isinstance(key, str) else key[0] for key in compiled._catalog if key}
    assert in_mo - keys == set()


@pytest.fixture
def restore_language():
    """LocaleMiddleware leaves the request's language active in the thread: undo that."""
    before = translation.get_language()
    yield
    translation.activate(before)


@pytest.mark.django_db
def test_login_page_switches_to_english(client, restore_language):
    response = client.get("/bahasa/", {"language": "en", "next": "/masuk/"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/masuk/"
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Log in to the portal" in content
    assert "Password" in content
    assert "Masuk ke portal" not in content


@pytest.mark.django_db
def test_model_names_are_translated():
    with translation.override("en"):
        assert str(BusinessGroup._meta.verbose_name) == "business group"
        assert str(Member._meta.verbose_name) == "member"

"""Every text field of every model, filled with script and HTML payloads, is shown escaped on
every page that shows it.

The fields are found, not listed: every CharField and TextField (and their subclasses: slug,
URL, e-mail, phone, digits) of every model of the portal's own apps, and the user's names.
A field is *free text* when its own validation (what `full_clean` runs for it) keeps markup:

- a primary key names the record (an area or KBLI code), it is not text;
- a field with choices holds one of its values, and pages show the label;
- otherwise each payload below is offered to `Field.clean`; a field that refuses them all, or
  cleans the markup away, holds no markup (slugs, NIK/NIB digits, phone numbers, area codes,
  usernames). URL fields refuse `javascript:` but take an https address that breaks out of an
  attribute; e-mail fields take markup inside a quoted local part.
- simple_history's Historical* models copy the fields of the model they follow, with the same
  values: those copies are the original's payloads. Their own `history_change_reason` is
  a field of its own and gets its own payload (as the reason of the save that stored them).

Every free-text field gets a value unique to it: payload shapes around a marker `xss042`
(script tag, attribute break-outs with double, single and no quotes, a </textarea></title>
break-out, a short tag for short fields), as many as fit its max_length, starting with a
character a spreadsheet would run as a formula. Then every page that shows these records is
requested by a role that may see it (the URL names come from the resolver: a new page fails
the table test until it is walked or skipped with a reason), and every model's admin list,
change form, history, history record and delete confirmation (and the read-only form, for
Dinas staff who may only view). Search boxes get a payload in the query, and a spreadsheet
of payloads is uploaded to the import check. HTML (and the HTML behind each PDF, given to a
stub of WeasyPrint) must hold no payload as markup; CSV and spreadsheet cells no formula;
JSON and CSV are served as such, with nosniff, so no browser reads them as HTML.

A free-text field must be seen (its marker, escaped) on at least one page, or be listed in
NOT_SHOWN with the reason; an entry there that a page does show fails too.
"""

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from financing.models import (
    CreditApplication,
    GroupReadiness,
)
from financing.standing import readiness_refresh
from ikm.models import (
    AidCheck,
    Attendance,
    BusinessGroup,
    ImportJob,
    ImportRow,
    Kbli,
    MarketplaceLink,
    Member,
    Membership,
    Product,
    Program,
    StageCriterion,
    StageProgress,
    Theme,
    Training,
    TrainingRegistration,
)
from kelurahan.models import Kecamatan, Kelurahan
from portal import roles
from portal.models import AuditEvent, StaffDistrict
from tests.demo import rolled_back_afterwards
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    CreditSchemeFactory,
    EnrolmentFactory,
    ImportJobFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    ProgramFactory,
    StageFactory,
    StageProgressFactory,
    TargetFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()

OWN_APPS = ("ikm", "financing", "kelurahan", "portal")
# Of Django's user, the fields that pages show (a mentor's name, the admin's user list).
USER_FIELDS = ("username", "first_name", "last_name", "email")

# Free-text fields no page shows, with the reason. A listed field that a page does show fails.
NOT_SHOWN = {
    "ikm.businessgroup.name_key": "the importer's comparison key, recomputed from the name on "
    "every save; never rendered",
    "ikm.businessgroup.search_text": "the search index's text (kept by PostgreSQL triggers "
    "from name, theme and products); never rendered",
    "ikm.importrow.key": "an import staging row's duplicate-finding key; the page shows the "
    "row's cells (checked by the spreadsheet upload below)",
    "ikm.importrow.other_key": "as ikm.importrow.key",
    "ikm.importrow.group_key": "as ikm.importrow.key",
}

MARKER = "xss{:03d}"
MARKER_RE = re.compile(r"xss\d{3}")
# Any payload's marker: a field's, a query's (xssq…) or an uploaded cell's (xssu…).
ANY_MARKER_RE = re.compile(r"xss[qu]?\d+")
SHAPES = [
    ("script", '<script>alert("{m}")</script>'),
    ("attribute", '"><img src=x onerror=alert("{m}")>'),
    ("single-quoted attribute", "'><svg onload=alert('{m}')>"),
    ("unquoted attribute", "x onfocus=alert('{m}') autofocus"),
    ("raw text", "</textarea></title><script>alert('{m}')</script>"),
    ("short tag", "<b id={m}>"),
]
URL_SHAPES = [
    ("javascript: URL", 'javascript:alert("{m}")'),
    ("URL with attribute break-out", 'https://example.com/{m}"><script>alert("{m}")</script>'),
]
EMAIL_SHAPES = [("e-mail with markup", "\"<script>alert('{m}')</script>\"@example.com")]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A payload's markup, as it would read if a page printed it unescaped.
RAW_SIGNS = ["<script>alert(", "<img src=x onerror", "<svg onload", "<b id=xss"]
REFLECTED = "\"'><script>alert('xssq01')</script>"


# --- The text fields ---------------------------------------------------------------------


def _label(model, field_) -> str:
    return f"{model._meta.label_lower}.{field_.name}"


def text_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every CharField/TextField of the portal's models and the user's, in a fixed order."""
    found = []
    for model in apps.get_models():
        if model is User:
            fields = [f for f in model._meta.concrete_fields if f.name in USER_FIELDS]
        elif model._meta.app_label in OWN_APPS:
            fields = model._meta.concrete_fields
            if issubclass(model, HistoricalChanges):
                copied = {f.name for f in model.instance_type._meta.concrete_fields}
                fields = [f for f in fields if f.name not in copied]
        else:
            continue
        found += [(model, f) for f in fields if isinstance(f, models.CharField | models.TextField)]
    return sorted(found, key=lambda pair: _label(*pair))


def _shapes_for(field_, marker: str, n: int) -> list[list[tuple[str, str]]]:
    """Candidate values, each a list of (shape, text), in the order they are offered."""
    if isinstance(field_, models.URLField):
        return [[(name, text.format(m=marker))] for name, text in URL_SHAPES]
    if isinstance(field_, models.EmailField):
        return [[(name, text.format(m=marker))] for name, text in EMAIL_SHAPES]
    limit = field_.max_length or 10_000
    start = n % len(SHAPES)
    packed, length = [], 1  # 1: the formula character
    for name, text in SHAPES[start:] + SHAPES[:start]:
        text = text.format(m=marker)
        if length + len(text) + (1 if packed else 0) <= limit:
            packed.append((name, text))
            length += len(text) + (1 if len(packed) > 1 else 0)
    if not packed:
        return []
    formula = FORMULA_START[n % 4]
    return [[("formula", formula), *packed], packed]


def _value(shapes: list[tuple[str, str]]) -> str:
    if shapes and shapes[0][0] == "formula":
        return shapes[0][1] + " ".join(text for _name, text in shapes[1:])
    return " ".join(text for _name, text in shapes)


def _accepts(model, field_, value: str) -> bool:
    try:
        cleaned = field_.clean(value, model())
    except ValidationError:
        return False
    return cleaned == value


@dataclass
class Plan:
    """What each text field gets: a payload, or the reason it holds no markup."""

    values: dict[str, str] = field(default_factory=dict)  # label -> stored value
    fields: dict[str, tuple] = field(default_factory=dict)  # label -> (model, field)
    markers: dict[str, str] = field(default_factory=dict)  # marker -> label
    not_free_text: dict[str, str] = field(default_factory=dict)  # label -> reason
    shapes_stored: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (label, value)


def plan_payloads() -> Plan:
    plan = Plan()
    for n, (model, field_) in enumerate(text_fields()):
        label = _label(model, field_)
        marker = MARKER.format(n)
        if field_.primary_key:
            plan.not_free_text[label] = "primary key (a code that names the record)"
            continue
        if field_.choices:
            plan.not_free_text[label] = "choices (pages show the label)"
            continue
        candidates = _shapes_for(field_, marker, n)
        if not candidates:
            plan.not_free_text[label] = f"too short for a marked payload ({field_.max_length})"
            continue
        for shapes in candidates:
            value = _value(shapes)
            if _accepts(model, field_, value):
                plan.values[label] = value
                plan.fields[label] = (model, field_)
                plan.markers[marker] = label
                plan.shapes_stored += sum(1 for name, _text in shapes if name != "formula")
                break
            plan.refused.append((label, value))
        else:
            plan.not_free_text[label] = (
                f"its validation refuses markup ({type(field_).__name__}"
                f"{', max_length ' + str(field_.max_length) if field_.max_length else ''})"
            )
    return plan


# --- The world: one record of each model ---------------------------------------------------


def _build_world(today) -> tuple[dict, dict]:
    """One record of every model, linked so that every page below has something to show."""
    staff = UserFactory(username="staf-xss", role=roles.DINAS_STAFF)
    mentor = LenderStaffFactory(user=UserFactory(username="mentor-xss", role=roles.BANK_MENTOR))
    supervisor = LenderStaffFactory(
        user=UserFactory(username="supervisor-xss", role=roles.BANK_SUPERVISOR),
        lender=mentor.lender,
    )
    leader = UserFactory(username="ketua-xss", role=roles.GROUP_LEADER)
    users = {
        "anonim": None,
        "staf": staff,
        "admin": UserFactory(username="admin-xss", role=roles.DINAS_ADMIN),
        "super": UserFactory(username="super-xss", is_superuser=True, is_staff=True),
        "mentor": mentor.user,
        "supervisor": supervisor.user,
        "ketua": leader,
    }

    group = BusinessGroupFactory(
        photo="kelompok/foto.jpg",  # home shows groups with a photo; no file is read
        founded_on=today - timedelta(days=400),
        show_leader_name=True,
        workforce=7,
    )
    kbli = Kbli.objects.create(code="00001", title="KBLI uji")  # sorts first in the admin
    group.theme.kbli.add(kbli)
    member = MemberFactory(user=leader)
    membership = MembershipFactory(member=member, group=group, role=Membership.Role.LEADER)
    link = MarketplaceLink.objects.create(
        group=group, platform=MarketplaceLink.Platform.WEBSITE, url="https://example.com/"
    )
    product = ProductFactory(group=group)
    certification = CertificationFactory(product=product, expires_on=today + timedelta(days=30))
    aid = AidFactory(group=group, handed_over_on=today - timedelta(days=300))
    aid_check = AidCheckFactory(
        aid=aid, checked_on=today - timedelta(days=20), status=AidCheck.Status.IDLE
    )
    program = ProgramFactory(name="Program uji", start_year=today.year - 1, end_year=today.year)
    stage = StageFactory(program=program, order=1, year=today.year)
    criterion = StageCriterion.objects.create(stage=stage, text="Kriteria uji")
    enrolment = EnrolmentFactory(program=program, group=group, enrolled_on=today.replace(day=1))
    progress = StageProgressFactory(
        enrolment=enrolment,
        stage=stage,
        status=StageProgress.Status.IN_PROGRESS,
        started_on=today.replace(month=1, day=2),
    )
    progress.criteria_met.add(criterion)
    target = TargetFactory(year=today.year, kelurahan=group.kelurahan)
    training = TrainingFactory()
    day = TrainingDayFactory(training=training, date=today - timedelta(days=10))
    registration = TrainingRegistrationFactory(training=training, member=member, group=group)
    attendance = Attendance.objects.create(registration=registration, day=day)
    assignment = MentorAssignmentFactory(
        group=group, mentor=mentor, started_on=today - timedelta(days=200), assigned_by=staff
    )
    visit = BookkeepingVisitFactory(
        assignment=assignment, visited_on=today - timedelta(days=40), created_by=mentor.user
    )
    scheme = CreditSchemeFactory()
    application = CreditApplicationFactory(
        group=group, lender=mentor.lender, scheme=scheme, proposed_by=mentor.user
    )
    import_job = ImportJobFactory(user=staff, status=ImportJob.Status.FAILED)
    import_row = ImportRow.objects.create(job=import_job, sheet="kelompok", row_number=2)
    audit_event = AuditEvent.objects.create(action=AuditEvent.Action.LOGIN, user=staff)
    district = StaffDistrict.objects.create(
        user=UserFactory(username="staf-wilayah-xss", role=roles.DINAS_STAFF),
        kecamatan=group.kelurahan.kecamatan,
    )
    kelurahan = group.kelurahan
    objects = {
        obj._meta.model: obj
        for obj in [
            kelurahan.kecamatan.regency.province, kelurahan.kecamatan.regency,
            kelurahan.kecamatan, kelurahan, kbli, group.theme, group, link, member, membership,
            product, certification, aid, aid_check, program, stage, criterion, enrolment,
            progress, target, training, day, registration, attendance, mentor.lender, mentor,
            assignment, visit, scheme, application, import_job, import_row, audit_event,
            district, mentor.user,
        ]
    }  # fmt: skip
    return objects, users


def _fill(objects: dict, plan: Plan) -> None:
    """Write every payload, one save per record (the historical reason with it)."""
    by_record = defaultdict(dict)
    for label, value in plan.values.items():
        model, field_ = plan.fields[label]
        if issubclass(model, HistoricalChanges):
            by_record[model.instance_type]["_change_reason"] = value
        else:
            by_record[model][field_.attname] = value
    for model, values in by_record.items():
        obj = objects[model]
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()


@dataclass
class Walk:
    plan: Plan
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seen: dict[str, set[str]] = field(default_factory=dict)  # label -> pages that show it
    reflected: int = 0
    upload_cells: int = 0
    upload_cells_shown: int = 0


# --- The pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    user: str
    args: object = None  # world objects -> args (list) or kwargs (dict)
    query: dict | None = None
    kind: str = "html"  # html, pdf, csv, xlsx, json, xml
    status: int = 200


def _group_slug(w):
    return [w[BusinessGroup].slug]


EXPORTS = [
    Visit(user, lambda w, k=kind, f=fmt: {"kind": k, "fmt": f}, kind=fmt)
    for user in ("staf", "supervisor")
    for kind in ("kelompok", "anggota", "produk")
    for fmt in ("csv", "xlsx")
]

PAGES = {
    "home": [Visit("anonim")],
    "sitemap": [Visit("anonim", kind="xml")],
    "sitemap_section": [Visit("anonim", lambda w: ["umkm"], kind="xml")],
    "ikm:directory": [Visit("anonim"), Visit("anonim", query={"q": REFLECTED}), Visit("staf")],
    "ikm:directory_csv": [Visit("anonim", kind="csv")],
    "ikm:directory_json": [Visit("anonim", kind="json")],
    "ikm:profile": [Visit("anonim", _group_slug)],
    "ikm:theme": [Visit("anonim", lambda w: [w[Theme].slug])],
    "kelurahan:detail": [Visit("anonim", lambda w: [w[Kelurahan].code])],
    # One group led: the list sends the ketua straight to it.
    "ikm:leader_groups": [Visit("ketua", status=302)],
    "ikm:leader_group": [Visit("ketua", _group_slug)],
    "ikm:leader_product_add": [Visit("ketua", _group_slug)],
    "ikm:leader_product": [Visit("ketua", lambda w: [w[BusinessGroup].slug, w[Product].pk])],
    "ikm:trainings": [Visit("staf")],
    "ikm:training": [Visit("staf", lambda w: [w[Training].pk])],
    "ikm:training_certificate": [
        Visit("staf", lambda w: [w[Training].pk, w[TrainingRegistration].pk], kind="pdf")
    ],
    "ikm:programs": [Visit("staf")],
    "ikm:program": [Visit("staf", lambda w: [w[Program].pk])],
    "ikm:aid_at_risk": [Visit("staf")],
    "ikm:aid_at_risk_csv": [Visit("staf", kind="csv")],
    "ikm:targets": [Visit("staf")],
    "ikm:import_start": [Visit("staf")],
    "ikm:import_detail": [Visit("staf", lambda w: [w[ImportJob].pk])],
    "ikm:import_status": [Visit("staf", lambda w: [w[ImportJob].pk], kind="json")],
    "ikm:export": EXPORTS,
    "ikm:member_personal_data": [
        Visit("staf", lambda w, f=fmt: {"pk": w[Member].pk, "fmt": f}, kind=fmt)
        for fmt in ("pdf", "json")
    ],
    "ikm:member_anonymise": [Visit("admin", lambda w: [w[Member].pk])],
    "workspace:dashboard": [Visit("staf"), Visit("admin")],
    "workspace:evaluation": [Visit("staf")],
    "workspace:evaluation_pdf": [Visit("staf", kind="pdf")],
    "workspace:evaluation_register_csv": [Visit("staf", kind="csv")],
    "workspace:group_timeline": [Visit("staf", lambda w: [w[BusinessGroup].pk])],
    "workspace:group_sheet": [Visit("staf", lambda w: [w[BusinessGroup].pk], kind="pdf")],
    "workspace:reports": [Visit("staf")],
    "workspace:kecamatan_summary": [Visit("staf", lambda w: [w[Kecamatan].code], kind="pdf")],
    "workspace:kelurahan_summary": [Visit("staf", lambda w: [w[Kelurahan].code], kind="pdf")],
    "financing:my_groups": [Visit("mentor")],
    "financing:group": [
        Visit("mentor", _group_slug), Visit("supervisor", _group_slug), Visit("staf", _group_slug)
    ],
    "financing:visit_create": [Visit("mentor", _group_slug)],
    "financing:credit_propose": [Visit("mentor", _group_slug)],
    "financing:lender": [Visit("supervisor")],
    "financing:lender_report": [
        Visit("supervisor", query={"dari": "2000-01-01", "sampai": "2100-12-31"}, kind="pdf")
    ],
    "financing:application": [
        Visit(role, lambda w: [w[CreditApplication].pk])
        for role in ("mentor", "supervisor", "staf")
    ],
    "financing:coverage": [Visit("staf")],
    "financing:assign": [Visit("staf", _group_slug)],
}  # fmt: skip

SKIPPED = {
    "healthz": "the database's state, no records",
    "thumbnail": "an image",
    "login": "the log-in form, no records",
    "logout": "POST only",
    "landing": "a redirect to the user's workspace",
    "language": "a redirect back to the page",
    "robots": "fixed text",
    "ikm:leader_product_delete": "POST only, answers with a redirect",
    "ikm:import_template": "a blank template file",
    "ikm:import_template_csv": "a blank template file",
    "ikm:import_confirm": "POST only, answers with a redirect",
    "ikm:import_restart": "POST only, answers with a redirect",
    "financing:service_worker": "a static script",
    "financing:assignment_end": "POST only, answers with a redirect",
}


def _url_names(resolver=None, namespace="") -> set:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # walked through the admin's registry below
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:  # unnamed: media under DEBUG
            names.add(f"{namespace}{pattern.name}")
    return names


def _admin_visits(objects: dict, users: dict) -> list[tuple[str, str, dict | None]]:
    """(user, url, query) of each model's admin pages: list, form, history, a history record
    and the delete confirmation for a superuser; list and read-only form for Dinas staff
    where they may only view (the admin prints those values itself, not through widgets)."""
    visits = [("super", reverse("admin:ikm_businessgroup_changelist"), {"q": REFLECTED})]
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OWN_APPS and model is not User:
            continue
        obj = objects[model]
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        request = RequestFactory().get("/")
        request.user = users["super"]
        visits += [
            ("super", reverse(f"{prefix}_changelist"), None),
            ("super", reverse(f"{prefix}_change", args=[obj.pk]), None),
            ("super", reverse(f"{prefix}_history", args=[obj.pk]), None),
        ]
        if model_admin.has_delete_permission(request, obj):
            visits.append(("super", reverse(f"{prefix}_delete", args=[obj.pk]), None))
        if isinstance(model_admin, SimpleHistoryAdmin):
            record = obj.history.order_by("-history_date").first()
            url = reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id])
            visits.append(("super", url, None))
        request.user = users["staf"]
        if model_admin.has_view_permission(request, obj) and not (
            model_admin.has_change_permission(request, obj)
        ):
            visits += [
                ("staf", reverse(f"{prefix}_changelist"), None),
                ("staf", reverse(f"{prefix}_change", args=[obj.pk]), None),
            ]
    return visits


# --- Reading the answers ---------------------------------------------------------------------


class _Inspector(HTMLParser):
    """Markup that a payload became: an element, an event handler, a script, a bad URL."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if ANY_MARKER_RE.search(name) or (
                name.startswith("on") and ANY_MARKER_RE.search(value)
            ):
                self.problems.append(f"<{tag} {name}={value!r}>: an event handler from data")
            if name == "id" and ANY_MARKER_RE.fullmatch(value):
                self.problems.append(f"<{tag} id={value}>: an element from data")
            if name in self.URL_ATTRIBUTES and re.match(
                r"\s*(javascript|vbscript|data:text/html)", value, re.IGNORECASE
            ):
                self.problems.append(f"<{tag} {name}={value!r}>: a script URL")
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self._script = kind not in {"application/json", "application/ld+json"}

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and ANY_MARKER_RE.search(data):
            self.problems.append(f"<script>…{data.strip()[:80]}…: data inside a script")


def _raw_signs(text: str) -> list[str]:
    """Each payload's markup found unescaped, with what follows it (which names the field)."""
    return [
        f"raw {text[match.start() : match.start() + 60]!r}"
        for sign in RAW_SIGNS
        for match in re.finditer(re.escape(sign), text)
    ]


def _html_problems(html: str) -> list[str]:
    problems = _raw_signs(html)
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return problems + inspector.problems


def _csv_problems(text: str) -> list[str]:
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [
        f"formula cell {cell[:40]!r}"
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        for cell in row
        if ANY_MARKER_RE.search(cell) and cell.startswith(FORMULA_START)
    ]


def _xlsx_problems(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    return [
        f"formula cell {cell.coordinate} {str(cell.value)[:40]!r}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" and ANY_MARKER_RE.search(str(cell.value))
    ]


CONTENT_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
    "xml": "application/xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class _PrintedHtml:
    """WeasyPrint's HTML, stubbed: the test reads the HTML a PDF is printed from."""

    printed: list[str] = []

    def __init__(self, *, string, **kwargs):
        self.printed.append(string)

    def write_pdf(self):
        return b"%PDF-1.7 stub"


def _check(walk: Walk, page: str, response, kind: str, expected_status: int) -> None:
    if response.status_code != expected_status:
        walk.problems.append(f"{page}: answered {response.status_code}, not {expected_status}")
        return
    walk.pages.append(page)
    if expected_status != 200:
        return
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(CONTENT_TYPES[kind]):
        walk.problems.append(f"{page}: served as {content_type!r}, not {kind}")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "html":
        text = content.decode()
        problems = _html_problems(text)
    elif kind == "pdf":
        text = _PrintedHtml.printed.pop()
        problems = _html_problems(text)
    else:
        text = content.decode("utf-8", errors="replace")
        problems = _raw_signs(text) if kind == "xml" else []
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append("no X-Content-Type-Options: nosniff (a browser may sniff HTML)")
        if kind in ("csv", "xlsx") and "attachment" not in response.get("Content-Disposition", ""):
            problems.append("a file, not sent as an attachment")
        if kind == "csv":
            problems += _csv_problems(text)
        elif kind == "xlsx":
            problems += _xlsx_problems(content)
        elif kind == "json":
            json.loads(text)
    for problem in problems:
        fields = [walk.plan.markers.get(m, m) for m in sorted(set(ANY_MARKER_RE.findall(problem)))]
        walk.problems.append(f"{page}: {problem}" + (f" ({', '.join(fields)})" if fields else ""))
    for marker in set(MARKER_RE.findall(text)):
        if label := walk.plan.markers.get(marker):
            walk.seen.setdefault(label, set()).add(page)


def _client_for(clients: dict, users: dict, role: str) -> Client:
    if role not in clients:
        clients[role] = Client()
        if users[role] is not None:
            clients[role].force_login(users[role])
    return clients[role]


def _upload_check(walk: Walk, client: Client, objects: dict) -> None:
    """A spreadsheet whose cells and headers are payloads: the check page shows them as text.

    The first row is valid (a known kelurahan and theme), so it is shown as it would be
    saved; the second is not, so its cells are quoted in the problems.
    """
    rows = [
        ["Nama Kelompok", "Kelurahan", "Tema", "Alamat", "<b id=xssu01>"],
        [
            '<script>alert("xssu02")</script>',
            objects[Kelurahan].code,
            objects[Theme].name,
            "'><svg onload=alert('xssu03')>",
            "x",
        ],
        [
            '"><img src=x onerror=alert("xssu04")>',
            "<b id=xssu05>",
            "'><svg onload=alert('xssu06')>",
            '=HYPERLINK("https://example.com","<b id=xssu07>")',
            "x",
        ],
    ]
    walk.upload_cells = sum(1 for row in rows for cell in row if "xssu" in cell)
    body = io.StringIO()
    csv.writer(body, delimiter=";").writerows(rows)
    upload = SimpleUploadedFile("kelompok.csv", body.getvalue().encode(), "text/csv")
    response = client.post(reverse("ikm:import_start"), {"file": upload, "kind": "kelompok"})
    assert response.status_code == 302, response.content[:500]
    detail = response["Location"]
    for _step in range(20):  # each view moves the check on by one step
        response = client.get(detail)
        if b'data-in-progress="0"' in response.content:
            break
    _check(walk, f"staf {detail} (an uploaded file of payloads)", response, "html", 200)
    shown = set(re.findall(r"xssu\d+", response.content.decode()))
    walk.upload_cells_shown = len(shown)
    assert {"xssu01", "xssu02", "xssu05"} <= shown, f"the upload's cells were not shown: {shown}"


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world built once, every page requested once; rolled back afterwards."""
    plan = plan_payloads()
    walk = Walk(plan=plan)
    media = tmp_path_factory.mktemp("xss-media")
    with (
        rolled_back_afterwards(django_db_blocker),
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        mock.patch("weasyprint.HTML", _PrintedHtml),
    ):
        today = timezone.localdate()
        objects, users = _build_world(today)
        _fill(objects, plan)
        readiness_refresh([objects[BusinessGroup].pk], today=today)
        missing = {
            m._meta.label
            for m in apps.get_models()
            if m._meta.app_label in OWN_APPS
            and not issubclass(m, HistoricalChanges)
            and not m.objects.exists()
        }
        assert not missing, f"the world has no record of {sorted(missing)}: add one"
        clients = {}
        for name, visits in PAGES.items():
            for visit in visits:
                args = visit.args(objects) if visit.args else None
                url = reverse(
                    name,
                    args=args if isinstance(args, list) else None,
                    kwargs=args if isinstance(args, dict) else None,
                )
                client = _client_for(clients, users, visit.user)
                response = client.get(url, visit.query or {})
                page = f"{visit.user} {url}" + (f"?{visit.query}" if visit.query else "")
                walk.reflected += bool(visit.query and REFLECTED in visit.query.values())
                _check(walk, page, response, visit.kind, visit.status)
        for role, url, query in _admin_visits(objects, users):
            response = _client_for(clients, users, role).get(url, query or {})
            walk.reflected += bool(query)
            _check(walk, f"{role} {url}" + (" ?q=payload" if query else ""), response, "html", 200)
        _upload_check(walk, _client_for(clients, users, "staf"), objects)
        assert GroupReadiness.objects.exists()
        yield walk


# --- The tests -------------------------------------------------------------------------------


def test_every_page_of_the_portal_is_walked_or_skipped_with_a_reason():
    names = _url_names()
    assert not set(PAGES) & set(SKIPPED)
    assert names - set(PAGES) - set(SKIPPED) == set(), "walk these pages, or skip them"
    assert set(PAGES) | set(SKIPPED) <= names, "stale entries"


def test_every_free_text_field_gets_a_payload():
    plan = plan_payloads()
    assert len(plan.values) > 80
    # Free text that the rule above must keep, so a change to it is noticed.
    for label in [
        "ikm.businessgroup.name",
        "ikm.businessgroup.description",
        "ikm.marketplacelink.url",
        "auth.user.first_name",
        "auth.user.email",
        "financing.lenderstaff.phone",
        "ikm.historicalbusinessgroup.history_change_reason",
    ]:
        assert label in plan.values, label
    for label in ["ikm.businessgroup.slug", "ikm.member.nik", "auth.user.username"]:
        assert label in plan.not_free_text, label
    assert any(value.startswith("javascript:") for _label, value in plan.refused)
    assert len(set(plan.values.values())) == len(plan.values), "payloads are unique per field"
    assert set(NOT_SHOWN) <= set(plan.values), "NOT_SHOWN lists a field that is not free text"


def test_the_check_finds_payloads_printed_as_markup():
    unescaped = [
        '<p><script>alert("xss001")</script></p>',
        '<img alt=""><img src=x onerror=alert("xss001")>',
        "<input value=x onfocus=alert('xss001') autofocus>",
        "<p><b id=xss001></p>",
        '<a href="javascript:alert(&quot;xss001&quot;)">toko</a>',
        '<script>const name = "xss001";</script>',
    ]
    for html in unescaped:
        assert _html_problems(html), html
    escaped = (
        "<p>&lt;script&gt;alert(&quot;xss001&quot;)&lt;/script&gt;</p>"
        '<input value="x onfocus=alert(&#x27;xss001&#x27;) autofocus">'
        '<a href="https://example.com/xss001&quot;&gt;&lt;script&gt;">toko</a>'
        "<textarea>&lt;/textarea&gt;&lt;/title&gt;&lt;script&gt;</textarea>"
    )
    assert _html_problems(escaped) == []
    assert _csv_problems("nama,kota\n=HYPERLINK(xss001),Palu\n") != []
    assert _csv_problems("nama,kota\n'=HYPERLINK(xss001),Palu\n") == []


def test_no_page_shows_a_payload_as_markup(walk):
    assert len(walk.pages) > 150
    assert not walk.problems, "\n".join(walk.problems)


def test_every_free_text_field_is_shown_escaped_or_listed_as_not_shown(walk):
    labels = set(walk.plan.values)
    unseen = labels - set(walk.seen) - set(NOT_SHOWN)
    assert not unseen, f"show these on a page, or add them to NOT_SHOWN: {sorted(unseen)}"
    shown_anyway = {
        label: sorted(walk.seen[label])[:3] for label in NOT_SHOWN if label in walk.seen
    }
    assert shown_anyway == {}, "listed as not shown, but these pages show them"


def test_figures_for_the_readme(walk):
    plan = walk.plan
    print(
        f"\n{plan.shapes_stored} payloads stored in {len(plan.values)} free-text fields "
        f"(+{len(plan.refused)} refused by validation, {walk.reflected} reflected in queries, "
        f"{walk.upload_cells} uploaded spreadsheet cells, {walk.upload_cells_shown} shown); "
        f"{len(walk.seen)} of {len(plan.values)} free-text fields shown escaped "
        f"({len(plan.values) + len(plan.not_free_text)} text fields, "
        f"{len(plan.not_free_text)} hold no markup); {len(walk.pages)} pages checked"
    )
    assert plan.shapes_stored >= len(plan.values)

"""Every URL pattern of the portal, requested by every role, answers as the tables here say.

The patterns come from Django's resolver (every included URLconf, the admin's too), so a new
URL without a row fails `test_every_url_pattern_has_a_row`, and a row whose URL is gone fails
it as well. Each URL is asked for with GET by eight users of one world, built once for the
module around group G:

    anonim       a visitor who has not logged in
    admin        Admin Dinas
    staf         Staf Dinas (whole city)
    mentor_lain  a mentor of lender B, who mentors another group (H)
    mentor       G's mentor, of lender A
    supervisor   a supervisor of lender A
    ketua_lain   the ketua (leader) of group H
    ketua        G's own ketua

Answers: 200; LOGIN or ADMIN_LOGIN, a 302 to the portal's or the admin's log-in page; To(...),
a 302 a page makes by design (to where it says); 403, in the user's scope without the right,
or a page the user's role may never open (refused before any lookup, so it reveals nothing);
404, outside the user's scope (its existence is not revealed); 405, an action that takes POST
only.

The rows say what the product's rules want (DOMAIN.md, portal/roles.py), not what the code
happened to answer: personal data never to people without the right, ketua only their own
group, mentors only their assigned groups, supervisors only their own lender's.
"""

import io
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from PIL import Image

from financing.services import mentor_assign
from ikm.models import Attendance, ImportJob, Kbli, MarketplaceLink, Membership, StageCriterion
from portal import roles
from portal.models import AuditEvent
from tests.demo import rolled_back_afterwards
from tests.factories import (
    AidCheckFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    CreditSchemeFactory,
    ImportJobFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderFactory,
    LenderStaffFactory,
    MembershipFactory,
    ProductFactory,
    StageProgressFactory,
    TargetFactory,
    ThemeFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonim", "admin", "staf", "mentor_lain", "mentor", "supervisor", "ketua_lain", "ketua")
# Who may see members' NIK and telephone (ikm.view_member_nik, ikm.view_member_contact).
PERSONAL_DATA_ROLES = {"admin", "staf"}
# Who has nothing to do with G: not even the names of its members may reach them.
OUTSIDE_G = {"anonim", "mentor_lain", "ketua_lain"}

LOGIN = "302 to log in"
ADMIN_LOGIN = "302 to the admin's log-in"


@dataclass(frozen=True)
class To:
    """A 302 that a page makes by design, to the page `url_name` (with `args`)."""

    url_name: str
    args: tuple = ()

    def __str__(self) -> str:
        return f"302 to {reverse(self.url_name, args=self.args)}"


PUBLIC = [200] * 8
DINAS_ONLY = [LOGIN, 200, 200, 403, 403, 403, 403, 403]
# Actions: the login check comes first, then the method (GET answers 405, POST does the work).
POST_ONLY = [LOGIN, 405, 405, 405, 405, 405, 405, 405]
MENTOR_PAGE = [LOGIN, 403, 403, 404, 200, 403, 404, 404]  # G's own mentor only
LEADER_PAGE = [LOGIN, 404, 404, 403, 403, 403, 404, 200]  # G's own ketua only


def admin_site(admin_answer, staff_answer) -> list:
    """The admin site: Dinas work there; anybody else is sent to its log-in page."""
    return [ADMIN_LOGIN, admin_answer, staff_answer] + [ADMIN_LOGIN] * 5


# The media folder is served by Django only with DEBUG on (portal/urls.py), so its pattern
# exists only when the URLconf was first read with DEBUG on.
MEDIA_PATTERN = "^media/(?P<path>.*)$"
DEBUG_ONLY = {MEDIA_PATTERN}

# URL pattern ("namespace:name", or the route of an unnamed one) -> answer per role in ROLES.
TABLE = {
    # Public pages and files: the same for everybody, and none shows personal data (checked
    # in every answer below).
    "home": PUBLIC,
    "healthz": PUBLIC,
    "thumbnail": PUBLIC,  # G's photo: photos of groups and products are public
    "sitemap": PUBLIC,
    "sitemap_section": PUBLIC,
    "robots": PUBLIC,
    "ikm:directory": PUBLIC,
    "ikm:directory_csv": PUBLIC,
    "ikm:directory_json": PUBLIC,
    "ikm:profile": PUBLIC,
    "ikm:theme": PUBLIC,
    "kelurahan:detail": PUBLIC,
    "financing:service_worker": PUBLIC,  # a script holding nothing private
    MEDIA_PATTERN: PUBLIC,  # G's photo (DEBUG only)
    # Logging in and out.
    "login": [200] + [To("landing")] * 7,  # a user already logged in goes on to their page
    "logout": [405] * 8,  # Django logs out by POST only
    "landing": [
        LOGIN,
        To("workspace:dashboard"),
        To("workspace:dashboard"),
        To("financing:my_groups"),
        To("financing:my_groups"),
        To("financing:lender"),
        To("ikm:leader_groups"),
        To("ikm:leader_groups"),
    ],
    "language": [To("home")] * 8,  # goes back to ?next=, here none: the home page
    # The admin site itself; its pages per model are in ADMIN_RIGHTS below.
    "admin:index": admin_site(200, 200),
    # Already logged in with the right: sent on to the index; without it: the log-in form,
    # which tells them they may not use the admin.
    "admin:login": [200, To("admin:index"), To("admin:index"), 200, 200, 200, 200, 200],
    # Who may not use the admin is sent to its index (Django's admin_view), not the log-in.
    "admin:logout": [To("admin:index"), 405, 405] + [To("admin:index")] * 5,
    "admin:password_change": admin_site(200, 200),
    "admin:password_change_done": admin_site(200, 200),
    # Searching users to link to a member (?app_label=ikm&model_name=member&field_name=user):
    # only who may view users.
    "admin:autocomplete": admin_site(200, 403),
    "admin:jsi18n": admin_site(200, 200),
    # No model of the portal has a public address (get_absolute_url) for it to go to.
    "admin:view_on_site": admin_site(404, 404),
    # The "auth" app (users and roles): Django answers 404 for an app without a model the
    # user may see.
    "admin:app_list": admin_site(200, 404),
    # An admin address that does not exist: 404, after the admin's own log-in check.
    "admin/(?P<url>.*)$": admin_site(404, 404),
    # The Dinas workspace: reports and figures of the whole city, members' NIK in the sheets.
    "workspace:dashboard": DINAS_ONLY,
    "workspace:evaluation": DINAS_ONLY,
    "workspace:evaluation_pdf": DINAS_ONLY,
    "workspace:evaluation_register_csv": DINAS_ONLY,
    "workspace:group_timeline": DINAS_ONLY,
    "workspace:group_sheet": DINAS_ONLY,
    "workspace:reports": DINAS_ONLY,
    "workspace:kecamatan_summary": DINAS_ONLY,
    "workspace:kelurahan_summary": DINAS_ONLY,
    # Ketua pages. Dinas may edit groups (ikm.change_businessgroup) but lead none: an empty
    # list, and 404 for G, which is no group they lead.
    "ikm:leader_groups": [
        LOGIN,
        200,
        200,
        403,
        403,
        403,
        To("ikm:leader_group", ("abon-lere",)),  # a ketua of one group goes straight to it
        To("ikm:leader_group", ("kopi-besusu",)),
    ],
    "ikm:leader_group": LEADER_PAGE,
    "ikm:leader_product_add": LEADER_PAGE,
    "ikm:leader_product": LEADER_PAGE,
    "ikm:leader_product_delete": POST_ONLY,
    # Dinas pages of trainings, programs, aid, targets and the import.
    "ikm:trainings": DINAS_ONLY,
    "ikm:training": DINAS_ONLY,
    "ikm:training_certificate": DINAS_ONLY,  # PDF with the participant's name
    "ikm:programs": DINAS_ONLY,
    "ikm:program": DINAS_ONLY,
    "ikm:aid_at_risk": DINAS_ONLY,
    "ikm:aid_at_risk_csv": DINAS_ONLY,
    "ikm:targets": DINAS_ONLY,
    "ikm:import_start": DINAS_ONLY,
    "ikm:import_template": DINAS_ONLY,
    "ikm:import_template_csv": DINAS_ONLY,
    "ikm:import_detail": DINAS_ONLY,  # the job of `staf`; Admin Dinas open every job
    "ikm:import_status": DINAS_ONLY,
    "ikm:import_confirm": POST_ONLY,
    "ikm:import_restart": POST_ONLY,
    # Members as CSV: Dinas with NIK and phone, banks their own groups' without them (the
    # NIK check below), a ketua nothing.
    "ikm:export": [LOGIN, 200, 200, 200, 200, 200, 403, 403],
    # A member's rights (UU PDP): all their data (as JSON here) for Dinas holding the NIK and
    # contact rights; anonymising, which cannot be undone, for Admin Dinas only.
    "ikm:member_personal_data": DINAS_ONLY,
    "ikm:member_anonymise": [LOGIN, 200, 403, 403, 403, 403, 403, 403],
    # Mentoring.
    "financing:my_groups": [LOGIN, 403, 403, 200, 200, 403, 403, 403],
    "financing:group": [LOGIN, 200, 200, 404, 200, 200, 404, 404],
    "financing:visit_create": MENTOR_PAGE,
    "financing:credit_propose": MENTOR_PAGE,
    "financing:lender": [LOGIN, 403, 403, 403, 403, 200, 403, 403],
    # Dinas name the lender (?lender=); without one there is no report (test_lender_report).
    "financing:lender_report": [LOGIN, 404, 404, 403, 403, 200, 403, 403],
    "financing:application": [LOGIN, 200, 200, 404, 200, 200, 404, 404],
    "financing:coverage": DINAS_ONLY,
    "financing:assign": DINAS_ONLY,
    # POST only, checked before the log-in: no answer tells anything about the assignment.
    "financing:assignment_end": [405] * 8,
}

# Query strings some URLs need to do their work.
QUERIES = {"admin:autocomplete": "?app_label=ikm&model_name=member&field_name=user&term=a"}

# What the admin lets each Dinas role do with each registered model, after portal/roles.py's
# permission lists and each ModelAdmin's own limits: v(iew), a(dd), c(hange), d(elete).
# (Admin Dinas, Staf Dinas); everybody else is sent to the admin's log-in page.
ADMIN_RIGHTS = {
    "auth.group": ("v", ""),
    "auth.user": ("vac", ""),
    "axes.accessattempt": ("vd", ""),  # no add in django-axes' admin
    "axes.accesslog": ("v", ""),
    "axes.accessfailurelog": ("v", ""),
    "portal.auditevent": ("v", ""),  # read only: a trail that can be edited proves nothing
    "kelurahan.province": ("vacd", "va"),
    "kelurahan.regency": ("vacd", "va"),
    "kelurahan.kecamatan": ("vacd", "va"),
    "kelurahan.kelurahan": ("vacd", "vac"),
    "ikm.kbli": ("vacd", "vacd"),
    "ikm.theme": ("vacd", "vacd"),
    "ikm.businessgroup": ("vacd", "vacd"),
    "ikm.member": ("vacd", "vacd"),
    "ikm.product": ("vacd", "vacd"),
    "ikm.certification": ("vacd", "vacd"),
    "ikm.membership": ("vacd", "vacd"),
    "ikm.marketplacelink": ("vacd", "vacd"),
    "ikm.program": ("vacd", "vacd"),
    "ikm.stage": ("vacd", "vacd"),
    "ikm.stagecriterion": ("vacd", "vacd"),
    "ikm.enrolment": ("vacd", "vacd"),
    "ikm.stageprogress": ("vacd", "vacd"),
    "ikm.aid": ("vacd", "vacd"),
    "ikm.aidcheck": ("vacd", "vacd"),
    "ikm.training": ("vacd", "vacd"),
    "ikm.trainingday": ("vacd", "vacd"),
    "ikm.attendance": ("vacd", "vacd"),
    "ikm.trainingregistration": ("vacd", "vacd"),
    "ikm.target": ("vacd", "vacd"),
    "ikm.importjob": ("vd", "vd"),  # made and moved on by the import pages only
    "financing.lender": ("vacd", "v"),
    "financing.lenderstaff": ("vacd", "v"),
    "financing.mentorassignment": ("vacd", "vac"),
    "financing.bookkeepingvisit": ("vacd", "v"),
    "financing.creditscheme": ("vacd", "v"),
    "financing.creditapplication": ("vacd", "v"),
}
# The right each admin page of a model needs (its URL name ends with the page's kind).
ADMIN_PAGE_RIGHTS = {
    "changelist": "v",
    "change": "v",
    "history": "v",
    "simple_history": "v",  # one old version (django-simple-history)
    "export": "v",  # IMPORT_EXPORT_EXPORT_PERMISSION_CODE
    "add": "a",
    "import": "a",  # IMPORT_EXPORT_IMPORT_PERMISSION_CODE
    "delete": "d",
    "password_change": "c",  # a user's password
}
ADMIN_POST_ONLY = {"process_import"}
REDIRECT = "redirect"  # the unnamed "<object_id>/", the change page's address before 1.9


def _admin_pages() -> dict[str, tuple[str, str]]:
    """Every admin URL of every registered model: its key (as in `url_patterns`) -> (model
    label, kind of page)."""
    pages = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_"
        for pattern in model_admin.get_urls():
            if pattern.name:
                key, kind = f"admin:{pattern.name}", pattern.name.removeprefix(prefix)
            else:
                key, kind = f"admin/{opts.app_label}/{opts.model_name}/{pattern.pattern}", REDIRECT
            pages[key] = (opts.label_lower, kind)
    return pages


ADMIN_PAGES = _admin_pages()
# The figures for the README: URL patterns walked (DEBUG's media route aside) and the GET
# requests that makes, one per role.
URL_PATTERN_COUNT = len(TABLE) - len(DEBUG_ONLY) + len(ADMIN_PAGES)
REQUEST_COUNT = URL_PATTERN_COUNT * len(ROLES)


def url_patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """The key of every URL pattern under `resolver`: "namespace:name", or its whole route
    when it has no name."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern, route, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name
        else:
            yield route


# -- The world -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("url-roles-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, world_media):
    """Replaces the conftest's: requests find the world's photo and import file."""
    settings.MEDIA_ROOT = world_media


class _HtmlAsPdf:
    """Stands in for WeasyPrint: the "PDF" is the report's HTML. Printing takes seconds and
    comes after every access check; and so the personal data check below can read it."""

    def __init__(self, *, string: str, **kwargs):
        self.string = string

    def write_pdf(self) -> bytes:
        return self.string.encode()


@pytest.fixture(autouse=True)
def _pdf_as_html(monkeypatch):
    monkeypatch.setattr("weasyprint.HTML", _HtmlAsPdf)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """Group G with everything that hangs on it, the other group H, and the eight users
    logged in, each in their own client; built once and rolled back after the module."""
    with rolled_back_afterwards(django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(
                MEDIA_ROOT=world_media,
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
        ):
            built = _world_build()
        yield built


class World:
    """The objects of the world, as attributes; `args` holds each URL's arguments."""


def _photo(name: str) -> str:
    image = io.BytesIO()
    Image.new("RGB", (400, 300), "saddlebrown").save(image, "JPEG")
    return default_storage.save(name, ContentFile(image.getvalue()))


def _leader(group, username: str):
    user = UserFactory(username=username, role=roles.GROUP_LEADER)
    membership = MembershipFactory(group=group, role=Membership.Role.LEADER, member__user=user)
    return user, membership


def _world_build() -> World:
    w = World()
    kelurahan = KelurahanFactory(
        code="72.71.01.1004",
        name="Besusu Barat",
        kecamatan=KecamatanFactory(code="72.71.01", name="Palu Timur"),
    )
    theme = ThemeFactory(name="Kopi bubuk", slug="kopi-bubuk")
    w.kbli = Kbli.objects.get(code="10761")
    w.kbli.save()  # loaded in bulk by a migration, without the history its admin shows
    theme.kbli.add(w.kbli)
    w.g = BusinessGroupFactory(
        name="IKM Kopi Besusu",
        slug="kopi-besusu",
        kelurahan=kelurahan,
        theme=theme,
        photo=_photo("kelompok/kopi-besusu.jpg"),
    )
    w.h = BusinessGroupFactory(name="IKM Abon Lere", slug="abon-lere")

    w.lender_a = LenderFactory(name="Bank Rakyat Indonesia", branch="Cabang Palu")
    w.lender_b = LenderFactory(name="Bank Sulteng", branch="Kantor Pusat Palu")
    w.mentor = LenderStaffFactory(user__username="mentor-bri", lender=w.lender_a)
    w.other_mentor = LenderStaffFactory(user__username="mentor-sulteng", lender=w.lender_b)
    supervisor = LenderStaffFactory(
        user=UserFactory(username="supervisor-bri", role=roles.BANK_SUPERVISOR),
        lender=w.lender_a,
    )
    w.assignment = mentor_assign(group=w.g, mentor=w.mentor, by=None)
    mentor_assign(group=w.h, mentor=w.other_mentor, by=None)

    w.leader, leadership = _leader(w.g, "ketua-kopi")
    other_leader, _ = _leader(w.h, "ketua-abon")
    w.member = MembershipFactory(group=w.g, member__name="Siti Rahmawati Lamba").member
    product = ProductFactory(group=w.g, name="Kopi bubuk 250 g")
    certification = CertificationFactory(product=product)
    visit = BookkeepingVisitFactory(assignment=w.assignment)
    scheme = CreditSchemeFactory()
    w.application = CreditApplicationFactory(
        group=w.g, lender=w.lender_a, scheme=scheme, proposed_by=w.mentor.user
    )
    aid_check = AidCheckFactory(aid__group=w.g)
    progress = StageProgressFactory(enrolment__group=w.g)
    day = TrainingDayFactory(training=TrainingFactory())
    registration = TrainingRegistrationFactory(training=day.training, member=w.member, group=w.g)
    attendance = Attendance.objects.create(registration=registration, day=day)  # every day
    link = MarketplaceLink.objects.create(
        group=w.g, platform=MarketplaceLink.Platform.SHOPEE, url="https://shopee.co.id/kopi"
    )
    criterion = StageCriterion.objects.create(stage=progress.stage, text="Punya NIB")
    target = TargetFactory(kelurahan=kelurahan)
    staff = UserFactory(username="staf-dinas", role=roles.DINAS_STAFF)
    # Already checked, so that opening it does not start reading the file.
    job = ImportJobFactory(user=staff, status=ImportJob.Status.HAS_ERRORS)

    users = {
        "anonim": None,
        "admin": UserFactory(username="admin-dinas", role=roles.DINAS_ADMIN),
        "staf": staff,
        "mentor_lain": w.other_mentor.user,
        "mentor": w.mentor.user,
        "supervisor": supervisor.user,
        "ketua_lain": other_leader,
        "ketua": w.leader,
    }
    w.clients = {}
    for role, user in users.items():
        w.clients[role] = Client()
        if user:
            w.clients[role].force_login(user)

    attempt = {"user_agent": "Firefox", "ip_address": "10.0.0.7", "username": "tamu"}
    w.admin_objects = {
        "auth.group": Group.objects.get(name=roles.GROUP_LEADER),
        "auth.user": w.leader,
        "axes.accessattempt": AccessAttempt.objects.create(
            **attempt, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(**attempt),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**attempt),
        "portal.auditevent": AuditEvent.objects.create(
            action=AuditEvent.Action.LOGIN, user=w.leader, username=w.leader.username
        ),
        "kelurahan.province": kelurahan.kecamatan.regency.province,
        "kelurahan.regency": kelurahan.kecamatan.regency,
        "kelurahan.kecamatan": kelurahan.kecamatan,
        "kelurahan.kelurahan": kelurahan,
        "ikm.kbli": w.kbli,
        "ikm.theme": theme,
        "ikm.businessgroup": w.g,
        "ikm.member": w.member,
        "ikm.product": product,
        "ikm.certification": certification,
        "ikm.membership": leadership,
        "ikm.program": progress.enrolment.program,
        "ikm.stage": progress.stage,
        "ikm.enrolment": progress.enrolment,
        "ikm.stageprogress": progress,
        "ikm.aid": aid_check.aid,
        "ikm.aidcheck": aid_check,
        "ikm.training": day.training,
        "ikm.trainingregistration": registration,
        "ikm.target": target,
        "ikm.marketplacelink": link,
        "ikm.stagecriterion": criterion,
        "ikm.trainingday": day,
        "ikm.attendance": attendance,
        "ikm.importjob": job,
        "financing.lender": w.lender_a,
        "financing.lenderstaff": w.mentor,
        "financing.mentorassignment": w.assignment,
        "financing.bookkeepingvisit": visit,
        "financing.creditscheme": scheme,
        "financing.creditapplication": w.application,
    }
    w.args = {
        "thumbnail": [320, w.g.photo.name],
        "admin:view_on_site": [ContentType.objects.get_for_model(w.g).pk, w.g.pk],
        "admin:app_list": ["auth"],
        "workspace:group_timeline": [w.g.pk],
        "workspace:group_sheet": [w.g.pk],
        "workspace:kecamatan_summary": [kelurahan.kecamatan_id],
        "workspace:kelurahan_summary": [kelurahan.code],
        "ikm:profile": [w.g.slug],
        "sitemap_section": ["umkm"],
        "ikm:theme": [theme.slug],
        "ikm:leader_group": [w.g.slug],
        "ikm:leader_product_add": [w.g.slug],
        "ikm:leader_product": [w.g.slug, product.pk],
        "ikm:leader_product_delete": [w.g.slug, product.pk],
        "ikm:training": [day.training_id],
        "ikm:training_certificate": [day.training_id, registration.pk],
        "ikm:program": [progress.enrolment.program_id],
        "ikm:import_template_csv": ["anggota"],
        "ikm:import_detail": [job.pk],
        "ikm:import_status": [job.pk],
        "ikm:import_confirm": [job.pk],
        "ikm:import_restart": [job.pk],
        "ikm:export": ["anggota", "csv"],
        "ikm:member_personal_data": [w.member.pk, "json"],
        "ikm:member_anonymise": [w.member.pk],
        "kelurahan:detail": [kelurahan.code],
        "financing:group": [w.g.slug],
        "financing:visit_create": [w.g.slug],
        "financing:credit_propose": [w.g.slug],
        "financing:application": [w.application.pk],
        "financing:assign": [w.g.slug],
        "financing:assignment_end": [w.assignment.pk],
    }
    # Unnamed patterns have no name to reverse.
    w.paths = {
        MEDIA_PATTERN: w.g.photo.url,
        "admin/(?P<url>.*)$": "/admin/tidak-ada/",
    }
    return w


# -- Asking ------------------------------------------------------------------------------


def _answer(response):
    """The status, or for a redirect where it leads: comparable with the tables' entries."""
    if response.status_code not in (301, 302):
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("login") + "?next="):
        return LOGIN
    if location.startswith(reverse("admin:login") + "?next="):
        return ADMIN_LOGIN
    return f"{response.status_code} to {location}"


def _body(response) -> bytes:
    # The test client closes the response itself (a streaming one once read to the end);
    # closing it again would send request_finished and close the database connection.
    return b"".join(response.streaming_content) if response.streaming else response.content


def _ask_everybody(world, url: str) -> list:
    answers = []
    for role in ROLES:
        response = world.clients[role].get(url)
        body = _body(response)
        # Searched as text: HTML, JSON, CSV and the PDFs' HTML (see _HtmlAsPdf).
        hidden = [world.member.nik, world.member.phone] if role not in PERSONAL_DATA_ROLES else []
        hidden += [world.member.name] if role in OUTSIDE_G else []
        for value in hidden:
            assert value.encode() not in body, f"{role} got {value} from {url}"
        answers.append(_answer(response))
    return answers


def _expected(row) -> list:
    return [str(entry) if isinstance(entry, To) else entry for entry in row]


# -- Tests -------------------------------------------------------------------------------


def test_every_url_pattern_has_a_row():
    keys = list(url_patterns(get_resolver()))
    assert len(keys) == len(set(keys)), "two URL patterns with the same name"
    in_tables = set(TABLE) | set(ADMIN_PAGES)
    assert set(keys) - in_tables == set(), "URLs without a row in TABLE"
    assert in_tables - set(keys) - DEBUG_ONLY == set(), "rows of URLs that no longer exist"


def test_every_admin_model_and_page_has_an_expectation():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_RIGHTS), "add the model's rights to ADMIN_RIGHTS"
    kinds = {kind for _label, kind in ADMIN_PAGES.values()}
    known = set(ADMIN_PAGE_RIGHTS) | ADMIN_POST_ONLY | {REDIRECT}
    assert kinds <= known, "add the admin page's right to ADMIN_PAGE_RIGHTS"


def _media_pattern():
    return next((p for p in get_resolver().url_patterns if str(p.pattern) == MEDIA_PATTERN), None)


@pytest.mark.parametrize("key", TABLE)
def test_every_role_gets_the_answer_of_the_table(world, world_media, monkeypatch, key):
    if key in world.paths:
        url = world.paths[key]
        if key == MEDIA_PATTERN:
            media = _media_pattern()
            if media is None:
                pytest.skip("served with DEBUG on only")
            # static() fixed its folder when the URLconf was first read.
            monkeypatch.setitem(media.default_args, "document_root", world_media)
    else:
        url = reverse(key, args=world.args.get(key, []))
    url += QUERIES.get(key, "")

    assert _ask_everybody(world, url) == _expected(TABLE[key])


def _admin_answer(rights: str, kind: str, change_url: str):
    if kind in ADMIN_POST_ONLY:
        return 405
    if kind == REDIRECT:
        return f"302 to {change_url}"  # the change page then says what the user may do
    right = ADMIN_PAGE_RIGHTS[kind]
    allowed = right in rights or (right == "v" and "c" in rights)
    return 200 if allowed else 403


@pytest.mark.parametrize("key", ADMIN_PAGES)
def test_every_role_gets_the_answer_of_the_admin_rights(world, key):
    label, kind = ADMIN_PAGES[key]
    obj = world.admin_objects.get(label)
    assert obj is not None, f"add a {label} to the world's admin_objects"
    opts = obj._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    if kind == REDIRECT:
        url = change_url.removesuffix("change/")
    elif kind == "simple_history":
        url = reverse(key, args=[obj.pk, obj.history.earliest().history_id])
    elif kind in ("change", "delete", "history", "password_change"):
        url = reverse(key, args=[obj.pk])
    else:
        url = reverse(key)
    admin_rights, staff_rights = ADMIN_RIGHTS[label]

    expected = admin_site(
        _admin_answer(admin_rights, kind, change_url),
        _admin_answer(staff_rights, kind, change_url),
    )
    assert _ask_everybody(world, url) == expected


# -- What a GET cannot show ----------------------------------------------------------------


def test_only_dinas_can_end_an_assignment(world):
    url = reverse("financing:assignment_end", args=[world.assignment.pk])
    for role in ["mentor_lain", "mentor", "supervisor", "ketua_lain", "ketua"]:
        assert world.clients[role].post(url).status_code == 403
    assert world.clients["staf"].post(url).status_code == 302
    assert world.clients["admin"].post(url).status_code == 404  # already ended


def test_a_supervisor_of_another_lender_sees_nothing_of_ours(world, client):
    other = LenderStaffFactory(
        user=UserFactory(username="supervisor-sulteng", role=roles.BANK_SUPERVISOR),
        lender=world.lender_b,
    )
    client.force_login(other.user)

    assert client.get(reverse("financing:group", args=[world.g.slug])).status_code == 404
    url = reverse("financing:application", args=[world.application.pk])
    assert client.get(url).status_code == 404
    overview = client.get(reverse("financing:lender"))
    assert [a.group for a in overview.context["assignments"]] == [world.h]


def test_figures_for_the_readme():
    print(
        f"\n{URL_PATTERN_COUNT} URL patterns ({len(TABLE) - len(DEBUG_ONLY)} of the portal, "
        f"{len(ADMIN_PAGES)} of the admin) x {len(ROLES)} roles = {REQUEST_COUNT} answers"
    )
    assert len(set(url_patterns(get_resolver())) - DEBUG_ONLY) == URL_PATTERN_COUNT

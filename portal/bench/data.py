"""A province for the benchmark: Jawa Tengah's official areas and 100,000 made-up groups.

`make_bench_data()` fills a PostgreSQL database through COPY (rows made in Python from
portal/bench/vocabulary.py with a fixed seed, so two runs make the same province), then lets
PostgreSQL's own trigger fill the search documents once, and analyses the tables. It only
works on a database that is empty or that it filled before (marked with a database comment):
a database with anybody's real records is refused.
"""

import io
import math
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
)
from financing.standing import readiness_refresh
from ikm.models import (
    Aid,
    AidCheck,
    Attendance,
    BusinessGroup,
    Certification,
    Enrolment,
    Kbli,
    Member,
    Membership,
    Product,
    Program,
    Stage,
    StageProgress,
    Theme,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from ikm.validators import word_key
from kelurahan.models import Kelurahan
from kelurahan.services import wilayah_load
from portal import roles
from portal.bench import vocabulary as words
from portal.caching import data_changed

BENCH_MARK = "portal-bench"
SEED = 33
COPY_CHUNK_ROWS = 50_000
# The search trigger runs per row; it is switched off during the load and run once after.
SEARCH_TRIGGERS = [
    ("ikm_businessgroup", "ikm_group_search_fill"),
    ("ikm_product", "ikm_product_search_touch"),
]
# Tables that stay: what migrations put there (roles, permissions, KBLI) and the areas,
# which the load refreshes from the official list.
KEPT_MODELS = {"kbli", "kelurahan", "kecamatan", "regency", "province"}
EMPTIED_APPS = {"ikm", "financing", "portal", "axes", "sessions", "admin"}


class NotABenchDatabase(Exception):
    """The database holds records the benchmark did not make, or is not PostgreSQL."""


@dataclass(frozen=True)
class BenchSize:
    groups: int
    members: int
    products: int
    visits: int
    aid: int
    credit_applications: int
    groups_per_mentor: int = 40

    @classmethod
    def for_groups(cls, groups: int) -> "BenchSize":
        """The issue's province (100,000 groups) or a smaller one in the same proportions."""
        return cls(
            groups=groups,
            members=groups * 5,
            products=groups * 3,
            visits=groups * 10,
            aid=groups // 2,
            credit_applications=groups // 5,
        )


def is_bench_database(using=connection) -> bool:
    if using.vendor != "postgresql":
        return False
    with using.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        (comment,) = cursor.fetchone()
    return comment == BENCH_MARK


def _holds_records() -> bool:
    return (
        BusinessGroup.objects.exists()
        or Member.objects.exists()
        or get_user_model().objects.exists()
    )


def bench_database_claim() -> None:
    """Refuse a database with other data; mark an empty one as the benchmark's."""
    if connection.vendor != "postgresql":
        raise NotABenchDatabase("The benchmark data needs PostgreSQL (set DATABASE_URL).")
    if is_bench_database():
        return
    if _holds_records():
        raise NotABenchDatabase(
            f"Database {connection.settings_dict['NAME']!r} holds records that the benchmark "
            "did not make; it is left alone. Use an empty database, e.g. portal_bench."
        )
    with connection.cursor() as cursor:
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        cursor.execute(f"COMMENT ON DATABASE {name} IS %s", [BENCH_MARK])


def _emptied_models() -> list[type[models.Model]]:
    tables = {}
    for model in [*apps.get_models(include_auto_created=True), get_user_model()]:
        meta = model._meta
        if model is get_user_model() or (
            meta.app_label in EMPTIED_APPS
            and meta.model_name not in KEPT_MODELS
            and meta.managed
            and not meta.proxy
        ):
            tables.setdefault(meta.db_table, model)
    return list(tables.values())


def _tables_empty() -> None:
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _emptied_models())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


# Tables filled by COPY with ids given: their id sequences must move past those ids.
_copied_models: set[type[models.Model]] = set()


def copy_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> int:
    """COPY rows (tuples in the order of `fields`) into the model's table; returns the count.

    Columns left out that the model gives a constant default (a record's `version`, say) get
    it: Django keeps defaults in Python, and COPY would write NULL.
    """
    _copied_models.add(model)
    defaults = [
        (field.name, field.get_default())
        for field in model._meta.concrete_fields
        if field.name not in fields
        and not field.null
        and field.has_default()
        and not callable(field.default)
    ]
    if defaults:
        fields = [*fields, *(name for name, _value in defaults)]
        constants = tuple(value for _name, value in defaults)
        rows = (row + constants for row in rows)
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in fields
    )
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    count = 0
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        for row in rows:
            buffer.write("\t".join(map(_copy_value, row)))
            buffer.write("\n")
            count += 1
            if count % COPY_CHUNK_ROWS == 0:
                buffer.seek(0)
                cursor.copy_expert(statement, buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        cursor.copy_expert(statement, buffer)
    return count


def _split(total: int, parts: int, low: int, high: int, rng: random.Random) -> list[int]:
    """`parts` random sizes between low and high (where possible) that add up to `total`."""
    if parts == 0:
        return []
    sizes = [rng.randint(low, high) for _ in range(parts)]
    difference = total - sum(sizes)
    step = 1 if difference > 0 else -1
    index = 0
    while difference:
        i = index % parts
        if (step > 0 and sizes[i] < high * 3) or (step < 0 and sizes[i] > 0):
            sizes[i] += step
            difference -= step
        index += 1
    return sizes


class ProvinceBuilder:
    """Makes the rows; ids are given here, so that related rows can point at them."""

    def __init__(
        self, size: BenchSize, *, area_code: str, seed: int, today: date, log: Callable[[str], None]
    ):
        self.size = size
        self.area_code = area_code
        self.rng = random.Random(seed)
        self.today = today
        self.now = timezone.now()
        self.log = log
        self.counts: dict[str, int] = {}

    def _count(self, label: str, count: int) -> None:
        self.counts[label] = count
        self.log(f"{label}: {count:,}".replace(",", "."))

    def _date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def _phone(self) -> str:
        prefix = self.rng.choice(words.MOBILE_PREFIXES)
        return f"+62{prefix}{self.rng.randint(10_000_000, 99_999_999)}"

    def _person_name(self, gender: str) -> str:
        given = words.MALE_NAMES if gender == "L" else words.FEMALE_NAMES
        return f"{self.rng.choice(given)} {self.rng.choice(words.FAMILY_NAMES)}"

    def _address(self) -> str:
        rt, rw = self.rng.randint(1, 12), self.rng.randint(1, 8)
        street = f"{self.rng.choice(words.STREETS)} No. {self.rng.randint(1, 200)}"
        return f"{street}, RT {rt:02d}/RW {rw:02d}"

    # Areas, themes, lenders: few rows, through the ORM.

    def areas(self) -> None:
        wilayah_load(code=self.area_code)
        self.kelurahan = list(Kelurahan.objects.in_area(self.area_code).values_list("code", "kind"))
        # Towns hold more groups than villages, and some places far more than others.
        self.kelurahan_weights = [
            (3.0 if kind == Kelurahan.Kind.KELURAHAN else 1.0) * self.rng.lognormvariate(0, 0.8)
            for _, kind in self.kelurahan
        ]
        self._count("kelurahan/desa", len(self.kelurahan))

    def themes(self) -> None:
        self.theme_ids = []
        for name, slug, kbli_codes, _products, description in words.THEMES:
            theme = Theme.objects.create(name=name, slug=slug, description=description)
            theme.kbli.set(Kbli.objects.filter(code__in=kbli_codes))
            self.theme_ids.append(theme.pk)
        self.theme_products = {
            theme_id: theme[3] for theme_id, theme in zip(self.theme_ids, words.THEMES, strict=True)
        }

    def lenders(self) -> None:
        self.lender_ids = [
            Lender.objects.create(name=name, kind=kind, branch="Wilayah Jawa Tengah").pk
            for name, kind in words.LENDERS
        ]
        self.scheme_ids = [
            CreditScheme.objects.create(
                name=name, kind=kind, interest_rate=rate, ceiling=ceiling
            ).pk
            for name, kind, rate, ceiling in words.CREDIT_SCHEMES
        ]

    # The province's groups and what hangs on them, through COPY.

    def groups(self) -> None:
        size = self.size.groups
        places = self.rng.choices(
            [code for code, _ in self.kelurahan], weights=self.kelurahan_weights, k=size
        )
        statuses = self.rng.choices(["aktif", "tidak_aktif", "bubar"], [85, 10, 5], k=size)
        self.group_rows = []  # (id, kelurahan, theme, status, founded_on)
        rows = []
        for index in range(size):
            group_id = index + 1
            theme_id = self.rng.choice(self.theme_ids)
            product_word = self.rng.choice(self.theme_products[theme_id])
            kind = self.rng.choices(["ikm", "umkm", "kube", "koperasi"], [50, 35, 10, 5])[0]
            name = f"{kind.upper()} {product_word} {self.rng.choice(words.GROUP_NAME_WORDS)}"
            founded = self._date_between(date(2005, 1, 1), self.today)
            status = statuses[index]
            listed = status == "aktif" and self.rng.random() < 0.75
            self.group_rows.append((group_id, places[index], theme_id, status, founded))
            rows.append(
                (
                    group_id,
                    name,
                    f"{slugify(name)}-{group_id}",
                    kind,
                    places[index],
                    theme_id,
                    status,
                    founded,
                    self._address(),
                    "",
                    self._phone(),
                    f"{9_100_000_000_000 + group_id}" if self.rng.random() < 0.3 else "",
                    f"Kelompok {name} membuat {product_word.lower()} sejak "
                    f"{founded.year}, dipasarkan di pasar dan toko oleh-oleh.",
                    "",
                    self.rng.randint(2, 30),
                    listed,
                    self.rng.random() < 0.3,
                    self.now,
                    self.now - timedelta(minutes=self.rng.randint(0, 500_000)),
                    "",
                    word_key(name),
                    self.today if listed else None,
                )
            )
        fields = [
            "id", "name", "slug", "kind", "kelurahan", "theme", "status", "founded_on",
            "address", "phone", "whatsapp", "nib", "description", "photo", "workforce",
            "listed_publicly", "show_leader_name", "created_at", "updated_at", "search_text",
            "name_key", "listed_publicly_since",
        ]  # fmt: skip
        self._count("kelompok", copy_rows(BusinessGroup, fields, rows))

    def members(self) -> None:
        sizes = _split(self.size.members, len(self.group_rows), 3, 7, self.rng)
        board = ["ketua", "sekretaris", "bendahara"]
        self.members_of_group: dict[int, range] = {}
        member_rows, membership_rows = [], []
        member_id = 0
        for (group_id, kelurahan, _theme, _status, founded), count in zip(
            self.group_rows, sizes, strict=True
        ):
            first = member_id + 1
            region = kelurahan.replace(".", "")[:6]
            for position in range(count):
                member_id += 1
                gender = "P" if self.rng.random() < 0.6 else "L"
                born = self._date_between(date(1960, 1, 1), date(2004, 12, 31))
                day = born.day + (40 if gender == "P" else 0)
                # Region, birth date (women +40), serial; clashes are moved on below.
                nik = f"{region}{day:02d}{born:%m%y}{member_id % 9_999 + 1:04d}"
                member_rows.append(
                    (
                        member_id,
                        nik,
                        self._person_name(gender),
                        gender,
                        self._phone(),
                        self._address(),
                    )
                )
                joined = self._date_between(founded, self.today)
                left = None
                if position >= 3 and self.rng.random() < 0.05:
                    left = self._date_between(joined, self.today)
                membership_rows.append(
                    (
                        member_id,
                        member_id,
                        group_id,
                        board[position] if position < 3 else "anggota",
                        joined,
                        left,
                        False,
                    )
                )
            self.members_of_group[group_id] = range(first, member_id + 1)
        self._nik_unique(member_rows)
        self._count(
            "anggota",
            copy_rows(Member, ["id", "nik", "name", "gender", "phone", "address"], member_rows),
        )
        self._count(
            "keanggotaan",
            copy_rows(
                Membership,
                [
                    "id",
                    "member",
                    "group",
                    "role",
                    "joined_on",
                    "left_on",
                    "several_groups_confirmed",
                ],
                membership_rows,
            ),
        )

    @staticmethod
    def _nik_unique(member_rows: list[tuple]) -> None:
        seen = set()
        for index, row in enumerate(member_rows):
            nik = row[1]
            while nik in seen:
                nik = f"{nik[:12]}{int(nik[12:]) % 9_999 + 1:04d}"
            seen.add(nik)
            if nik != row[1]:
                member_rows[index] = (row[0], nik, *row[2:])

    def products(self) -> None:
        sizes = _split(self.size.products, len(self.group_rows), 1, 5, self.rng)
        product_rows, certificate_rows = [], []
        product_id = certificate_id = 0
        kinds = [kind for kind, _ in Certification.Kind.choices]
        for (group_id, _kelurahan, theme_id, _status, _founded), count in zip(
            self.group_rows, sizes, strict=True
        ):
            names = set()
            while len(names) < count:
                base = self.rng.choice(self.theme_products[theme_id])
                if self.rng.random() < words.RARE_PRODUCT_SHARE:
                    base = self.rng.choice(words.RARE_PRODUCTS)
                variant = self.rng.choice(words.PRODUCT_VARIANTS)
                name = f"{base} {variant}".strip()
                if name in names:
                    name = f"{name} {len(names) + 1}"
                names.add(name)
            for name in sorted(names):
                product_id += 1
                product_rows.append(
                    (
                        product_id,
                        group_id,
                        name,
                        f"{name} buatan sendiri, tanpa pengawet.",
                        self.rng.randrange(5_000, 750_000, 500),
                        self.rng.choice(words.UNITS),
                        "",
                    )
                )
                if self.rng.random() < 0.25:
                    certificate_id += 1
                    kind = self.rng.choice(kinds)
                    issued = self._date_between(date(2018, 1, 1), self.today)
                    expires = None if kind == "halal" else issued + timedelta(days=5 * 365)
                    certificate_rows.append(
                        (
                            certificate_id,
                            product_id,
                            kind,
                            f"{kind.upper()}-{product_id}",
                            issued,
                            expires,
                        )
                    )
        fields = ["id", "group", "name", "description", "price", "unit", "photo"]
        self._count("produk", copy_rows(Product, fields, product_rows))
        self._count(
            "sertifikat",
            copy_rows(
                Certification,
                ["id", "product", "kind", "number", "issued_on", "expires_on"],
                certificate_rows,
            ),
        )

    def mentors_and_visits(self) -> None:
        active = [row for row in self.group_rows if row[3] == "aktif"]
        mentored = sorted(
            (row for row in active if self.rng.random() < 0.7), key=lambda row: row[1]
        )
        per_mentor = self.size.groups_per_mentor
        mentor_count = max(1, math.ceil(len(mentored) / per_mentor))
        mentor_group = Group.objects.get(name=roles.BANK_MENTOR)
        supervisor_group = Group.objects.get(name=roles.BANK_SUPERVISOR)
        User = get_user_model()
        user_rows, user_group_rows, staff_rows = [], [], []
        user_id = 0
        self.mentor_user = {}
        self.mentor_lender = {}
        for index in range(mentor_count):
            user_id += 1
            gender = self.rng.choice("LP")
            first, last = self._person_name(gender).split(" ", 1)
            user_rows.append(
                (
                    user_id,
                    "!",
                    f"mentor{user_id:05d}",
                    first,
                    last,
                    "",
                    False,
                    True,
                    self.now,
                    False,
                )
            )
            user_group_rows.append((user_id, user_id, mentor_group.pk))
            lender_id = self.lender_ids[index % len(self.lender_ids)]
            staff_rows.append((user_id, user_id, lender_id, ""))
            self.mentor_user[user_id] = user_id
            self.mentor_lender[user_id] = lender_id
        for lender_id in self.lender_ids:
            user_id += 1
            user_rows.append(
                (
                    user_id,
                    "!",
                    f"supervisor{lender_id}",
                    "Supervisor",
                    str(lender_id),
                    "",
                    False,
                    True,
                    self.now,
                    False,
                )
            )
            user_group_rows.append((user_id, user_id, supervisor_group.pk))
            staff_rows.append((user_id, user_id, lender_id, ""))
        copy_rows(
            User,
            [
                "id",
                "password",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
                "is_superuser",
            ],
            user_rows,
        )
        copy_rows(User.groups.through, ["id", "user", "group"], user_group_rows)
        self._count(
            "petugas bank", copy_rows(LenderStaff, ["id", "user", "lender", "phone"], staff_rows)
        )

        assignment_rows = []
        self.assignments = []  # (assignment id, group id, mentor id, started_on)
        for index, (group_id, _kelurahan, _theme, _status, founded) in enumerate(mentored):
            mentor_id = index // per_mentor + 1
            started = self._date_between(
                max(founded, date(2022, 1, 1)), self.today - timedelta(days=60)
            )
            self.assignments.append((index + 1, group_id, mentor_id, started))
            assignment_rows.append((index + 1, group_id, mentor_id, started, None, None))
        self._count(
            "penugasan mentor",
            copy_rows(
                MentorAssignment,
                ["id", "group", "mentor", "started_on", "ended_on", "assigned_by"],
                assignment_rows,
            ),
        )
        self._count("kunjungan", copy_rows(BookkeepingVisit, self.VISIT_FIELDS, self._visit_rows()))

    VISIT_FIELDS = [
        "id", "assignment", "visited_on", "duration_minutes", "attendees", "topics",
        "cash_book_kept", "sales_purchase_recorded", "stock_recorded", "money_kept_apart",
        "receipts_kept", "revenue", "expenses", "cash_on_hand", "savings_balance",
        "seriousness", "notes", "next_steps", "photo", "idempotency_key", "created_by",
        "created_at",
    ]  # fmt: skip

    def _visit_rows(self):
        sizes = _split(self.size.visits, len(self.assignments), 5, 28, self.rng)
        visit_id = 0
        for (assignment_id, _group, mentor_id, started), count in zip(
            self.assignments, sizes, strict=True
        ):
            span = max((self.today - started).days, 1)
            revenue = self.rng.randrange(1_000_000, 40_000_000, 50_000)
            skill = self.rng.random()
            for n in range(count):
                visit_id += 1
                visited = started + timedelta(days=span * (n + 1) // (count + 1))
                progress = min(1.0, skill + n / max(count, 1) / 2)
                checks = [self.rng.random() < progress for _ in range(5)]
                revenue = max(500_000, int(revenue * self.rng.uniform(0.9, 1.15)) // 1000 * 1000)
                expenses = revenue * self.rng.randint(55, 90) // 100
                yield (
                    visit_id,
                    assignment_id,
                    visited,
                    self.rng.choice((45, 60, 90, 120)),
                    "Ketua, bendahara",
                    self.rng.choice(words.VISIT_TOPICS),
                    *checks,
                    revenue,
                    expenses,
                    revenue // 10,
                    self.rng.randrange(0, 20_000_000, 100_000),
                    min(5, 1 + int(progress * 5)),
                    self.rng.choice(words.VISIT_NOTES),
                    "",
                    "",
                    uuid.UUID(int=self.rng.getrandbits(128), version=4),
                    self.mentor_user[mentor_id],
                    datetime.combine(visited, datetime.min.time(), tzinfo=self.now.tzinfo),
                )

    def aid(self) -> None:
        active = [row for row in self.group_rows if row[3] != "bubar"]
        aid_rows, check_rows = [], []
        check_id = 0
        kinds = list(words.AID_ITEMS)
        for aid_id in range(1, self.size.aid + 1):
            group_id, _kelurahan, theme_id, _status, founded = self.rng.choice(active)
            kind = self.rng.choice(kinds)
            source = self.rng.choice(words.AID_SOURCES)
            fits = self.rng.random() < 0.9
            handed = self._date_between(max(founded, date(2018, 1, 1)), self.today)
            aid_rows.append(
                (
                    aid_id,
                    group_id,
                    kind,
                    self.rng.choice(words.AID_ITEMS[kind]),
                    self.rng.randint(1, 5),
                    self.rng.randrange(2_000_000, 80_000_000, 250_000),
                    source,
                    words.AID_FUNDERS[source],
                    handed,
                    theme_id if fits else self.rng.choice(self.theme_ids),
                    None,
                    "" if fits else "Dipakai untuk usaha sampingan kelompok.",
                    None,
                )
            )
            if self.rng.random() < 0.6:
                check_id += 1
                status = self.rng.choices(
                    ["dipakai", "menganggur", "rusak", "dijual"], [80, 10, 7, 3]
                )[0]
                check_rows.append(
                    (check_id, aid_id, self._date_between(handed, self.today), status, "", None)
                )
        fields = [
            "id", "group", "kind", "items", "quantity", "value", "source", "funder",
            "handed_over_on", "intended_theme", "intended_kbli", "fit_justification",
            "recorded_by",
        ]  # fmt: skip
        self._count("bantuan", copy_rows(Aid, fields, aid_rows))
        self._count(
            "pemeriksaan bantuan",
            copy_rows(
                AidCheck, ["id", "aid", "checked_on", "status", "note", "checked_by"], check_rows
            ),
        )
        Aid.objects.last_check_refresh()  # what the receivers of a saved check do

    def credit(self) -> None:
        rows = []
        statuses = ["diajukan", "disetujui", "ditolak", "dicairkan", "lunas", "menunggak"]
        for application_id in range(1, self.size.credit_applications + 1):
            _assignment, group_id, mentor_id, started = self.rng.choice(self.assignments)
            status = self.rng.choices(statuses, [20, 10, 15, 40, 10, 5])[0]
            requested = self.rng.randrange(5_000_000, 100_000_000, 1_000_000)
            submitted = self._date_between(started, self.today)
            decided = None if status == "diajukan" else self._date_between(submitted, self.today)
            approved = (
                None
                if status in ("diajukan", "ditolak")
                else requested * self.rng.randint(6, 10) // 10
            )
            disbursed = decided if status in ("dicairkan", "lunas", "menunggak") else None
            collectibility = {"dicairkan": 1, "lunas": 1, "menunggak": self.rng.randint(2, 5)}.get(
                status
            )
            rows.append(
                (
                    application_id, group_id, self.mentor_lender[mentor_id],
                    self.rng.choice(self.scheme_ids), requested, approved,
                    self.rng.choice((12, 18, 24, 36)), "Tambahan modal kerja dan bahan baku",
                    status, submitted, decided, disbursed, collectibility,
                    self.mentor_user[mentor_id], None, "",
                )
            )  # fmt: skip
        fields = [
            "id", "group", "lender", "scheme", "amount_requested", "amount_approved",
            "tenor_months", "purpose", "status", "submitted_on", "decided_on", "disbursed_on",
            "collectibility", "proposed_by", "decided_by", "notes",
        ]  # fmt: skip
        self._count("pengajuan kredit", copy_rows(CreditApplication, fields, rows))

    def program(self) -> None:
        """One five-year road map with a fifth of the groups enrolled, some of them late."""
        start = self.today.year - 3
        program = Program.objects.create(
            name=f"Peta Jalan IKM Jawa Tengah {start}–{start + 4}",
            start_year=start,
            end_year=start + 4,
            dinas="Dinas Koperasi dan UKM Provinsi Jawa Tengah",
        )
        focuses = ["Pembentukan kelompok", "Pelatihan", "Bantuan mesin", "Kemasan", "Pemasaran"]
        stages = [
            Stage.objects.create(program=program, order=n + 1, year=start + n, focus=focus)
            for n, focus in enumerate(focuses)
        ]
        enrolled = [row for row in self.group_rows if row[3] == "aktif" and self.rng.random() < 0.2]
        enrolment_rows, progress_rows = [], []
        progress_id = 0
        for enrolment_id, (group_id, *_rest) in enumerate(enrolled, start=1):
            enrolment_rows.append((enrolment_id, program.pk, group_id, date(start, 1, 15)))
            for stage in stages:
                progress_id += 1
                status, started, completed = "belum", None, None
                if stage.year < self.today.year or (
                    stage.year == self.today.year and self.rng.random() < 0.5
                ):
                    late = self.rng.random() < 0.3
                    started = date(stage.year, self.rng.randint(1, 6), 1)
                    if stage.year + late <= self.today.year:
                        status = "selesai"
                        completed = date(stage.year + late, self.rng.randint(7, 12), 1)
                        completed = min(completed, self.today)
                    else:
                        status = "berjalan"
                progress_rows.append(
                    (
                        progress_id,
                        enrolment_id,
                        stage.pk,
                        stage.year,
                        started,
                        completed,
                        status,
                        "",
                    )
                )
        self._count(
            "peserta program",
            copy_rows(Enrolment, ["id", "program", "group", "enrolled_on"], enrolment_rows),
        )
        copy_rows(
            StageProgress,
            [
                "id",
                "enrolment",
                "stage",
                "planned_year",
                "started_on",
                "completed_on",
                "status",
                "evidence",
            ],
            progress_rows,
        )

    def trainings(self) -> None:
        training_count = max(1, self.size.groups // 500)
        topics = [topic for topic, _ in Training.Topic.choices]
        training_rows, day_rows, registration_rows, attendance_rows = [], [], [], []
        registration_id = attendance_id = 0
        for training_id in range(1, training_count + 1):
            topic = self.rng.choice(topics)
            training_rows.append(
                (training_id, f"Pelatihan {topic.replace('_', ' ')} angkatan {training_id}", topic,
                 "Dinas Koperasi dan UKM Provinsi Jawa Tengah", "", "Balai Latihan Kerja", 40, "")
            )  # fmt: skip
            first_day = self._date_between(date(self.today.year - 2, 1, 1), self.today)
            days = [
                (training_id * 3 + n, training_id, first_day + timedelta(days=n)) for n in range(2)
            ]
            day_rows.extend(days)
            for group_id, *_rest in self.rng.sample(
                self.group_rows, k=min(30, len(self.group_rows))
            ):
                members = self.members_of_group[group_id]
                registration_id += 1
                registration_rows.append(
                    (registration_id, training_id, members[0], group_id, self.now)
                )
                for day_id, _training, _date in days:
                    if self.rng.random() < 0.9:
                        attendance_id += 1
                        attendance_rows.append((attendance_id, registration_id, day_id))
        fields = [
            "id",
            "title",
            "topic",
            "organiser",
            "partners",
            "venue",
            "capacity",
            "description",
        ]
        self._count("pelatihan", copy_rows(Training, fields, training_rows))
        copy_rows(TrainingDay, ["id", "training", "date"], day_rows)
        self._count(
            "peserta pelatihan",
            copy_rows(
                TrainingRegistration,
                ["id", "training", "member", "group", "registered_at"],
                registration_rows,
            ),
        )
        copy_rows(Attendance, ["id", "registration", "day"], attendance_rows)


def _search_triggers(enabled: bool) -> None:
    action = "ENABLE" if enabled else "DISABLE"
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; a table with checks pending cannot be
        # altered, so they are checked now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, trigger in SEARCH_TRIGGERS:
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")


def _sequences_reset() -> None:
    statements = connection.ops.sequence_reset_sql(
        no_style(), [*_emptied_models(), *_copied_models]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def make_bench_data(
    size: BenchSize,
    *,
    area_code: str = words.PROVINCE_CODE,
    seed: int = SEED,
    today: date | None = None,
    log=print,
) -> dict[str, int]:
    """Empty the benchmark database and fill it with a province of `size` (or a smaller
    area, for tests); all or nothing."""
    builder = ProvinceBuilder(
        size, area_code=area_code, seed=seed, today=today or timezone.localdate(), log=log
    )
    with transaction.atomic():
        bench_database_claim()
        _tables_empty()
        builder.areas()
        builder.themes()
        builder.lenders()
        _search_triggers(enabled=False)
        builder.groups()
        builder.members()
        builder.products()
        builder.mentors_and_visits()
        builder.aid()
        builder.credit()
        builder.program()
        builder.trainings()
        _search_triggers(enabled=True)
        log("Dokumen pencarian diisi…")
        BusinessGroup.objects.update(search_document=None)
        _sequences_reset()
        data_changed()  # COPY sends no model signals
        log("Kesiapan kredit dinilai…")
        readiness_refresh(today=builder.today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return builder.counts

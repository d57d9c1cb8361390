"""Page timings: each page requested in-process through the whole middleware stack.

django.test.Client goes through the same middleware and URLconf as a server would, without
a socket, so the figures measure the portal rather than the network. Each page is requested
a few times unmeasured (warm-up: connections, template and query caches), then `requests`
times with a clock around each request. Its queries are counted on the last warm-up, never
on a timed request, since capturing queries costs time itself.

The subjects (which group, which kelurahan, which mentor) are picked from the data by
queries, so the bench runs on any benchmark database.
"""

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import cycle
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from financing.models import LenderStaff
from ikm.models import BusinessGroup, Product
from portal import roles
from portal.bench.report import Row, Target, median, p95
from portal.bench.vocabulary import RARE_PRODUCTS
from portal.workspace.figures import city_kecamatan

COMMON_WORD = "kopi"
# A rare word is one the directory finds in fewer groups than this.
RARE_BELOW = 50
RARE_WORD_TRIES = 20
MENTOR_GROUPS = 40
# Distinct subjects for the first-visit rows: more than the warm-ups and timed requests of
# a default run, so that no timed request finds a page kept by an earlier one.
FIRST_VISITS = 80
# Timed requests a page gets at least, however slow it is (see time_requests).
MIN_REQUESTS = 5
# Floor requests timed between two pages (see measure_pages).
FLOOR_BETWEEN_PAGES = 20
DINAS_USERNAME = "bench-dinas"

PUBLIC = Target(3)  # public pages and the mentor's workspace: median at most 3x the floor
STAFF = Target(6)  # the Dinas dashboard and the admin lists: at most 6x


class BenchError(Exception):
    """The benchmark cannot go on (a page did not answer 200, no data to pick from)."""


@dataclass
class Subjects:
    """What the pages are measured on, picked from the data."""

    group: BusinessGroup
    kelurahan_code: str
    rare_word: str
    rare_word_groups: int
    rare_group: BusinessGroup
    mentor: LenderStaff
    mentor_groups: int
    dinas_user: AbstractBaseUser
    kecamatan_code: str
    # Many of each, for visitors who each open a page nobody opened since the last change.
    groups: list[BusinessGroup] = field(default_factory=list)
    kelurahan_codes: list[str] = field(default_factory=list)
    searches: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    measure: str
    path: str
    client: str  # "public", "mentor" or "dinas"
    target: Target | None
    # When given, each request asks for the next of these instead of `path`: every request
    # is a first visit to its page, as for most visitors of a long tail of profiles.
    paths: tuple[str, ...] = ()


def _published_group() -> BusinessGroup:
    """A published group with products from the middle of the table: a typical profile."""
    published = BusinessGroup.objects.published()
    pks = published.filter(products__isnull=False).order_by("pk").values_list("pk", flat=True)
    count = published.count()
    if not count:
        raise BenchError("No published group in the database.")
    middle = published.order_by("pk").values_list("pk", flat=True)[count // 2]
    pk = pks.filter(pk__gte=middle).first() or pks.first() or middle
    return published.select_related("kelurahan", "theme").get(pk=pk)


def _busiest_kelurahan() -> str:
    return (
        BusinessGroup.objects.published()
        .values_list("kelurahan_id", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "kelurahan_id")
        .first()
    )


def _words(text: str) -> list[str]:
    return [word.lower() for word in re.findall(r"[^\W\d_]{4,}", text)]


def _candidate_products(samples: int = 20) -> list[Product]:
    """Products of published groups spread over the whole table, not only its first rows."""
    products = Product.objects.filter(group__in=BusinessGroup.objects.published())
    first = products.order_by("pk").values_list("pk", flat=True).first()
    last = products.order_by("-pk").values_list("pk", flat=True).first()
    if first is None:
        return []
    found = {}
    for n in range(samples):
        start = first + (last - first) * n // samples
        product = products.filter(pk__gte=start).select_related("group").order_by("pk").first()
        if product:
            found[product.pk] = product
    return list(found.values())


def _rare_word() -> tuple[str, int, BusinessGroup, list[str]]:
    """A word of a product name (else of a group name) the directory finds in few groups.

    Returns the word, how many published groups it finds, a group it finds and notes. When
    no word is found in fewer than RARE_BELOW groups, the rarest tried is used and noted.
    """
    published = BusinessGroup.objects.published()
    # The benchmark province has a few unusual products (vocabulary.RARE_PRODUCTS); a
    # portal's own data is sampled.
    unusual = Q()
    for name in RARE_PRODUCTS:
        unusual |= Q(name__startswith=name)
    products = list(
        Product.objects.filter(unusual, group__in=published).select_related("group")[:20]
    )
    products += _candidate_products()
    candidates = [(word, p.group) for p in products for word in _words(p.name)]
    candidates += [(word, p.group) for p in products for word in _words(p.group.name)]
    tried: dict[str, int] = {}
    rarest = None
    for word, group in candidates:
        if word in tried or word == COMMON_WORD:
            continue
        if len(tried) >= RARE_WORD_TRIES:
            break
        tried[word] = published.search(word).count()
        if tried[word] and (rarest is None or tried[word] < rarest[1]):
            rarest = (word, tried[word], group)
        if 0 < tried[word] < RARE_BELOW:
            break
    if rarest is None:
        raise BenchError("No product or group name word found any published group.")
    word, n, group = rarest
    notes = []
    if n >= RARE_BELOW:
        notes.append(
            f"No product or group name word tried ({len(tried)}) is found in fewer than "
            f"{RARE_BELOW} groups; the rarest, '{word}', is found in {n}."
        )
    group = published.select_related("kelurahan", "theme").get(pk=group.pk)
    return word, n, group, notes


def _spread(queryset, n: int) -> list:
    """`n` rows of `queryset` (ordered by pk) spread evenly over the whole table."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return []
    step = max(len(pks) // n, 1)
    chosen = pks[::step][:n]
    by_pk = queryset.in_bulk(chosen)
    return [by_pk[pk] for pk in chosen]


def _first_visit_subjects() -> tuple[list[BusinessGroup], list[str], list[dict]]:
    """Groups, kelurahan and directory searches (a word of a product with the group's
    kecamatan and theme), many different ones, spread over the province."""
    published = BusinessGroup.objects.published().select_related("kelurahan", "theme")
    groups = _spread(published, FIRST_VISITS)
    kelurahan = sorted({group.kelurahan_id for group in _spread(published, FIRST_VISITS * 3)})
    searches = []
    for product in _candidate_products(FIRST_VISITS * 2):  # of published groups
        words = [w for w in _words(product.name) if w != COMMON_WORD]
        if words:
            group = published.get(pk=product.group_id)
            searches.append(
                {
                    "q": words[-1],
                    "kecamatan": group.kelurahan.kecamatan_id,
                    "tema": group.theme.slug,
                }
            )
    unique = list({urlencode(s): s for s in searches}.values())
    return groups, kelurahan[:FIRST_VISITS], unique[:FIRST_VISITS]


def _mentor() -> tuple[LenderStaff, int]:
    """The mentor whose number of groups (active assignments) is closest to 40."""
    mentors = (
        LenderStaff.objects.filter(user__is_active=True, user__groups__name=roles.BANK_MENTOR)
        .annotate(n=Count("assignments", filter=Q(assignments__ended_on__isnull=True)))
        .filter(n__gt=0)
        .select_related("user")
    )
    best = min(mentors, key=lambda staff: (abs(staff.n - MENTOR_GROUPS), staff.pk), default=None)
    if best is None:
        raise BenchError("No mentor with groups in the database.")
    return best, best.n


def dinas_user():
    """The bench's own Admin Dinas account (no password: the bench logs it in directly)."""
    user, created = get_user_model().objects.get_or_create(
        username=DINAS_USERNAME, defaults={"first_name": "Bench", "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif not (user.is_staff and user.is_active):
        user.is_staff = user.is_active = True
        user.save(update_fields=["is_staff", "is_active"])
    user.groups.set([Group.objects.get(name=roles.DINAS_ADMIN)])
    # m2m add() ignores conflicts: a failed insert (an id sequence behind the table's rows)
    # would pass silently and every Dinas page would answer 403.
    if not user.groups.filter(name=roles.DINAS_ADMIN).exists():
        raise BenchError(f"{DINAS_USERNAME} could not be given the role {roles.DINAS_ADMIN}.")
    return user


def _busiest_kecamatan() -> str:
    code = (
        BusinessGroup.objects.filter(kelurahan__kecamatan__in=city_kecamatan())
        .values_list("kelurahan__kecamatan_id", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "kelurahan__kecamatan_id")
        .first()
    )
    if code is None:
        raise BenchError("No group in any kecamatan of settings.CITY_CODE.")
    return code


def subjects_pick() -> Subjects:
    word, n, rare_group, notes = _rare_word()
    mentor, mentor_groups = _mentor()
    groups, kelurahan_codes, searches = _first_visit_subjects()
    return Subjects(
        groups=groups,
        kelurahan_codes=kelurahan_codes,
        searches=searches,
        group=_published_group(),
        kelurahan_code=_busiest_kelurahan(),
        rare_word=word,
        rare_word_groups=n,
        rare_group=rare_group,
        mentor=mentor,
        mentor_groups=mentor_groups,
        dinas_user=dinas_user(),
        kecamatan_code=_busiest_kecamatan(),
        notes=notes,
    )


def floor_path(subjects: Subjects) -> str:
    return reverse("bench_floor", args=[subjects.group.pk])


def pages(subjects: Subjects) -> list[Page]:
    directory = reverse("ikm:directory")
    rare = urlencode(
        {
            "q": subjects.rare_word,
            "kecamatan": subjects.rare_group.kelurahan.kecamatan_id,
            "tema": subjects.rare_group.theme.slug,
        }
    )
    dashboard = reverse("workspace:dashboard")
    admin_list = reverse("admin:ikm_businessgroup_changelist")
    return [
        Page("home", reverse("home"), "public", PUBLIC),
        Page(f"directory q={COMMON_WORD}", f"{directory}?q={COMMON_WORD}", "public", PUBLIC),
        Page(
            f"directory rare word ({subjects.rare_word_groups} groups) + 2 filters",
            f"{directory}?{rare}",
            "public",
            PUBLIC,
        ),
        Page("group profile", reverse("ikm:profile", args=[subjects.group.slug]), "public", PUBLIC),
        Page(
            "kelurahan page",
            reverse("kelurahan:detail", args=[subjects.kelurahan_code]),
            "public",
            PUBLIC,
        ),
        Page(
            f"group profile, first visits ({len(subjects.groups)} groups)",
            reverse("ikm:profile", args=[subjects.group.slug]),
            "public",
            PUBLIC,
            paths=tuple(reverse("ikm:profile", args=[g.slug]) for g in subjects.groups),
        ),
        Page(
            f"kelurahan page, first visits ({len(subjects.kelurahan_codes)} kelurahan)",
            reverse("kelurahan:detail", args=[subjects.kelurahan_code]),
            "public",
            PUBLIC,
            paths=tuple(
                reverse("kelurahan:detail", args=[code]) for code in subjects.kelurahan_codes
            ),
        ),
        Page(
            f"directory word + 2 filters, first visits ({len(subjects.searches)} searches)",
            f"{directory}?{rare}",
            "public",
            PUBLIC,
            paths=tuple(f"{directory}?{urlencode(search)}" for search in subjects.searches),
        ),
        Page(
            f"mentor: Kelompok saya ({subjects.mentor_groups} groups)",
            reverse("financing:my_groups"),
            "mentor",
            PUBLIC,
        ),
        Page("dashboard, whole area", dashboard, "dinas", STAFF),
        Page(
            "dashboard, one kecamatan",
            f"{dashboard}?{urlencode({'kecamatan': subjects.kecamatan_code})}",
            "dinas",
            STAFF,
        ),
        Page("admin: group list", admin_list, "dinas", STAFF),
        Page(f"admin: search q={COMMON_WORD}", f"{admin_list}?q={COMMON_WORD}", "dinas", STAFF),
    ]


def clients(subjects: Subjects) -> dict[str, Client]:
    mentor, dinas = Client(), Client()
    mentor.force_login(subjects.mentor.user)
    dinas.force_login(subjects.dinas_user)
    return {"public": Client(), "mentor": mentor, "dinas": dinas}


def get(client: Client, path: str) -> bytes:
    """The page's body; anything but 200 stops the bench, since its timing would mislead."""
    response = client.get(path)
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code}, not 200.")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@dataclass
class Timing:
    times: list[float]  # milliseconds
    queries: int

    @property
    def seconds(self) -> list[float]:
        return [t / 1000 for t in self.times]


def time_requests(
    client: Client,
    path: str | Sequence[str],
    *,
    requests: int,
    warmups: int,
    budget: float | None = None,
    min_requests: int = MIN_REQUESTS,
    before_each: Callable[[], None] | None = None,
) -> Timing:
    """Milliseconds of each of `requests` requests, after `warmups` unmeasured ones.

    The queries are counted on the last warm-up (on one more request when there is none):
    capturing them costs time, so never on a timed request. With a `budget` (seconds), a
    slow page stops early: after `min_requests` timed requests once the budget is spent, and
    its warm-ups after a fifth of it. A page of seconds would otherwise hold the bench for
    hours, and its slowness is plain from a few requests. `before_each` runs before every
    timed and counted request, outside the clock.

    Given several paths, each request (warm-ups included) asks for the next, so that each
    is a first visit to its page; the queries are then those of building a page. The kept
    pages are made stale first: an earlier run on the same database kept them all.
    """
    before_each = before_each or (lambda: None)
    if isinstance(path, str):
        paths = cycle([path])
    else:
        cache_stale()
        paths = cycle(path)
    queries = None
    started = time.perf_counter()
    for n in range(warmups):
        spent = time.perf_counter() - started
        if n == warmups - 1 or (budget and spent > budget / 5):
            before_each()
            queries = count_queries(client, next(paths))
            break
        get(client, next(paths))
    times = []
    started = time.perf_counter()
    while len(times) < requests:
        before_each()
        asked = next(paths)
        before = time.perf_counter()
        get(client, asked)
        times.append((time.perf_counter() - before) * 1000)
        if budget and len(times) >= min_requests and time.perf_counter() - started > budget:
            break
    if queries is None:
        before_each()
        queries = count_queries(client, next(paths))
    return Timing(times, queries)


def cache_stale() -> None:
    """Every cached page and figure of the portal out of reach (portal/caching.py)."""
    from portal.caching import data_changed

    data_changed(public=True)


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        get(client, path)
    return len(queries)


def _page_row(page: Page, timing: Timing, floor_times: list[float] | None) -> Row:
    """The floor's own row without `floor_times`."""
    times = timing.times
    return Row(
        page.measure,
        "ms",
        median(times),
        p95(times),
        ratio=median(times) / median(floor_times) if floor_times else 1.0,
        ratio_p95=p95(times) / p95(floor_times) if floor_times else 1.0,
        floor=median(floor_times) if floor_times else None,
        basis="floor",
        requests=len(times),
        queries=timing.queries,
        target=page.target,
        path=page.path,
    )


def measure_pages(
    subjects: Subjects,
    *,
    requests: int,
    warmups: int,
    budget: float | None = None,
    cold_cache: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> list[Row]:
    """The floor first, then every page as a ratio of its median and p95 to those of the
    floor timed just before and just after it.

    On a shared machine the floor moved by a third within one run; timed only once, first,
    it moved every ratio with it. The floor is not timed between a page's own requests: a
    floor request right after a page's cold build was half as slow again, which would have
    flattered the slowest pages.

    With `cold_cache`, the portal's cached pages and figures are made stale before every
    timed request: the cost of a first visit rather than of a repeated one.
    """
    before_each = cache_stale if cold_cache else None
    by_role = clients(subjects)
    floor_page = Page("floor (1 query, tiny template)", floor_path(subjects), "public", None)

    def floor_timed(requests: int, warmups: int) -> Timing:
        return time_requests(by_role["public"], floor_page.path, requests=requests, warmups=warmups)

    timing = floor_timed(requests, warmups)
    floor, floor_before = _page_row(floor_page, timing, None), timing.times
    progress(f"floor: median {floor.median:.1f} ms")
    rows = [floor]
    for page in pages(subjects):
        timing = time_requests(
            by_role[page.client],
            page.paths or page.path,
            requests=requests,
            warmups=warmups,
            budget=budget,
            before_each=before_each,
        )
        floor_after = floor_timed(FLOOR_BETWEEN_PAGES, warmups=1).times
        row = _page_row(page, timing, floor_before[-FLOOR_BETWEEN_PAGES:] + floor_after)
        floor_before = floor_after
        progress(f"{page.measure}: median {row.median:.1f} ms, {row.ratio:.2f}x floor")
        rows.append(row)
    return rows


def measure_evaluation_report(
    subjects: Subjects,
    *,
    repeats: int = 3,
    budget: float | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> list[Row]:
    """The program evaluation report as PDF against the same report as HTML (seconds).

    A report of a whole province runs to hundreds of pages: one warm-up (its queries
    counted), then up to `repeats` timed renders, at least one, within the budget.
    """
    client = clients(subjects)["dinas"]
    html_path, pdf_path = reverse("workspace:evaluation"), reverse("workspace:evaluation_pdf")
    timings = {}
    for name, path in (("HTML", html_path), ("PDF", pdf_path)):
        progress(f"evaluation report, {name}…")
        timings[name] = time_requests(
            client, path, requests=repeats, warmups=1, budget=budget, min_requests=1
        )
    html, pdf = timings["HTML"], timings["PDF"]
    progress(
        f"evaluation report: PDF {median(pdf.seconds):.2f} s, HTML {median(html.seconds):.2f} s"
    )
    return [
        Row(
            "evaluation report, HTML",
            "s",
            median(html.seconds),
            requests=len(html.times),
            queries=html.queries,
            path=html_path,
        ),
        Row(
            "evaluation report, PDF",
            "s",
            median(pdf.seconds),
            requests=len(pdf.times),
            ratio=median(pdf.seconds) / median(html.seconds),
            basis="HTML",
            queries=pdf.queries,
            path=pdf_path,
        ),
    ]

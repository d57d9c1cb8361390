"""Cached pages and figures that stay right after every change.

Every cache key carries a data version: a random token in the shared cache that is replaced
after each committed change to the records a page shows. A change therefore never has to
find and delete the entries it makes stale; they are simply never asked for again (and
expire). Three versions: "public" moves with what the public directory shows (groups,
products, certificates, shops, themes and their KBLI, areas, members for the counts),
"all" with any record, so that a mentor logging visits all day does not empty the
directory's cache, and "besides-visits" with any record but the mentors' bookkeeping
visits, for the staff figures that do not count them.

Changes are seen through Django's model signals. Writes that send none (bulk_create,
QuerySet.update, SQL) must call `data_changed()` themselves: the import does, and so does
the area loader.
"""

import hashlib
import time
import uuid
import zlib
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

from portal.db_routers import reading_public_page

T = TypeVar("T")
PUBLIC = "public"
BESIDES_VISITS = "besides-visits"
ALL = "all"
SCOPES = (PUBLIC, BESIDES_VISITS, ALL)
# The database cache culls the keys that sort first when it is full; versions sort last
# ("zversion" after "pages", "figures" and "user-pages"), so that culling drops pages, not
# the versions that every kept page is checked against.
VERSION_KEY = "portal:zversion:{scope}"
# How long a cached page may live at most; a change makes it unreachable before that.
PAGE_SECONDS = 60 * 60
KEPT_PAGE_COMPRESSION = 1  # zlib's fastest level: HTML shrinks about tenfold all the same
WATCHED_APPS = {"ikm", "financing", "kelurahan"}
PUBLIC_MODELS = {
    "ikm.businessgroup",
    "ikm.product",
    "ikm.certification",
    "ikm.marketplacelink",
    "ikm.theme",
    "ikm.kbli",  # a theme's KBLI codes are on its page
    "ikm.member",
    "ikm.membership",
    "kelurahan.kelurahan",
    "kelurahan.kecamatan",
    "kelurahan.regency",
    "kelurahan.province",
}
# Bookkeeping of the import itself, not records any page counts.
UNWATCHED_MODELS = {"ikm.importjob", "ikm.importrow"}
# The records a province's 1,500 mentors add all day, and the readiness computed from them:
# a change to them leaves figures of the BESIDES_VISITS scope kept.
VISIT_MODELS = {"financing.bookkeepingvisit", "financing.groupreadiness"}
# The versions read while a kept page is built, so that its figures (three lists on a
# directory search) do not each ask the cache for them again; a change forgets them.
_versions_read: ContextVar[dict[str, str] | None] = ContextVar("versions_read", default=None)


def data_version(scope: str = ALL) -> str:
    """The current token of `scope`; a new one when the cache lost it (never an old one)."""
    read = _versions_read.get()
    if read and scope in read:
        return read[scope]
    key = VERSION_KEY.format(scope=scope)
    version = cache.get(key)
    if version is None:
        cache.add(key, _version_new(), timeout=None)
        version = cache.get(key)
    if read is not None:
        read[scope] = version
    return version


def _version_new() -> str:
    # When the version began is part of it: see _replica_may_lag.
    return f"{time.time():.3f}:{uuid.uuid4().hex}"


def _replica_may_lag(version: str) -> bool:
    """Whether this request reads a replica that may not show the change that began
    `version` yet (DATABASE_REPLICA_MAX_LAG). A page built from it is served but not kept:
    kept under the new version, it would go on hiding the change."""
    if not reading_public_page.get():
        return False
    began, _sep, _token = version.partition(":")
    try:
        age = time.time() - float(began)
    except ValueError:
        return False
    return age < getattr(settings, "DATABASE_REPLICA_MAX_LAG", 0)


def _versions_replace(scopes: tuple[str, ...]) -> None:
    if read := _versions_read.get():
        read.clear()
    cache.set_many({VERSION_KEY.format(scope=s): _version_new() for s in scopes}, timeout=None)


def data_changed(*, public: bool = True, visits_only: bool = False) -> None:
    """Make cached pages and figures stale: at once, so that the changing transaction reads
    its own change, and again when it commits, because a page another request built from
    the data before the commit may have been kept under the first new version.

    `public`: the change may show on public pages; `visits_only`: only bookkeeping visits
    (VISIT_MODELS) changed."""
    scopes = tuple(
        scope
        for scope in SCOPES
        if (scope != PUBLIC or public) and (scope != BESIDES_VISITS or not visits_only)
    )
    _versions_replace(scopes)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _versions_replace(scopes))


def _watched(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in WATCHED_APPS
        and meta.label_lower not in UNWATCHED_MODELS
        # simple_history's copies are saved beside the record itself.
        and not meta.model_name.startswith("historical")
    )


def _model_changed(sender, **kwargs) -> None:
    if _watched(sender):
        label = sender._meta.label_lower
        data_changed(public=label in PUBLIC_MODELS, visits_only=label in VISIT_MODELS)


def _relation_changed(sender, instance, action, **kwargs) -> None:
    # Migrations change relations of their historical models, maybe before the cache
    # table exists: those are not the portal's records yet.
    if not action.startswith("post_") or instance._meta.apps is not apps:
        return
    if instance._meta.app_label == "auth":
        # Roles and permissions: a user's kept pages show menus and links by right.
        data_changed(public=False)
    else:
        _model_changed(type(instance))


def _rights_changed(sender, **kwargs) -> None:
    data_changed(public=False)


def caching_connect() -> None:
    from django.contrib.auth.models import Group, Permission

    from portal.models import StaffDistrict

    # Connected model by model: a receiver for every model would make Django fetch each
    # row before deleting it (to send the signal), also for the import's staging rows.
    for model in apps.get_models():
        if _watched(model):
            uid = f"portal.caching.{model._meta.label_lower}"
            post_save.connect(_model_changed, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(_model_changed, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="portal.caching.m2m")
    # Roles are auth groups found by name, and rights their permissions: renaming or
    # deleting one changes what users may see (a deletion sends no m2m signal); so does
    # the kecamatan a Dinas staff member is limited to.
    for model in (Group, Permission, StaffDistrict):
        uid = f"portal.caching.{model._meta.label_lower}"
        post_save.connect(_rights_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_rights_changed, sender=model, dispatch_uid=f"{uid}.delete")


def cached_figures(name: str, parts: tuple, compute: Callable[[], T], *, scope: str = ALL) -> T:
    """`compute()`'s result, kept in the shared cache until a record of `scope` changes.

    For figures that read the whole city (the dashboard, the evaluation report, the home
    page's counts): `parts` names what the result depends on besides the records (year,
    area, today's date); the language is added, since figures may carry translated texts.
    """
    described = repr((name, parts, translation.get_language())).encode()
    key = f"portal:figures:{data_version(scope)}:{hashlib.sha256(described).hexdigest()}"
    kept = cache.get(key)
    if kept is None:
        kept = compute()
        cache.set(key, kept, PAGE_SECONDS)
    return kept


def _page_kept_or_built(
    scope: str,
    key: str,
    build: Callable[[], HttpResponse],
    keepable: Callable[[HttpResponse], bool],
) -> HttpResponse:
    """The page kept under `key` if it was kept under the current version of `scope`, or
    `build()`'s, kept when it is a plain 200 that `keepable` accepts.

    The page is kept with the version it was built under, so that the version and the page
    come in one cache read, and compressed: a province's dashboard is a quarter of a
    megabyte of HTML, which the database cache would otherwise carry as base64 each time.
    The headers the view set (its content type, a sitemap's X-Robots-Tag) are kept with it;
    cookies never are (see keepable).
    """
    version_key = VERSION_KEY.format(scope=scope)
    found = cache.get_many([version_key, key])
    version = found.get(version_key) or data_version(scope)
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        _version, packed, headers = kept
        return HttpResponse(zlib.decompress(packed), headers=headers)
    reading = _versions_read.set({scope: version})
    try:
        response = build()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        _versions_read.reset(reading)
    if (
        response.status_code == 200
        and not response.streaming
        and keepable(response)
        and not _replica_may_lag(version)
    ):
        packed = zlib.compress(response.content, KEPT_PAGE_COMPRESSION)
        cache.set(key, (version, packed, dict(response.items())), PAGE_SECONDS)
    return response


def _messages_pending(request) -> bool:
    return "messages" in request.COOKIES or "_messages" in request.session


def cached_page_for_user(
    request, build: Callable[[], HttpResponse], *, allowed: Callable[[], bool]
) -> HttpResponse:
    """A logged-in user's page from the shared cache while no record changed.

    `allowed()` says whether the user may see the page (PermissionDenied if not). A page
    kept for this user under the current "all" version was built after `allowed()` said
    yes, and nothing a right depends on has changed since: roles and permissions, lender
    staff and assignments all move that version (see `caching_connect`), and the user's
    own flags are part of the key. So a kept page is served without asking again.

    The key also holds the day, the language, the address and the browser's CSRF secret,
    so that a form on the page carries a token valid for this browser only; a browser
    without one yet, or with a message waiting, gets the page built.
    """
    csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if request.method != "GET" or not csrf_secret or _messages_pending(request):
        return _built_if_allowed(build, allowed)
    user = request.user
    described = (
        (user.pk, user.is_active, user.is_staff, user.is_superuser),
        (user.username, user.first_name, user.last_name),
        csrf_secret,
        request.get_full_path(),
        translation.get_language(),
        timezone.localdate().isoformat(),
    )
    digest = hashlib.sha256(repr(described).encode()).hexdigest()
    key = f"portal:user-pages:{digest}"

    def keepable(response) -> bool:
        # Views under csrf_protect (the admin) send the browser's CSRF cookie again to
        # renew it; that one is no reason not to keep the page, any other cookie is.
        return all(
            (name, morsel.value) == (settings.CSRF_COOKIE_NAME, csrf_secret)
            for name, morsel in response.cookies.items()
        )

    return _page_kept_or_built(ALL, key, lambda: _built_if_allowed(build, allowed), keepable)


def _built_if_allowed(build: Callable[[], HttpResponse], allowed: Callable[[], bool]):
    if not allowed():
        raise PermissionDenied
    return build()


def _for_anybody(request) -> bool:
    """A request whose answer is the same for every visitor: no session, no message."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _page_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:pages:{translation.get_language()}:{path}"


def cached_for_visitors(view):
    """Serve a public page from the shared cache to visitors who are not logged in.

    Only answers that are the same for everybody are kept: 200s that set no cookie and
    carry no CSRF token (a token belongs to one visitor).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _for_anybody(request):
            return view(request, *args, **kwargs)
        return _page_kept_or_built(
            PUBLIC,
            _page_key(request),
            lambda: view(request, *args, **kwargs),
            lambda response: (
                not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ),
        )

    return wrapper

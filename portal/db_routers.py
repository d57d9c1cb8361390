"""Reads of the public pages from a PostgreSQL read replica, when DATABASE_REPLICA_URL is set.

Only an anonymous GET of a public directory page (PUBLIC_PAGES) reads from the
"replica" database: such a page may lag the primary by a moment without harm, and they are
most of the traffic. Everything else stays on "default": every write, every page of staff,
mentors and group leaders (who must see what they just saved), sessions and the cache. The
middleware decides per request from the resolved URL and keeps the answer in a ContextVar,
which the router reads; settings install both only when a replica is configured.
"""

from contextvars import ContextVar

DEFAULT = "default"
REPLICA = "replica"
# URL names (namespace:name) of the pages a resident reads without logging in.
PUBLIC_PAGES = frozenset(
    {
        "home",
        "ikm:directory",
        "ikm:directory_csv",
        "ikm:directory_json",
        "ikm:profile",
        "ikm:theme",
        "kelurahan:detail",
        "sitemap",
        "sitemap_section",
        "robots",
    }
)
# Sessions must be read where they were just written (a log-in), and the cache is written on
# the primary and read back at once: a replica's lag would make both look empty.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache"})

reading_public_page: ContextVar[bool] = ContextVar("reading_public_page", default=False)


class PublicPagesOnReplicaMiddleware:
    """Marks the request as a public page read when it is one; the router does the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reading_public_page.set(False)
        try:
            return self.get_response(request)
        finally:
            reading_public_page.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # is_authenticated reads the session (on the primary) before the flag is set.
        if (
            request.method == "GET"
            and request.resolver_match.view_name in PUBLIC_PAGES
            and not request.user.is_authenticated
        ):
            reading_public_page.set(True)


class PublicPagesReplicaRouter:
    def db_for_read(self, model, **hints):
        if reading_public_page.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA
        return DEFAULT

    def db_for_write(self, model, **hints):
        return DEFAULT

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database: the replica is a copy of the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT

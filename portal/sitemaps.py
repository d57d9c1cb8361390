"""The sitemaps of the public pages: an index at /sitemap.xml and one file per section and
page of at most SITEMAP_PAGE_URLS addresses (the protocol allows 50,000; a province has
100,000 groups, and a smaller page is quicker to build on a first visit)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from ikm.filters import themes_with_groups
from ikm.models import BusinessGroup

SITEMAP_PAGE_URLS = 10_000


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "ikm:directory"]

    def location(self, item):
        return reverse(item)


class GroupSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = SITEMAP_PAGE_URLS

    def items(self):
        return BusinessGroup.objects.published().only("slug", "updated_at").order_by("slug")

    def location(self, group):
        return reverse("ikm:profile", args=[group.slug])

    def lastmod(self, group):
        return group.updated_at

    def get_latest_lastmod(self):
        # Django's own reads every item for the index; the database knows at once.
        return BusinessGroup.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = SITEMAP_PAGE_URLS

    def items(self):
        return themes_with_groups().only("slug").order_by("slug")

    def location(self, theme):
        return reverse("ikm:theme", args=[theme.slug])


class KelurahanSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4
    limit = SITEMAP_PAGE_URLS

    def items(self):
        published = BusinessGroup.objects.published()
        return published.kelurahan_holding().only("code").order_by("code")

    def location(self, kelurahan):
        return reverse("kelurahan:detail", args=[kelurahan.code])


SITEMAPS = {
    "halaman": PagesSitemap,
    "umkm": GroupSitemap,
    "tema": ThemeSitemap,
    "kelurahan": KelurahanSitemap,
}

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ikm.models import BusinessGroup, Theme
from kelurahan.models import Kelurahan


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

    def items(self):
        return BusinessGroup.objects.published().only("slug", "updated_at").order_by("slug")

    def location(self, group):
        return reverse("ikm:profile", args=[group.slug])

    def lastmod(self, group):
        return group.updated_at


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            Theme.objects.filter(groups__in=BusinessGroup.objects.published())
            .distinct()
            .order_by("slug")
        )

    def location(self, theme):
        return reverse("ikm:theme", args=[theme.slug])


class KelurahanSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (
            Kelurahan.objects.filter(groups__in=BusinessGroup.objects.published())
            .distinct()
            .order_by("code")
        )

    def location(self, kelurahan):
        return reverse("kelurahan:detail", args=[kelurahan.code])


SITEMAPS = {
    "halaman": PagesSitemap,
    "umkm": GroupSitemap,
    "tema": ThemeSitemap,
    "kelurahan": KelurahanSitemap,
}

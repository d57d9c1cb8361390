from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import thumbnails, views
from portal.caching import cached_for_visitors
from portal.forms import LoginForm
from portal.sitemaps import SITEMAPS

admin.site.site_header = _("Portal IKM/UMKM")
admin.site.site_title = _("Portal IKM/UMKM")
admin.site.index_title = _("Pengelolaan data kelompok usaha")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("gambar/<int:width>/<path:name>", thumbnails.thumbnail, name="thumbnail"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("beranda/", views.landing, name="landing"),
    path("bahasa/", views.language_choose, name="language"),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cached_for_visitors(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_for_visitors(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("dinas/", include("portal.workspace.urls")),
    path("", include("ikm.urls")),
    path("", include("kelurahan.urls")),
    path("", include("financing.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

from django.urls import path  # noqa: F401

from portal.workspace import group_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("laporan/evaluasi/", views.evaluation, name="evaluation"),
    path("laporan/evaluasi.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path(
        "laporan/evaluasi/kelompok.csv",
        views.evaluation_register_csv,
        name="evaluation_register_csv",
    ),
    path("kelompok/<int:pk>/riwayat/", group_views.group_timeline_view, name="group_timeline"),
    path("kelompok/<int:pk>/profil.pdf", group_views.group_sheet_view, name="group_sheet"),
    path("laporan/", group_views.reports, name="reports"),
    path(
        "laporan/kecamatan/<str:code>.pdf",
        group_views.kecamatan_summary,
        name="kecamatan_summary",
    ),
    path(
        "laporan/kelurahan/<str:code>.pdf",
        group_views.kelurahan_summary,
        name="kelurahan_summary",
    ),
]

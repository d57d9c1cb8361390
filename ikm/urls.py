from django.urls import path, re_path

from ikm.views import aid as aid_views
from ikm.views import directory as views
from ikm.views import exports as export_views
from ikm.views import imports as import_views
from ikm.views import leader as leader_views
from ikm.views import personal_data as personal_data_views
from ikm.views import programs as program_views
from ikm.views import targets as target_views
from ikm.views import trainings as training_views

app_name = "ikm"

urlpatterns = [
    path("umkm/", views.directory, name="directory"),
    path("umkm.csv", views.directory_csv, name="directory_csv"),
    path("umkm.json", views.directory_json, name="directory_json"),
    path("umkm/<slug:slug>/", views.group_profile, name="profile"),
    path("tema/<slug:slug>/", views.theme_detail, name="theme"),
    path("kelompok-saya/", leader_views.my_groups, name="leader_groups"),
    path("kelompok-saya/<slug:slug>/", leader_views.group_edit, name="leader_group"),
    path(
        "kelompok-saya/<slug:slug>/produk/tambah/",
        leader_views.product_edit,
        name="leader_product_add",
    ),
    path(
        "kelompok-saya/<slug:slug>/produk/<int:pk>/",
        leader_views.product_edit,
        name="leader_product",
    ),
    path(
        "kelompok-saya/<slug:slug>/produk/<int:pk>/hapus/",
        leader_views.product_delete,
        name="leader_product_delete",
    ),
    path("dinas/pelatihan/", training_views.training_list, name="trainings"),
    path("dinas/pelatihan/<int:pk>/", training_views.training_detail, name="training"),
    path(
        "dinas/pelatihan/<int:pk>/sertifikat/<int:registration_pk>.pdf",
        training_views.training_certificate,
        name="training_certificate",
    ),
    path("dinas/program/", program_views.program_list, name="programs"),
    path("dinas/program/<int:pk>/", program_views.program_detail, name="program"),
    path("dinas/bantuan/berisiko/", aid_views.aid_at_risk, name="aid_at_risk"),
    path("dinas/bantuan/berisiko.csv", aid_views.aid_at_risk_csv, name="aid_at_risk_csv"),
    path("dinas/target/", target_views.targets, name="targets"),
    path("dinas/impor/", import_views.import_start, name="import_start"),
    path("dinas/impor/template.xlsx", import_views.import_template, name="import_template"),
    re_path(
        r"^dinas/impor/template-(?P<kind>kelompok|anggota|produk)\.csv$",
        import_views.import_template_csv,
        name="import_template_csv",
    ),
    path("dinas/impor/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("dinas/impor/<int:pk>/status.json", import_views.import_status, name="import_status"),
    path("dinas/impor/<int:pk>/konfirmasi/", import_views.import_confirm, name="import_confirm"),
    path("dinas/impor/<int:pk>/ulang/", import_views.import_restart, name="import_restart"),
    re_path(
        r"^dinas/ekspor/(?P<kind>kelompok|anggota|produk)\.(?P<fmt>xlsx|csv)$",
        export_views.export,
        name="export",
    ),
    re_path(
        r"^dinas/anggota/(?P<pk>\d+)/data-pribadi\.(?P<fmt>pdf|json)$",
        personal_data_views.member_personal_data_export,
        name="member_personal_data",
    ),
    path(
        "dinas/anggota/<int:pk>/anonimkan/",
        personal_data_views.member_anonymise_view,
        name="member_anonymise",
    ),
]

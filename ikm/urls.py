from django.urls import path

from ikm.views import aid as aid_views
from ikm.views import directory as views

app_name = "ikm"

urlpatterns = [
    path("umkm/", views.directory, name="directory"),
    path("umkm.csv", views.directory_csv, name="directory_csv"),
    path("umkm.json", views.directory_json, name="directory_json"),
    path("umkm/<slug:slug>/", views.group_profile, name="profile"),
    path("tema/<slug:slug>/", views.theme_detail, name="theme"),
    path("dinas/bantuan/berisiko/", aid_views.aid_at_risk, name="aid_at_risk"),
    path("dinas/bantuan/berisiko.csv", aid_views.aid_at_risk_csv, name="aid_at_risk_csv"),
]

from django.urls import path

from ikm.views import directory as views

app_name = "ikm"

urlpatterns = [
    path("umkm/", views.directory, name="directory"),
    path("umkm.csv", views.directory_csv, name="directory_csv"),
    path("umkm.json", views.directory_json, name="directory_json"),
    path("umkm/<slug:slug>/", views.group_profile, name="profile"),
    path("tema/<slug:slug>/", views.theme_detail, name="theme"),
]

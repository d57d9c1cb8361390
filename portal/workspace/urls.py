from django.urls import path

from portal.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("laporan/evaluasi/", views.evaluation, name="evaluation"),
    path("laporan/evaluasi.pdf", views.evaluation_pdf, name="evaluation_pdf"),
]

from django.urls import path

from financing import views

app_name = "financing"

urlpatterns = [
    path("pendampingan/", views.my_groups, name="my_groups"),
    path("pendampingan/sw.js", views.service_worker, name="service_worker"),
    path("pendampingan/<slug:slug>/", views.group_detail, name="group"),
    path("pendampingan/<slug:slug>/kunjungan/", views.visit_create, name="visit_create"),
    path("pendampingan/<slug:slug>/kredit/", views.credit_propose, name="credit_propose"),
    path("bank/", views.lender_overview, name="lender"),
    path("bank/laporan.pdf", views.lender_report, name="lender_report"),
    path("bank/kredit/<int:pk>/", views.application_detail, name="application"),
    path("dinas/pendampingan/", views.coverage, name="coverage"),
    path("dinas/pendampingan/<slug:slug>/", views.assign_mentor, name="assign"),
    path(
        "dinas/pendampingan/penugasan/<int:pk>/akhiri/",
        views.assignment_end,
        name="assignment_end",
    ),
]

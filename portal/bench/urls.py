from django.urls import include, path

from portal.bench import views

urlpatterns = [
    path("bench/floor/<int:pk>/", views.floor, name="bench_floor"),
    path("", include("portal.urls")),
]

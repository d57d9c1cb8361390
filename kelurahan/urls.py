from django.urls import path

from kelurahan import views

app_name = "kelurahan"

urlpatterns = [
    path("kelurahan/<str:code>/", views.kelurahan_detail, name="detail"),
]

"""The province's host: its own page and the admin, none of a commune's pages."""

from django.contrib import admin
from django.urls import path

from minhduc_portal.views import healthz

from . import views

urlpatterns = [
    path("", views.province_home, name="province-home"),
    path("so-sanh.csv", views.export_csv, name="province-csv"),
    path("so-sanh.xlsx", views.export_xlsx, name="province-xlsx"),
    path("so-sanh.json", views.export_json, name="province-json"),
    path("healthz", healthz),
    path("quan-tri/", admin.site.urls),
]

handler404 = views.province_not_found

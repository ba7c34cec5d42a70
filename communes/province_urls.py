"""The province's host: its own page and the admin, none of a commune's pages."""

from django.contrib import admin
from django.urls import path

from minhduc_portal.views import healthz

from . import views

urlpatterns = [
    path("", views.province_home, name="province-home"),
    path("healthz", healthz),
    path("quan-tri/", admin.site.urls),
]

handler404 = views.province_not_found

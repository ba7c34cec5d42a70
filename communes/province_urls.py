"""The province's host: its own page and the admin, none of a commune's pages."""

from django.contrib import admin
from django.urls import path

from minhduc_portal.views import healthz
from portal.kept_pages import made_ahead

from . import views

# Made once per version of the figures (and the communes' names: the "site" section).
kept = made_ahead("indicators")

urlpatterns = [
    path("", kept(views.province_home), name="province-home"),
    path("so-sanh.csv", kept(views.export_csv), name="province-csv"),
    path("so-sanh.xlsx", kept(views.export_xlsx), name="province-xlsx"),
    path("so-sanh.json", kept(views.export_json), name="province-json"),
    path("healthz", healthz),
    path("quan-tri/", admin.site.urls),
]

handler404 = views.province_not_found

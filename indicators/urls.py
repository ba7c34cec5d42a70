from django.urls import path, register_converter

from . import views
from .converters import YearConverter

register_converter(YearConverter, "indicator_year")

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<indicator_year:year>/", views.year_dashboard, name="year"),
    path("<indicator_year:year>.csv", views.export_csv, name="year-csv"),
    path("<indicator_year:year>.xlsx", views.export_xlsx, name="year-xlsx"),
    path("<indicator_year:year>.json", views.export_json, name="year-json"),
    path("chi-tieu/<slug:code>/", views.detail, name="detail"),
]

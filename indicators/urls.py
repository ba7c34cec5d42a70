from django.urls import path, register_converter

from portal.kept_pages import made_ahead

from . import views
from .converters import YearConverter

register_converter(YearConverter, "indicator_year")

app_name = "indicators"
# Figures link the meetings and documents they come from.
kept = made_ahead("indicators", "meetings", "documents")
urlpatterns = [
    path("", kept(views.dashboard), name="dashboard"),
    path("<indicator_year:year>/", kept(views.year_dashboard), name="year"),
    path("<indicator_year:year>.csv", kept(views.export_csv), name="year-csv"),
    path("<indicator_year:year>.xlsx", kept(views.export_xlsx), name="year-xlsx"),
    path("<indicator_year:year>.json", kept(views.export_json), name="year-json"),
    path("chi-tieu/<slug:code>/", kept(views.detail), name="detail"),
]

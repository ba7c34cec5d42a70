from django.urls import path

from portal.kept_pages import EVERYTHING, made_ahead

from . import feeds, views

app_name = "documents"
# A document lists the meetings that reviewed it, its directives and the targets it set.
kept = made_ahead(*EVERYTHING)
urlpatterns = [
    path("", kept(views.DocumentListView.as_view()), name="list"),
    path("rss/", kept(feeds.LatestDocumentsFeed()), name="feed"),
    path("danh-sach.csv", kept(views.export_csv), name="export-csv"),
    path("danh-sach.xlsx", kept(views.export_xlsx), name="export-xlsx"),
    path("danh-sach.json", kept(views.export_json), name="export-json"),
    path("<slug:slug>/", kept(views.DocumentDetailView.as_view()), name="detail"),
    path("<slug:slug>/tep/<int:pk>/", views.download, name="file"),
]

from django.urls import path

from . import feeds, views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("rss/", feeds.LatestDocumentsFeed(), name="feed"),
    path("danh-sach.csv", views.export_csv, name="export-csv"),
    path("danh-sach.xlsx", views.export_xlsx, name="export-xlsx"),
    path("danh-sach.json", views.export_json, name="export-json"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/tep/<int:pk>/", views.download, name="file"),
]

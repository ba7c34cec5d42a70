from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-feed"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]

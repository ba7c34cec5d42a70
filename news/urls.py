from django.urls import path

from portal.kept_pages import made_ahead

from . import feeds, views

app_name = "news"
kept = made_ahead("news", changes_at=views.next_change)
urlpatterns = [
    path("", kept(views.ArticleListView.as_view()), name="list"),
    path("rss/", kept(feeds.LatestArticlesFeed()), name="feed"),
    path("chuyen-muc/<slug:slug>/", kept(views.CategoryView.as_view()), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", kept(feeds.CategoryFeed()), name="category-feed"),
    path("the/<slug:slug>/", kept(views.TagView.as_view()), name="tag"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]

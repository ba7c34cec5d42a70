from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tim-kiem/", views.search, name="search"),
    path("so-do-cong/", views.site_map, name="site-map"),
    path("robots.txt", views.robots, name="robots"),
]

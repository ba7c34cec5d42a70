from django.urls import path

from portal.views import home

app_name = "news"
urlpatterns = [
    path("", home, name="list"),
]

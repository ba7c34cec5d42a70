from django.urls import path

from portal.views import home

app_name = "indicators"
urlpatterns = [
    path("", home, name="dashboard"),
]

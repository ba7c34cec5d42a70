from django.urls import path

from portal.views import home

app_name = "meetings"
urlpatterns = [
    path("cuoc-hop/", home, name="list"),
    path("ket-luan-chi-dao/", home, name="directives"),
    path("ban-chi-dao/", home, name="committee"),
]

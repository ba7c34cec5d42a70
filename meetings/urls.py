from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("cuoc-hop/", views.MeetingListView.as_view(), name="list"),
    path("cuoc-hop/lich.ics", views.calendar, name="calendar"),
    path("cuoc-hop/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("cuoc-hop/<slug:slug>/bien-ban/", views.minutes, name="minutes"),
    path("ket-luan-chi-dao/", views.directives, name="directives"),
    path("ban-chi-dao/", views.committee, name="committee"),
]

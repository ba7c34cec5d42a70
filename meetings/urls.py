from django.urls import path

from portal.kept_pages import EVERYTHING, made_ahead

from . import views

app_name = "meetings"
# Meetings show their directives and the documents they reviewed; a start moves a meeting
# out of "upcoming".
kept = made_ahead(*EVERYTHING, changes_at=views.next_change)
urlpatterns = [
    path("cuoc-hop/", kept(views.MeetingListView.as_view()), name="list"),
    path("cuoc-hop/lich.ics", kept(views.calendar), name="calendar"),
    path("cuoc-hop/<slug:slug>/", kept(views.MeetingDetailView.as_view()), name="detail"),
    path("cuoc-hop/<slug:slug>/bien-ban/", kept(views.minutes), name="minutes"),
    path("ket-luan-chi-dao/", kept(views.directives), name="directives"),
    path("ban-chi-dao/", made_ahead("meetings")(views.committee), name="committee"),
]

from django.views.generic import DetailView, ListView

from portal.views import home

from .models import Meeting


class MeetingListView(ListView):
    model = Meeting


class MeetingDetailView(DetailView):
    model = Meeting


directives = committee = calendar = home

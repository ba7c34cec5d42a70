import datetime

from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event

from portal.fragments import kept_value
from portal.pagination import IndexedPaginationMixin, IndexedPaginator
from portal.site_url import absolute, scheme_and_domain

from .forms import DirectiveFilterForm
from .models import Directive, Meeting, Membership
from .related import reports_and_figures


class MeetingListView(IndexedPaginationMixin, ListView):
    """Upcoming meetings first, then every other meeting by year, newest first."""

    template_name = "meetings/meeting_list.html"
    paginate_by = 20

    def page_index_name(self):
        return "meetings:list"

    def list_changes_at(self, now):
        return Meeting.objects.for_commune(self.request.commune).next_start(now)

    def get_queryset(self):
        meetings = Meeting.objects.for_commune(self.request.commune).public().for_list()
        return meetings.not_upcoming().annotate(year=ExtractYear("start"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            meetings = Meeting.objects.for_commune(self.request.commune)
            context["upcoming"] = meetings.public().for_list().upcoming()
        return context


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return Meeting.objects.for_commune(self.request.commune).public()

    def get_context_data(self, **kwargs):
        meeting = self.object
        attendances = list(meeting.attendances.select_related("person").in_role_order())
        return super().get_context_data(
            attendances=attendances,
            present_count=sum(a.present for a in attendances),
            agenda=meeting.agenda_items.select_related("presenter", "presenter_unit"),
            issues=meeting.issues.select_related("unit"),
            # Rows of this meeting: each knows it already, no join for it.
            directives=meeting.directives.for_rows().order_by("order", "pk"),
            attachments=meeting.attachments.filter(public=True),
            **reports_and_figures(meeting),
            **kwargs,
        )


def next_change(since, commune):
    return Meeting.objects.for_commune(commune).next_start(since)


@require_safe
def minutes(request, slug):
    """The minutes as a clean A4 page; drafts only for staff who may see meetings."""
    meeting = get_object_or_404(Meeting.objects.for_commune(request.commune).public(), slug=slug)
    staff = request.user.has_perm("meetings.view_meeting")
    if not (meeting.minutes_public or (staff and meeting.minutes)):
        raise Http404
    attendances = meeting.attendances.select_related("person").in_role_order()
    return render(
        request,
        "meetings/minutes_print.html",
        {"meeting": meeting, "attendances": attendances, "draft": not meeting.minutes_public},
    )


@require_safe
def directives(request):
    """The tracker: every directive, overdue first, filtered by GET parameters."""
    years = kept_value("directive-years", lambda: _years(request.commune), request)
    form = DirectiveFilterForm(request.GET, years, commune=request.commune)
    filters = form.filters()
    directives = Directive.objects.for_commune(request.commune).for_tracker()
    if filters:
        directives = directives.with_state().filter(**filters)
    # Which rows are overdue changes at midnight: the day is part of the list's name.
    name = f"directives:{timezone.localdate()}:" + ":".join(
        f"{key}={getattr(value, 'pk', value)}" for key, value in sorted(filters.items())
    )
    paginator = IndexedPaginator(directives, 50, name=name, request=request)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/directive_list.html",
        {"form": form, "page_obj": page, "directives": page, "query_string": query.urlencode()},
    )


def _years(commune):
    meetings_with_directives = Meeting.objects.for_commune(commune).filter(directives__isnull=False)
    return sorted({d.year for d in meetings_with_directives.dates("start", "year")}, reverse=True)


@require_safe
def committee(request):
    """Current members in role order; past members apart."""
    memberships = Membership.objects.for_commune(request.commune).select_related(
        "person", "committee", "unit"
    )
    return render(
        request,
        "meetings/committee.html",
        {"current": memberships.current(), "past": memberships.past().order_by("-end", "role")},
    )


@require_safe
def calendar(request):
    """Every meeting as an RFC 5545 event, times in Asia/Ho_Chi_Minh."""
    cal = Calendar()
    cal.add("prodid", "-//Cong thong tin Ban Chi dao xa Minh Duc//cuoc-hop//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Lịch họp Ban Chỉ đạo")
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    _, host = scheme_and_domain(request)
    local = timezone.get_current_timezone()
    meetings = Meeting.objects.for_commune(request.commune).public().for_list()
    for meeting in meetings.order_by("start"):
        event = Event()
        event.add("uid", f"cuoc-hop-{meeting.pk}@{host}")
        event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
        summary = meeting.title
        if not meeting.start_time_known:
            # Only the day (and perhaps its part) is known: an all-day event, not an invented hour.
            event.add("dtstart", meeting.start.astimezone(local).date())
            if meeting.time_of_day != Meeting.TimeOfDay.ALL_DAY:
                summary = f"{summary} (buổi {meeting.session})"
        else:
            event.add("dtstart", meeting.start.astimezone(local))
        if meeting.end and meeting.start_time_known:
            event.add("dtend", meeting.end.astimezone(local))
        event.add("summary", summary)
        if meeting.place:
            event.add("location", meeting.place)
        url = absolute(meeting.get_absolute_url(), request)
        event.add("url", url)
        event.add("description", f"{meeting.summary}\n\n{url}".strip())
        event.add("status", ICS_STATUS[meeting.status])
        cal.add_component(event)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-hop.ics"'
    return response


ICS_STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}

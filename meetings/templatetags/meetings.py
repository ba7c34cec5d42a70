from django import template
from django.utils import timezone

from meetings.models import Directive
from portal.templatetags.portal import long_date

register = template.Library()

BADGES = {
    Directive.State.OVERDUE: "badge--bad",
    Directive.State.DONE_LATE: "badge--warn",
    Directive.State.DONE: "badge--ok",
    Directive.State.UNASSIGNED: "badge--warn",
}


@register.inclusion_tag("meetings/_state.html")
def directive_state(directive):
    """The derived status ("Quá hạn", "Hoàn thành trễ hạn", ...) as a coloured badge."""
    state = Directive.State(directive.state)
    return {"label": state.label, "css": BADGES.get(state, "")}


@register.filter
def meeting_time(meeting):
    """'Thứ Năm, 15/01/2026 14:00', or 'Chiều Thứ Năm, 15/01/2026' if only the session is known."""
    if meeting.start_time_known:
        return long_date(meeting.start)
    return f"{meeting.session.capitalize()} {long_date(timezone.localdate(meeting.start))}"

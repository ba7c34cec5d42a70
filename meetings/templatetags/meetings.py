from django import template
from django.utils.html import format_html

from meetings.models import Directive

register = template.Library()

BADGES = {
    Directive.State.OVERDUE: "badge--bad",
    Directive.State.DONE_LATE: "badge--warn",
    Directive.State.DONE: "badge--ok",
    Directive.State.UNASSIGNED: "badge--warn",
}


@register.simple_tag
def directive_state(directive):
    """The derived status ("Quá hạn", "Hoàn thành trễ hạn", ...) as a coloured badge (built
    here, not by an included template: the tracker shows fifty a page)."""
    state = Directive.State(directive.state)
    return format_html('<span class="badge {}">{}</span>', BADGES.get(state, ""), state.label)

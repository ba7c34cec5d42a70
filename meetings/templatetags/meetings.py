from django import template

from meetings.models import Directive

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

"""Figures in templates go through the same formatting as pages and exports."""

from django import template

from ..formatting import format_target

register = template.Library()


@register.filter
def target_amount(value, indicator):
    """'98,5%' or '2.945': a target's number as its basis writes it."""
    return format_target(indicator, value)

from django import template

from staff import worklist

register = template.Library()


@register.simple_tag
def work_list(user):
    """The signed-in official's work list (see staff/worklist.py)."""
    return worklist.for_user(user)

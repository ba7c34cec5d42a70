from django import template

from staff import worklist

register = template.Library()


@register.simple_tag
def work_list(request):
    """The signed-in official's work list for the host's commune (see staff/worklist.py)."""
    return worklist.for_user(request.user, commune=getattr(request, "commune", None))

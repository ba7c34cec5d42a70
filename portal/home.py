"""What the home page joins: latest news, meetings, directives to watch, headline figures."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from indicators import figures
from meetings.models import Directive, Meeting
from news.models import Article

HEADLINE_CODES = [
    "ty-le-ho-so-truc-tuyen",
    "ho-so-dung-han",
    "dan-co-tai-khoan-vneid",
    "ho-so-tiep-nhan",
]
DUE_SOON_DAYS = 7


def home_context():
    """Everything the home page shows, in a fixed number of queries."""
    today = timezone.localdate()
    year, headline = figures.headline(HEADLINE_CODES)
    watch = Directive.objects.with_state(today).aggregate(
        overdue=Count("pk", filter=Q(is_overdue=True)),
        unassigned=Count("pk", filter=Q(state=Directive.State.UNASSIGNED)),
        due_soon=Count(
            "pk",
            filter=Q(
                is_overdue=False, deadline__range=(today, today + datetime.timedelta(DUE_SOON_DAYS))
            )
            & ~Q(status__in=[Directive.Status.DONE, Directive.Status.CANCELLED]),
        ),
    )
    return {
        "articles": Article.objects.published().for_list()[:6],
        "upcoming": Meeting.objects.public().upcoming()[:2],
        "recent_meetings": Meeting.objects.public().held().order_by("-start")[:3],
        "directives": watch,
        "due_soon_days": DUE_SOON_DAYS,
        "headline_year": year,
        "headline": headline,
    }

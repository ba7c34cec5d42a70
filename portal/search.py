"""Search over published articles, held meetings, directives and indicator names.

Each app's objects are copied into ``SearchEntry`` rows when they (or the inline rows they
are made of) are saved, so the stored text stays right when a meeting's agenda changes
after the meeting was saved. What may be shown is decided at query time by each app's own
public queryset, so a scheduled article appears when its time comes and a draft never does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from indicators.models import Indicator
from meetings.models import AgendaItem, Directive, Issue, Meeting
from news.models import Article

from .models import SearchEntry
from .text import plain_text, terms, words

CONFIG = "portal_vi"  # created by portal/migrations/0003_search_postgresql.py
Kind = SearchEntry.Kind


@dataclass(frozen=True)
class Source:
    kind: str
    model: type
    visible: Callable  # the app's own public queryset
    document: Callable  # object -> (title, body, date, category)


def _article(article):
    body = " ".join(
        [article.summary, plain_text(article.body), *article.tags.values_list("name", flat=True)]
    )
    return (
        article.title,
        body,
        article.publish_at,
        article.category.slug if article.category_id else "",
    )


def _meeting(meeting):
    parts = [meeting.summary]
    parts += [f"{item.title} {item.content}" for item in meeting.agenda_items.all()]
    parts += [issue.text for issue in meeting.issues.all()]
    return meeting.title, " ".join(parts), meeting.start, ""


def _directive(directive):
    unit = directive.unit.name if directive.unit_id else ""
    return directive.text, f"{directive.meeting.title} {unit}", directive.meeting.start, ""


def _indicator(indicator):
    body = " ".join(
        filter(None, [indicator.short_name, indicator.definition, indicator.group.name])
    )
    return indicator.name, body, None, ""


SOURCES = {
    source.kind: source
    for source in (
        Source(Kind.NEWS, Article, lambda: Article.objects.published(), _article),
        Source(Kind.MEETING, Meeting, lambda: Meeting.objects.held(), _meeting),
        Source(
            Kind.DIRECTIVE,
            Directive,
            lambda: Directive.objects.filter(meeting__in=Meeting.objects.held()),
            _directive,
        ),
        Source(Kind.INDICATOR, Indicator, lambda: Indicator.objects.all(), _indicator),
    )
}


def _folded_words(text):
    """' w1 w2 ' so that a whole word matches as ' w '."""
    return " " + " ".join(words(text)) + " "


def index(kind, obj):
    """Store (or refresh) the searchable copy of one object."""
    title, body, date, category = SOURCES[kind].document(obj)
    entry, _ = SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={
            "title": title,
            "body": body,
            "title_folded": _folded_words(title),
            "body_folded": _folded_words(body),
            "url": obj.get_absolute_url(),
            "date": date,
            "category": category,
        },
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(
            vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("body", weight="B", config=CONFIG)
        )


def unindex(kind, pk):
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def rebuild():
    """Re-create every entry; for data loaded without signals (e.g. loaddata)."""
    SearchEntry.objects.all().delete()
    for kind, source in SOURCES.items():
        for obj in source.model._default_manager.all():
            index(kind, obj)


def index_catalogue(**kwargs):
    """After migrate: the indicator catalogue is starting data saved without our signals."""
    for indicator in Indicator.objects.select_related("group"):
        index(Kind.INDICATOR, indicator)


def visible():
    """Entries whose object the public may see, each kind by its app's own queryset."""
    condition = Q(pk__in=[])
    for kind, source in SOURCES.items():
        condition |= Q(kind=kind, object_id__in=source.visible().values("pk"))
    return SearchEntry.objects.filter(condition)


def search(query, kind="", category="", date_from=None, date_to=None):
    """Visible entries matching every word of ``query``, title matches first."""
    words = terms(query)
    if not words:
        return SearchEntry.objects.none()
    entries = visible()
    if kind:
        entries = entries.filter(kind=kind)
    if category:
        entries = entries.filter(category=category)
    if date_from:
        entries = entries.filter(date__date__gte=date_from)
    if date_to:
        entries = entries.filter(date__date__lte=date_to)
    in_title = Q()
    for word in words:
        in_title &= Q(title_folded__contains=f" {word} ")
    if connection.vendor == "postgresql":
        query = SearchQuery(" ".join(words), config=CONFIG, search_type="plain")
        entries = entries.filter(vector=query).annotate(rank=SearchRank(F("vector"), query))
    else:
        for word in words:
            entries = entries.filter(
                Q(title_folded__contains=f" {word} ") | Q(body_folded__contains=f" {word} ")
            )
        entries = entries.annotate(rank=Value(0.0, output_field=FloatField()))
    return entries.annotate(
        in_title=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-in_title", "-rank", F("date").desc(nulls_last=True), "pk")


# Keeping the index current ------------------------------------------------------------


def _on_save(kind):
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:
            index(kind, instance)

    return receiver


def _on_delete(kind):
    def receiver(sender, instance, **kwargs):
        unindex(kind, instance.pk)

    return receiver


def _refresh_meeting(sender, instance, raw=False, **kwargs):
    """An agenda item or difficulty changed: the meeting's stored text changes with it."""
    if raw:
        return
    meeting = Meeting.objects.filter(pk=instance.meeting_id).first()
    if meeting:
        index(Kind.MEETING, meeting)


def _refresh_article_tags(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        index(Kind.NEWS, instance)


def connect_signals():
    for kind, source in SOURCES.items():
        post_save.connect(_on_save(kind), sender=source.model, weak=False)
        post_delete.connect(_on_delete(kind), sender=source.model, weak=False)
    for child in (AgendaItem, Issue):
        post_save.connect(_refresh_meeting, sender=child, weak=False)
        post_delete.connect(_refresh_meeting, sender=child, weak=False)
    m2m_changed.connect(_refresh_article_tags, sender=Article.tags.through, weak=False)

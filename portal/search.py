"""Search over whatever the apps register: published articles, held meetings, directives...

Each app declares in its ``search_index.py`` which model it makes searchable, which of its
own querysets decides what the public may see, and how an object reads as a document. The
objects are copied into ``SearchEntry`` rows when they, or the inline rows they are made of,
are saved, so the stored text stays right when a meeting's agenda changes after the meeting
was saved. Visibility is decided at query time, so a scheduled article appears when its time
comes and a draft never does. This module imports no app: the apps import it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import SearchEntry
from .text import terms, words

CONFIG = "portal_vi"  # created by portal/migrations/0003_search_postgresql.py


@dataclass(frozen=True)
class Document:
    title: str
    body: str = ""
    date: object = None
    category: str = ""


@dataclass(frozen=True)
class Source:
    kind: str
    model: type
    visible: Callable  # () -> the app's own public queryset
    document: Callable  # object -> Document
    # (model, object -> the indexed object) for inline rows whose text is part of a document
    parts: tuple = field(default=())
    # created by starting data in post_migrate, which sends no save signals
    after_migrate: bool = False


SOURCES = {}


def register(source):
    """Make a model searchable and keep its entries current on every save and delete."""
    SOURCES[source.kind] = source
    post_save.connect(_on_save, sender=source.model, weak=False)
    post_delete.connect(_on_delete, sender=source.model, weak=False)
    for model, owner in source.parts:
        refresh = _refresh_owner(source.kind, owner)
        post_save.connect(refresh, sender=model, weak=False)
        post_delete.connect(refresh, sender=model, weak=False)
    for many_to_many in source.model._meta.many_to_many:
        m2m_changed.connect(_on_m2m, sender=many_to_many.remote_field.through, weak=False)


def _folded_words(text):
    """' w1 w2 ' so that a whole word matches as ' w '."""
    return " " + " ".join(words(text)) + " "


def _source_for(model):
    return next((s for s in SOURCES.values() if s.model is model), None)


def index(obj):
    """Store (or refresh) the searchable copy of one object."""
    source = _source_for(type(obj))
    document = source.document(obj)
    entry, _ = SearchEntry.objects.update_or_create(
        kind=source.kind,
        object_id=obj.pk,
        defaults={
            "title": document.title,
            "body": document.body,
            "title_folded": _folded_words(document.title),
            "body_folded": _folded_words(document.body),
            "url": obj.get_absolute_url(),
            "date": document.date,
            "category": document.category,
        },
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(
            vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("body", weight="B", config=CONFIG)
        )


def rebuild(kinds=None):
    """Re-create the entries of these kinds (default: all), for data saved without signals."""
    for kind, source in SOURCES.items():
        if kinds is None or kind in kinds:
            SearchEntry.objects.filter(kind=kind).delete()
            for obj in source.model._default_manager.all():
                index(obj)


def reindex_after_migrate(**kwargs):
    """Starting data is created in post_migrate, where no save signal reaches us."""
    rebuild([kind for kind, source in SOURCES.items() if source.after_migrate])


def visible():
    """Entries whose object the public may see, each kind by its app's own queryset."""
    condition = Q(pk__in=[])
    for kind, source in SOURCES.items():
        condition |= Q(kind=kind, object_id__in=source.visible().values("pk"))
    return SearchEntry.objects.filter(condition)


def search(query, kind="", category="", date_from=None, date_to=None):
    """Visible entries matching every word of ``query``, title matches first."""
    query_terms = terms(query)
    if not query_terms:
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
    for term in query_terms:
        in_title &= Q(title_folded__contains=f" {term} ")
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(" ".join(query_terms), config=CONFIG, search_type="plain")
        entries = entries.filter(vector=ts_query).annotate(rank=SearchRank(F("vector"), ts_query))
    else:
        for term in query_terms:
            entries = entries.filter(
                Q(title_folded__contains=f" {term} ") | Q(body_folded__contains=f" {term} ")
            )
        entries = entries.annotate(rank=Value(0.0, output_field=FloatField()))
    return entries.annotate(
        in_title=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-in_title", "-rank", F("date").desc(nulls_last=True), "pk")


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index(instance)


def _on_delete(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=_source_for(sender).kind, object_id=instance.pk).delete()


def _refresh_owner(kind, owner):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        obj = owner(instance)
        # On a cascade delete the owner may already be gone.
        if obj is not None and type(obj)._default_manager.filter(pk=obj.pk).exists():
            index(obj)

    return receiver


def _on_m2m(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _source_for(type(instance)):
        index(instance)

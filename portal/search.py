"""Search over whatever the apps register: published articles, held meetings, directives...

Each app declares in its ``search_index.py`` which model it makes searchable, which of its
own querysets decides what the public may see, and how an object reads as a document. The
objects are copied into ``SearchEntry`` rows when they, or the inline rows they are made of,
are saved, so the stored text stays right when a meeting's agenda changes after the meeting
was saved. Visibility is decided at query time, so a scheduled article appears when its time
comes and a draft never does. This module imports no app: the apps import it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import SearchEntry, SearchWord
from .text import number_words, phrase, terms, words

CONFIG = "portal_vi"  # created by portal/migrations/0003_search_postgresql.py
# Matches ranked per search: the newest this many (read in the order of the index
# search_entry_newest), so a common word stops after that many rows however large the archive.
# The page says when a search reached it.
CANDIDATES = 1000


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
    # object -> the pks of the communes whose search finds it (by default its own commune)
    communes: Callable = field(default=lambda obj: [obj.commune_id])
    # object -> (shown from, shown until or None), or None if never shown: for a large table
    # whose visibility is time alone once saved (articles), kept on the entry so a search
    # need not read the whole table to check it; visible() stays the truth for the others.
    window: Callable | None = None


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
    """' w1 w2 ' so that a whole word matches as ' w '; grouped numbers also without dots."""
    return " " + " ".join(words(text) + number_words(text)) + " "


def _source_for(model):
    return next((s for s in SOURCES.values() if s.model is model), None)


def index(obj):
    """Store (or refresh) the searchable copy of one object."""
    source = _source_for(type(obj))
    document = source.document(obj)
    for commune_id in source.communes(obj):
        _store(source, obj, document, commune_id)


def _store(source, obj, document, commune_id):
    entry, _ = SearchEntry.objects.update_or_create(
        commune_id=commune_id,
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
            **_window(source, obj),
        },
    )
    if connection.vendor == "postgresql":
        # Built from the folded words, so PostgreSQL matches exactly what SQLite matches.
        SearchEntry.objects.filter(pk=entry.pk).update(
            vector=SearchVector("title_folded", weight="A", config=CONFIG)
            + SearchVector("body_folded", weight="B", config=CONFIG)
        )
        SearchWord.add(entry.title_folded.split() + entry.body_folded.split())


def _window(source, obj):
    if source.window is None:
        return {}
    shown_from, shown_until = source.window(obj) or (None, None)
    return {"shown_from": shown_from, "shown_until": shown_until}


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


def visible(commune):
    """The commune's entries whose object the public may see, each kind by its app's own
    queryset."""
    now = timezone.now()
    condition = Q(pk__in=[])
    for kind, source in SOURCES.items():
        if source.window is None:
            public = source.visible().order_by()
            # A queryset without a condition shows every object, and every entry has one.
            shown = Q(object_id__in=public.values("pk")) if public.query.where else Q()
            condition |= Q(kind=kind) & shown
        else:
            condition |= Q(kind=kind, shown_from__lte=now) & (
                Q(shown_until__isnull=True) | Q(shown_until__gt=now)
            )
    return SearchEntry.objects.filter(condition, commune=commune)


def search(commune, query, kind="", category="", date_from=None, date_to=None):
    """The commune's visible entries matching every word of ``query``, best match first:
    among the newest ``CANDIDATES`` matches, as ``Results`` (sliced a page at a time).

    The exact phrase comes before scattered words, the title before the body; at an equal
    match articles, meetings and pages come before directives, which are fragments of a
    meeting (so a directive's text counts as a body, not as a title).
    """
    query_terms = terms(query)
    if not query_terms:
        return Results([])
    entries = visible(commune)
    if kind:
        entries = entries.filter(kind=kind)
    if category:
        entries = entries.filter(category=category)
    if date_from:
        entries = entries.filter(date__date__gte=date_from)
    if date_to:
        entries = entries.filter(date__date__lte=date_to)
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(" ".join(query_terms), config=CONFIG, search_type="plain")
        entries = entries.filter(vector=ts_query)
    else:
        for term in query_terms:
            entries = entries.filter(
                Q(title_folded__contains=f" {term} ") | Q(body_folded__contains=f" {term} ")
            )
    # The newest matches, ranked in the same statement: the count and the page then come from
    # the list of keys instead of matching and ranking the text again.
    newest = entries.order_by("-date", "-pk").values("pk")[:CANDIDATES]
    # Within a match level the newest first, on both databases: ts_rank, which weighed how
    # often the words occur, cost more than the rest of the search together (its vectors
    # are unpacked row by row).
    ranked = SearchEntry.objects.filter(pk__in=newest)
    ranked = ranked.annotate(match=_match_level(query_terms, phrase(query))).order_by(
        "-match",
        Case(When(kind=SearchEntry.Kind.DIRECTIVE, then=Value(1)), default=Value(0)),
        F("date").desc(nulls_last=True),
        "-pk",
    )
    return Results(list(ranked.values_list("pk", flat=True)))


class Results(Sequence):
    """Ranked matches: their keys read at once, the rows of a page fetched when sliced."""

    def __init__(self, keys):
        self.keys = keys

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._rows(self.keys[index])
        return self._rows([self.keys[index]])[0]

    def _rows(self, keys):
        # The folded copies and the vector are for matching only: not read for display.
        rows = SearchEntry.objects.defer("title_folded", "body_folded", "vector").in_bulk(keys)
        return [rows[key] for key in keys if key in rows]

    def __iter__(self):
        return iter(self[:])


def _match_level(query_terms, exact):
    """4: the phrase in a title, 3: every word in a title, 2: the phrase anywhere, 1: else."""
    fragment = Q(kind=SearchEntry.Kind.DIRECTIVE)
    in_title = Q()
    for term in query_terms:
        in_title &= Q(title_folded__contains=f" {term} ")
    phrase_in_title = Q(title_folded__contains=f" {exact} ")
    phrase_in_body = Q(body_folded__contains=f" {exact} ")
    return Case(
        When(phrase_in_title & ~fragment, then=Value(4)),
        When(in_title & ~fragment, then=Value(3)),
        When(phrase_in_title | phrase_in_body, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def suggest(commune, query):
    """A spelling to try when ``query`` found nothing: PostgreSQL only (pg_trgm), else None.

    Each word is replaced by the nearest indexed word; the suggestion is offered only when it
    finds visible entries, so words of drafts are never revealed.
    """
    query_terms = words(query)
    if connection.vendor != "postgresql" or not query_terms:
        return None
    nearest = SearchWord.objects.nearest(query_terms)
    suggestion = " ".join(nearest.get(term) or term for term in query_terms)
    if suggestion == " ".join(query_terms) or not search(commune, suggestion):
        return None
    return suggestion


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

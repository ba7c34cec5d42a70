"""What other apps link to a meeting, read through their own reverse relations.

`meetings` imports neither `news` nor `indicators`: those apps define
`Article.meeting` (related_name "articles") and `Value.source_meeting`
(related_name "indicator_values"), each with a `published()` queryset method.
Until they do, the page simply lists nothing.
"""


def _published(meeting, related_name):
    manager = getattr(meeting, related_name, None)
    if manager is None:
        return None
    items = manager.all()
    return items.published() if hasattr(items, "published") else items.filter(published=True)


def reports_and_figures(meeting):
    articles = _published(meeting, "articles")
    figures = _published(meeting, "indicator_values")
    if figures is not None and any(f.name == "indicator" for f in figures.model._meta.get_fields()):
        figures = figures.select_related("indicator")
    return {"articles": articles or [], "figures": figures or []}

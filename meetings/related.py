"""What other apps link to a meeting, read through their own reverse relations.

`meetings` imports neither `news` nor `indicators`: those apps define
`Article.meeting` (related_name "articles") and `Value.source_meeting`
(related_name "indicator_values"). Until they do, the page simply lists nothing.
"""


def _related(meeting, name):
    manager = getattr(meeting, name, None)
    return manager.all() if manager is not None else None


def reports_and_figures(meeting):
    articles = _related(meeting, "articles")
    if articles is not None and hasattr(articles, "published"):
        articles = articles.published()
    figures = _related(meeting, "indicator_values")
    if figures is not None:
        figures = figures.filter(published=True)
        if any(f.name == "indicator" for f in figures.model._meta.get_fields()):
            figures = figures.select_related("indicator")
    return {"articles": articles or [], "figures": figures or []}

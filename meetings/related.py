"""What other apps link to a meeting, read through their own reverse relations.

`meetings` imports neither `news`, `indicators` nor `documents`: those apps define
`Article.meeting` (related_name "articles"), `Value.source_meeting`
(related_name "indicator_values"), `Document.issued_at_meeting` ("documents_issued")
and `Document.reviewed_at` ("documents_reviewed"), each with a `published()` queryset method.
Until they do, the page simply lists nothing.
"""


def _published(meeting, related_name):
    """The other app's own published() rows for this meeting, or none while it is absent."""
    manager = getattr(meeting, related_name, None)
    return manager.published() if hasattr(manager, "published") else None


def reports_and_figures(meeting):
    articles = _published(meeting, "articles")
    figures = _published(meeting, "indicator_values")
    if figures is not None:
        figures = figures.select_related("indicator")  # each figure is named by its indicator
    issued = _published(meeting, "documents_issued")
    reviewed = _published(meeting, "documents_reviewed")
    return {
        "articles": articles or [],
        "figures": figures or [],
        "documents_issued": issued.select_related("doc_type") if issued is not None else [],
        "documents_reviewed": reviewed.select_related("doc_type") if reviewed is not None else [],
    }

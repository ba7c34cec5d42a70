"""What the portal's search finds of the indicators: the catalogue's names and definitions."""

from portal.search import Document, Source, register

from .models import Indicator


def document(indicator):
    parts = [indicator.short_name, indicator.definition, indicator.group.name]
    return Document(title=indicator.name, body=" ".join(filter(None, parts)))


def every_commune(indicator):
    """The catalogue is shared: each commune's search finds its indicator pages."""
    from communes.models import Commune

    return list(Commune.objects.values_list("pk", flat=True))


register(
    Source(
        "indicator",
        Indicator,
        Indicator.objects.all,
        document,
        after_migrate=True,
        communes=every_commune,
    )
)

"""What the portal's search finds of the indicators: the catalogue's names and definitions."""

from portal.search import Document, Source, register

from .models import Indicator


def document(indicator):
    parts = [indicator.short_name, indicator.definition, indicator.group.name]
    return Document(title=indicator.name, body=" ".join(filter(None, parts)))


register(Source("indicator", Indicator, Indicator.objects.all, document, after_migrate=True))

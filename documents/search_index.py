"""What the portal's search finds of the documents: number, abstract, signer and file text."""

import re

from portal.search import Document as SearchDocument
from portal.search import Source, register

from .models import Document, DocumentFile


def document(doc):
    # PostgreSQL's parser reads "57-NQ/TW" as one path-like token; its parts are words too,
    # so that "57 NQ TW" and "57-NQ/TW" both find it.
    spaced = re.sub(r"[^\w]+", " ", doc.number)
    # The files' text first: the result's excerpt is cut around the first match.
    parts = [f.text for f in doc.files.all()]
    parts += [doc.issuer.name, doc.signer, spaced]
    return SearchDocument(
        title=f"{doc.doc_type.name} số {doc.number}: {doc.title}",
        body=" ".join(filter(None, parts)),
        date=doc.published_at,
    )


register(
    Source(
        "document",
        Document,
        Document.objects.published,
        document,
        parts=((DocumentFile, lambda f: f.document),),
    )
)

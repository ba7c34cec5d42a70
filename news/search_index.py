"""What the portal's search finds of the news: published articles."""

from portal.search import Document, Source, register

from .models import Article


def document(article):
    tags = article.tags.values_list("name", flat=True)
    return Document(
        title=article.title,
        body=" ".join([article.summary, article.body_text, *tags]),
        date=article.publish_at,
        category=article.category.slug,
    )


def window(article):
    """When the public may see it: the same rule as ``Article.objects.published()``."""
    if article.status != Article.Status.PUBLISHED or article.publish_at is None:
        return None
    return article.publish_at, article.expires_at


register(Source("news", Article, Article.objects.published, document, window=window))

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


register(Source("news", Article, Article.objects.published, document))

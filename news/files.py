"""Which stored news files a user may fetch (settings.PRIVATE_FILE_FINDERS, portal.media).

A cover and its renditions, or an attachment, follow their article: anyone while it is
published (``Article.objects.published()``, so a scheduled publish or an expiry takes
effect on time), otherwise only staff who may view articles.
"""

import re

from portal.media import ServedFile

from .models import Article, Attachment

COVERS = "tin-tuc/anh/"
ATTACHMENTS = "tin-tuc/tai-lieu/"
RENDITION = re.compile(r"^(?P<stem>.+)-(?P<width>\d{1,5})\.(?P<ext>webp|jpg)$")
IMAGE_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}


def _articles_for(user, commune):
    articles = Article.objects.for_commune(commune)
    if user.has_perm("news.view_article"):
        return articles, False
    return articles.published(), True


def _cover(name, user, commune):
    match = RENDITION.match(name)
    originals = [name] + ([f"{match['stem']}.jpg"] if match else [])
    articles, public = _articles_for(user, commune)
    article = articles.filter(cover__in=originals).only("cover", "cover_width").first()
    if article is None:
        return None
    allowed = [article.cover.name, *article.rendition_names()]
    if name not in allowed:
        return None
    return ServedFile(IMAGE_TYPES[name.rsplit(".", 1)[-1]], public=public)


def _attachment(name, user, commune):
    articles, public = _articles_for(user, commune)
    attachment = (
        Attachment.objects.filter(file=name, article__in=articles)
        .only("file", "original_name", "content_type")
        .first()
    )
    if attachment is None:
        return None
    return ServedFile(
        attachment.content_type or "application/octet-stream",
        attachment.original_name,
        public=public,
    )


def find(name, user, commune):
    if name.startswith(COVERS):
        return _cover(name, user, commune)
    if name.startswith(ATTACHMENTS):
        return _attachment(name, user, commune)
    return None

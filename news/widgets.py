from portal.widgets import RichTextWidget as ArticleBodyWidget  # noqa: F401

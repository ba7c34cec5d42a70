from portal.widgets import RichTextWidget as MinutesWidget  # noqa: F401

"""What the article body may contain, and its plain text for search and descriptions."""

import html
import re

from django.utils.html import strip_tags

# The editor's toolbar and the server's nh3 allow-list are both built from this.
BODY_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

_BLOCK_BOUNDARY = re.compile(r"<(?:/?(?:p|h\d|li|td|th|tr|blockquote|div)\b[^>]*|br\s*/?)>", re.I)


def plain_text(markup):
    """The text of an HTML fragment, one space between blocks, entities decoded."""
    text = strip_tags(_BLOCK_BOUNDARY.sub(" ", markup or ""))
    return " ".join(html.unescape(text).split())

"""What the article body may contain, and its plain text for search and descriptions."""

import re

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

_TABLE_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_HEADER_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\sscope=)")


def scope_header_cells(markup):
    """Header cells say what they head: the first row's cells head columns, later ones rows."""

    def mark(match):
        scope = "col" if mark.first_row else "row"
        mark.first_row = False
        return "<tr>" + _HEADER_CELL.sub(f'<th scope="{scope}"', match[1]) + "</tr>"

    parts = re.split(r"(<table>.*?</table>)", markup or "", flags=re.S)
    for index, part in enumerate(parts):
        if part.startswith("<table>"):
            mark.first_row = True
            parts[index] = _TABLE_ROW.sub(mark, part)
    return "".join(parts)


_RENAMED_TAGS = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}
_RENAMABLE = re.compile(r"<(/?)(b|i|h1|h5|h6)(?:\s[^>]*)?>", re.I)


def normalize_tags(markup):
    """Word's <b>, <i> and <h1> as the editor's <strong>, <em> and <h2> (before nh3 runs).

    The page title is the article's only <h1>, so body headings start at level 2.
    """
    return _RENAMABLE.sub(lambda m: f"<{m[1]}{_RENAMED_TAGS[m[2].lower()]}>", markup or "")

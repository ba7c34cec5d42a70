"""Vietnamese text helpers: folding diacritics for search and slugs, and safe highlighting."""

import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})


def _fold_char(char):
    return unicodedata.normalize("NFD", char)[0] if char.isalpha() else char


def fold(text):
    """Lower case without diacritics, one character for one: "Chuyển Đổi" → "chuyen doi".

    Each character of NFC text folds to exactly one character, so positions found in the
    folded text point at the same characters in the original (see ``highlight``).
    """
    text = unicodedata.normalize("NFC", str(text or "")).translate(_D)
    return "".join(_fold_char(char) for char in text).lower()


def slugify_vi(text):
    """Django's slugify drops "đ"; fold it to "d" first: "Ban Chỉ đạo họp" → "ban-chi-dao-hop"."""
    return slugify(str(text).translate(_D))


def plain_text(html):
    """Text of sanitised rich text, with block boundaries kept as spaces."""
    spaced = re.sub(r"<(/p|br|/li|/h[1-6]|/td|/th|/tr|/blockquote)\b", r" <\1", str(html or ""))
    return " ".join(unicodedata.normalize("NFC", strip_tags(spaced)).split())


def words(text):
    """The folded words of a text, in order."""
    return re.findall(r"\w+", fold(text))


def terms(query, limit=12):
    """Distinct folded words of a query, longest first, at most ``limit``."""
    return sorted(dict.fromkeys(words(query)), key=len, reverse=True)[:limit]


def highlight(text, query_terms, width=None):
    """Escape ``text`` and wrap every folded match of the terms in <mark>.

    With ``width``, cut to an excerpt of about that many characters around the first match.
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    folded = fold(text)
    spans = []
    for term in query_terms:
        pattern = rf"(?<!\w){re.escape(term)}(?!\w)"
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    spans.sort()
    start, end = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
    pieces, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        pieces += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)

"""Vietnamese text helpers: folding diacritics for search and slugs, and safe highlighting."""

import html
import re
import unicodedata

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})
_BLOCK_BOUNDARY = re.compile(r"<(?:/?(?:p|h\d|li|td|th|tr|blockquote|div)\b[^>]*|br\s*/?)>", re.I)


def _fold_char(char):
    return unicodedata.normalize("NFD", char)[0] if char.isalpha() else char


# Latin letters with marks (every Vietnamese one among them) fold by one table look-up; any
# other character not in ASCII goes through _fold_char, so the result is the same.
_LATIN = str.maketrans(
    {
        code: _fold_char(chr(code))
        for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
        if _fold_char(chr(code)) != chr(code)
    }
    | {ord("đ"): "d", ord("Đ"): "D"}
)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text):
    """Lower case without diacritics, one character for one: "Chuyển Đổi" → "chuyen doi".

    Each character of NFC text folds to exactly one character, so positions found in the
    folded text point at the same characters in the original (see ``highlight``).
    """
    text = unicodedata.normalize("NFC", str(text or "")).translate(_LATIN)
    return _NOT_ASCII.sub(lambda match: _fold_char(match.group()), text).lower()


def slugify_vi(text):
    """Django's slugify drops "đ"; fold it to "d" first: "Ban Chỉ đạo họp" → "ban-chi-dao-hop"."""
    return slugify(str(text).translate(_D))


def unique_slug(others, text, fallback, max_length, reserved=frozenset()):
    """A slug from ``text`` that no row of ``others`` has and that is not reserved.

    A number is added on a clash: "hop-ban-chi-dao", "hop-ban-chi-dao-2", ...
    """
    base = slugify_vi(text)[: max_length - 8].strip("-") or fallback
    slug, number = base, 1
    while slug in reserved or others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def plain_text(markup):
    """The text of an HTML fragment, one space between blocks, entities decoded."""
    text = strip_tags(_BLOCK_BOUNDARY.sub(" ", str(markup or "")))
    return " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())


def words(text):
    """The folded words of a text, in order."""
    return re.findall(r"\w+", fold(text))


_GROUPED_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])")


def number_words(text):
    """Grouped numbers written without their dots, so "2945" finds "2.945"."""
    return [match.replace(".", "") for match in _GROUPED_NUMBER.findall(str(text or ""))]


def phrase(query):
    """The query's folded words in their order, as they must appear for an exact match."""
    return " ".join(words(query))


def terms(query, limit=12):
    """Distinct folded words of a query, longest first, at most ``limit``."""
    return sorted(dict.fromkeys(words(query)), key=len, reverse=True)[:limit]


def _patterns(query_terms):
    for term in query_terms:
        forms = [re.escape(term)]
        if term.isdigit() and len(term) > 3:  # "2945" marks "2.945"
            forms.append(re.escape(f"{int(term):,}".replace(",", ".")))
        yield re.compile(rf"(?<![\w.])(?:{'|'.join(forms)})(?![\w]|\.\d)")


# Long texts (a document's PDF text) are folded a piece at a time until the first match.
PIECE = 2000


def _around_first_match(text, patterns, width):
    """(the part of a long text around its first match, cut at the start, cut at the end)."""
    for offset in range(0, len(text), PIECE):
        folded = fold(text[offset : offset + PIECE + width])
        found = [m.start() for p in patterns if (m := p.search(folded))]
        if found:
            start = _word_start(text, max(0, offset + min(found) - width))
            end = min(len(text), start + 3 * width)
            return text[start:end], start > 0, end < len(text)
    return text[: 3 * width], False, True


def highlight(text, query_terms, width=None):
    """Escape ``text`` and wrap every folded match of the terms in <mark>.

    With ``width``, cut to an excerpt of about that many characters around the first match.
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    patterns = list(_patterns(query_terms))
    cut_before = cut_after = False
    if width and len(text) > 4 * width:
        text, cut_before, cut_after = _around_first_match(text, patterns, width)
    folded = fold(text)
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(folded))
    start, end = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        start = _word_start(text, max(0, min(first - width // 3, len(text) - width)))
        end = _word_end(text, min(len(text), start + width))
    # Pieces escaped one by one and joined once: a search page marks forty texts.
    pieces, cursor = ["…" if start > 0 or cut_before else ""], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        pieces += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    pieces += [html.escape(text[cursor:end]), "…" if end < len(text) or cut_after else ""]
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text escaped above)


def _word_start(text, position):
    """The start of the first whole word at or after ``position``."""
    if position == 0 or text[position - 1].isspace():
        return position
    space = text.find(" ", position)
    return space + 1 if space != -1 else position


def _word_end(text, position):
    """The end of the last whole word before ``position``, without trailing punctuation."""
    if position >= len(text) or text[position].isspace():
        return position
    space = text.rfind(" ", 0, position)
    end = space if space > 0 else position
    while end > 0 and text[end - 1] in ",;:–-":
        end -= 1
    return end


def shorten(text, limit):
    """At most ``limit`` characters, cut after a whole word with "…" when text is left out."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # the last word would be cut in the middle
    return cut.rstrip(" ,;:.-–") + "…"

"""What changed in a text, as an official reads it: words taken out and words put in, with
a little of the text around them; for rich text, also every link and formatting change."""

import re
from collections import Counter
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join

from .text import plain_text

CONTEXT_WORDS = 6
HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']*)["']""", re.I)
TAG = re.compile(r"<\s*(strong|b|em|i|u|s|h2|h3|h4|ul|ol|blockquote|table|img|sub|sup)\b", re.I)
FORMATTING = {
    "strong": "in đậm",
    "b": "in đậm",
    "em": "in nghiêng",
    "i": "in nghiêng",
    "u": "gạch chân",
    "s": "gạch ngang",
    "h2": "tiêu đề",
    "h3": "tiêu đề",
    "h4": "tiêu đề",
    "ul": "danh sách",
    "ol": "danh sách",
    "blockquote": "trích dẫn",
    "table": "bảng",
    "img": "hình ảnh",
    "sub": "chỉ số dưới",
    "sup": "chỉ số trên",
}


def _context(words, start, end, before):
    """A few words next to a change, with "…" where the text goes on."""
    if before:
        shown = words[max(0, end - CONTEXT_WORDS) : end]
        return ("… " if end > CONTEXT_WORDS else "") + " ".join(shown)
    shown = words[start : start + CONTEXT_WORDS]
    return " ".join(shown) + (" …" if len(words) > start + CONTEXT_WORDS else "")


def word_changes(old, new):
    """HTML listing each run of words removed (<del>) and added (<ins>) in context."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        parts.append(
            format_html(
                "<li>{} {}{} {}</li>",
                _context(old_words, 0, a1, before=True),
                format_html("<del>{}</del> ", " ".join(old_words[a1:a2])) if a2 > a1 else "",
                format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])) if b2 > b1 else "",
                _context(old_words, a2, a2, before=False),
            )
        )
    return parts


def markup_changes(old, new):
    """Lines for links added or removed and formatting that changed, which plain text hides."""
    lines = []
    old_links, new_links = Counter(HREF.findall(old)), Counter(HREF.findall(new))
    for href in sorted(new_links - old_links):
        lines.append(format_html("<li>Thêm liên kết: <code>{}</code></li>", href))
    for href in sorted(old_links - new_links):
        lines.append(format_html("<li>Bỏ liên kết: <code>{}</code></li>", href))
    old_tags, new_tags = Counter(_tags(old)), Counter(_tags(new))
    changed = sorted({FORMATTING[t] for t in (old_tags - new_tags) + (new_tags - old_tags)})
    if changed:
        lines.append(format_html("<li>Đổi định dạng: {}</li>", ", ".join(changed)))
    return lines


def _tags(markup):
    return [tag.lower() for tag in TAG.findall(markup)]


def describe(old, new, rich=False):
    """The whole difference as a list, or '' when a reader would see none."""
    old, new = str(old or ""), str(new or "")
    parts = markup_changes(old, new) if rich else []
    if rich:
        old, new = plain_text(old), plain_text(new)
    parts = word_changes(old, new) + parts
    if not parts:
        return ""
    return format_html(
        '<ul class="text-diff">{}</ul>', format_html_join("", "{}", ((p,) for p in parts))
    )

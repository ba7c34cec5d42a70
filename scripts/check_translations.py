"""Fail when a message the portal can show has no Vietnamese translation.

The messages come from Django's English catalogues (core and the contrib apps the portal uses)
and from the third-party apps' own catalogues plus their source, since the catalogues they ship
lag behind their code. A message counts as translated when Django's Vietnamese catalogue or the
project's `locale/vi` has it, exactly as Django merges them at run time: every `django` catalogue
together, and for `djangojs` the admin's catalogue that `/quan-tri/jsi18n/` serves (the prose
editor reads its strings from there too). The project's translations must keep the msgid's
placeholders, and each committed `.mo` must be the compiled form of its `.po`.

Exit status 0 when all is well, 1 with the problems listed otherwise.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import json
import re
import sys
import tokenize
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PROJECT_LOCALE = ROOT / "locale" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# Django catalogues whose English msgids the portal can show.
DJANGO_CATALOGUES = (
    "conf",
    "contrib/admin",
    "contrib/auth",
    "contrib/contenttypes",
    "contrib/sessions",
    "contrib/humanize",
    "contrib/postgres",
)
THIRD_PARTY = ("django_prose_editor", "axes", "simple_history")

GETTEXT_CALLS = {
    # name: (index of msgctxt or None, index of msgid, index of msgid_plural or None)
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}

PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
)
BRACE_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

# A message: (msgctxt or None, msgid, msgid_plural or None).
Message = tuple


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"Không tìm thấy gói {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def po_messages(path: Path) -> set[Message]:
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        for entry in polib.pofile(str(path))
        if entry.msgid and not entry.obsolete
    }


def calls_in_tokens(tokens: list[tokenize.TokenInfo]) -> set[Message]:
    """The literal arguments of gettext-style calls, as xgettext reads them."""
    found = set()
    for index, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in GETTEXT_CALLS:
            continue
        if tokens[index + 1].string != "(":
            continue
        args, current, position = [], [], index + 2
        while position < len(tokens):
            tok = tokens[position]
            if tok.type == tokenize.STRING:
                try:
                    current.append(ast.literal_eval(tok.string))
                except (ValueError, SyntaxError):
                    break  # f-strings and the like are not messages
            elif tok.type in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                pass
            elif tok.string == "," and current:
                args.append("".join(current))
                current = []
            else:
                break
            position += 1
        if current:
            args.append("".join(current))
        ctx_at, id_at, plural_at = GETTEXT_CALLS[token.string]
        needed = max(i for i in (ctx_at, id_at, plural_at) if i is not None)
        if len(args) <= needed or not all(isinstance(a, str) for a in args):
            continue
        found.add(
            (
                args[ctx_at] if ctx_at is not None else None,
                args[id_at],
                args[plural_at] if plural_at is not None else None,
            )
        )
    return found


def python_messages(text: str) -> set[Message]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return set()
    return calls_in_tokens(tokens)


def template_messages(text: str, origin: str) -> set[Message]:
    from django.utils.translation.template import templatize

    return python_messages(templatize(text, origin=origin))


def js_bundle_messages(text: str) -> set[Message]:
    """Strings a minified bundle passes to its alias of `window.gettext`."""
    found = set()
    for alias in set(re.findall(r"([\w$]+)=window\.gettext\b", text)):
        call = re.compile(re.escape(alias) + r'\(("(?:[^"\\]|\\.)*")\)')
        for literal in call.findall(text):
            found.add((None, json.loads(literal), None))
    return found


def third_party_messages(name: str) -> dict[str, set[Message]]:
    base = package_dir(name)
    messages = {domain: set() for domain in DOMAINS}
    for domain in DOMAINS:
        for path in sorted(base.glob(f"locale/*/LC_MESSAGES/{domain}.po")):
            messages[domain] |= po_messages(path)
    for path in sorted(base.rglob("*.py")):
        if "migrations" not in path.parts and "tests" not in path.parts:
            messages["django"] |= python_messages(path.read_text(encoding="utf-8"))
    for path in sorted(base.glob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        messages["django"] |= template_messages(text, str(path))
    for path in sorted(base.glob("static/**/*.js")):
        messages["djangojs"] |= js_bundle_messages(path.read_text(encoding="utf-8"))
    return messages


def wanted_messages() -> dict[str, dict[Message, str]]:
    """Every message to translate, by domain, with the catalogue it comes from."""
    django_dir = package_dir("django")
    wanted = {domain: {} for domain in DOMAINS}
    for catalogue in DJANGO_CATALOGUES:
        for domain in DOMAINS:
            path = django_dir / catalogue / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                for message in po_messages(path):
                    wanted[domain].setdefault(message, f"django/{catalogue}")
    for name in THIRD_PARTY:
        for domain, messages in third_party_messages(name).items():
            for message in messages:
                wanted[domain].setdefault(message, name)
    return wanted


def mo_catalogue(data: bytes) -> dict:
    return gettext.GNUTranslations(io.BytesIO(data))._catalog


def django_vi_catalogue(domain: str) -> dict:
    django_dir = package_dir("django")
    if domain == "django":
        paths = sorted(django_dir.glob("conf/locale/vi/LC_MESSAGES/django.mo"))
        paths += sorted(django_dir.glob("contrib/*/locale/vi/LC_MESSAGES/django.mo"))
    else:
        paths = sorted(django_dir.glob("contrib/admin/locale/vi/LC_MESSAGES/djangojs.mo"))
    catalogue = {}
    for path in paths:
        catalogue.update(mo_catalogue(path.read_bytes()))
    return catalogue


def project_po(domain: str) -> polib.POFile | None:
    path = PROJECT_LOCALE / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def catalogue_key(message: Message):
    ctx, msgid, plural = message
    key = f"{ctx}\x04{msgid}" if ctx else msgid
    return (key, 0) if plural else key


def is_translated(message: Message, catalogues: list[dict]) -> bool:
    key = catalogue_key(message)
    return any(catalogue.get(key) for catalogue in catalogues)


def placeholders(text: str, braces: bool) -> Counter:
    found = Counter(PLACEHOLDER.findall(text.replace("%%", "")))
    if braces:
        found.update(BRACE_PLACEHOLDER.findall(text))
    return found


def placeholder_problems(po: polib.POFile, domain: str) -> list[str]:
    problems = []
    for entry in po.translated_entries():
        source = entry.msgid_plural or entry.msgid
        braces = bool(BRACE_PLACEHOLDER.search(source))
        expected = placeholders(source, braces)
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if placeholders(text, braces) != expected:
                problems.append(f"{domain}.po: sai biến giữ chỗ trong bản dịch của {entry.msgid!r}")
    return problems


def mo_problems(domain: str) -> list[str]:
    po_path = PROJECT_LOCALE / f"{domain}.po"
    mo_path = po_path.with_suffix(".mo")
    if not po_path.exists():
        return []
    if not mo_path.exists():
        return [f"thiếu {mo_path.relative_to(ROOT)}: hãy biên dịch {po_path.name}"]
    compiled = mo_catalogue(polib.pofile(str(po_path)).to_binary())
    committed = mo_catalogue(mo_path.read_bytes())
    if compiled != committed:
        return [f"{mo_path.relative_to(ROOT)} không khớp với {po_path.name}: hãy biên dịch lại"]
    return []


def main() -> int:
    problems = []
    counts = {}
    for domain, wanted in wanted_messages().items():
        po = project_po(domain)
        catalogues = [mo_catalogue(po.to_binary())] if po else []
        catalogues.append(django_vi_catalogue(domain))
        missing = sorted(
            (
                (source, message)
                for message, source in wanted.items()
                if not is_translated(message, catalogues)
            ),
            key=lambda item: (item[0], item[1][1], item[1][0] or ""),
        )
        counts[domain] = len(wanted)
        for source, (ctx, msgid, _plural) in missing:
            context = f" [ngữ cảnh: {ctx}]" if ctx else ""
            problems.append(f"{domain} | {source} | chưa dịch: {msgid!r}{context}")
        if po:
            problems += placeholder_problems(po, domain)
        problems += mo_problems(domain)
    if problems:
        print("Bản dịch tiếng Việt chưa đầy đủ:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{domain}: {count}" for domain, count in counts.items())
    print(f"Bản dịch tiếng Việt đầy đủ ({summary} thông điệp).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

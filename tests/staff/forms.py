"""Read an admin form back from its HTML and post it as a browser would."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The successful controls of the page's main form, as (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"file", "submit", "button", "image", "reset"}:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [])
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._select[2].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            name, _multiple, chosen = self._select
            self.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)


def form_data(html, **changes):
    """The form's current values as a dict of lists, with `changes` applied."""
    parser = FormFields()
    parser.convert_charrefs = True
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    data.setdefault("_save", ["Lưu"])
    return data

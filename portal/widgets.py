from django import forms
from django.forms.utils import flatatt
from django.forms.widgets import Script
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_prose_editor.widgets import AdminProseEditorWidget


class Select(forms.Select):
    """Django's select with its markup written here rather than by its templates, which take
    0,8 ms a select: the public filters (search, tracker, documents) are rendered on every
    request that is not kept, and every new search is such a request."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group, rendered)
                if group
                else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),
        )


class RichTextWidget(AdminProseEditorWidget):
    """The prose editor, started by js/rich-text-editor.js instead of the package's preset.

    The package's preset needs an inline `<script type="importmap">`, which the admin's
    Content-Security-Policy (script-src 'self') blocks; rich-text-editor.js imports the editor
    by a relative path, so it needs none. It also cleans text pasted from Word and says the
    editor's own English labels in Vietnamese.
    """

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/rich-text-editor.css",
                ]
            },
            js=[Script("js/rich-text-editor.js", type="module")],
        )

from django import forms
from django.forms.widgets import Script
from django_prose_editor.widgets import AdminProseEditorWidget


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

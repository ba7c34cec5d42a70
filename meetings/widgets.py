from django import forms
from django.forms.widgets import Script
from django_prose_editor.widgets import AdminProseEditorWidget


class MinutesWidget(AdminProseEditorWidget):
    """The prose editor started by meetings/minutes-editor.js, which needs no inline import map
    (the admin's Content-Security-Policy allows scripts from files only)."""

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[Script("meetings/minutes-editor.js", type="module")],
        )

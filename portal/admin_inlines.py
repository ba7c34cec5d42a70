"""Inline rows that fit the screen officials have."""

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper

from communes.admin_scoping import CommuneChoices


class CardsInline(CommuneChoices, admin.TabularInline):
    """A tabular inline that is never wider than the screen: on a phone each row is a card
    with its labels (admin-forms.css), and choice widgets keep only the add (+) link, since
    editing or deleting a person or a unit from inside a meeting row is a detour."""

    template = "admin/edit_inline/tabular_cards.html"
    extra = 1

    class Media:
        css = {"all": ["css/admin-forms.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_change_related = False
            widget.can_delete_related = False
            widget.can_view_related = False
        return field

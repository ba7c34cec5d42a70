from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Directive, Unit


class DirectiveFilterForm(forms.Form):
    """The tracker's GET filters; a value that does not fit is ignored, never an error page."""

    trang_thai = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Directive.State.choices),
    )
    don_vi = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"),
        required=False,
        queryset=Unit.objects.all(),
        to_field_name="slug",
        empty_label=_("Tất cả"),
    )
    nam = forms.TypedChoiceField(label=_("Năm họp"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["nam"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]

    def filters(self):
        """Lookups for the fields that hold a valid value; the rest are dropped."""
        self.is_valid()
        data = self.cleaned_data
        lookups = {}
        if data.get("trang_thai"):
            lookups["state"] = data["trang_thai"]
        if data.get("don_vi"):
            lookups["unit"] = data["don_vi"]
        if data.get("nam"):
            lookups["meeting__start__year"] = data["nam"]
        return lookups

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.widgets import Select

from .models import Document, DocumentType, Issuer, Sector, Validity


def _choice(model, label):
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=model.objects.all(),
        to_field_name="slug",
        empty_label=_("Tất cả"),
        widget=Select,
    )


class DocumentFilterForm(forms.Form):
    """The register's GET filters; a value that does not fit is ignored, never an error page."""

    loai = _choice(DocumentType, _("Loại văn bản"))
    co_quan = _choice(Issuer, _("Cơ quan ban hành"))
    linh_vuc = _choice(Sector, _("Lĩnh vực"))
    nam = forms.TypedChoiceField(label=_("Năm ban hành"), required=False, coerce=int, widget=Select)
    hieu_luc = forms.ChoiceField(
        label=_("Hiệu lực"),
        required=False,
        choices=[("", _("Tất cả")), *Validity.choices],
        widget=Select,
    )

    def __init__(self, data, commune):
        super().__init__(data)
        years = (
            Document.objects.for_commune(commune)
            .published()
            .dates("issued_on", "year", order="DESC")
        )
        self.fields["nam"].choices = [("", _("Tất cả"))] + [(d.year, str(d.year)) for d in years]

    def filters(self):
        """Lookups for the fields that hold a valid value; the rest are dropped."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        lookups = {
            "doc_type": data.get("loai"),
            "issuer": data.get("co_quan"),
            "sector": data.get("linh_vuc"),
            "issued_on__year": data.get("nam"),
            "validity": data.get("hieu_luc"),
        }
        return {lookup: value for lookup, value in lookups.items() if value}

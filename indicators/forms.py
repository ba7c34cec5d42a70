from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .formatting import at_places, significant_places, written_places
from .importing import MAX_BYTES
from .models import MIN_YEAR, Indicator, Target, Value


class ValueForm(forms.ModelForm):
    can_publish = True  # set for each request by the admin

    class Meta:
        model = Value
        fields = [
            "indicator",
            "year",
            "qualifier",
            "value",
            "note",
            "source_meeting",
            "source_text",
            "is_published",
        ]
        # Officials type 91,24 and 2.945, as in their reports.
        localized_fields = ["value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored 93.5000 is shown as typed, 93,5 (a revert's old version likewise).
        if self.instance.value is not None and "value" in self.fields:
            self.initial["value"] = self.instance.as_entered
        # Rates are computed from their parts, never typed. (A read-only view has no field.)
        if "indicator" in self.fields:
            self.fields["indicator"].queryset = Indicator.objects.catalogue().filter(
                computation=Indicator.Computation.ENTERED
            )

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None:
            # Keep how many decimals were typed: "93,5" is 1, "98" is 0, "98,50" is 2.
            self.instance.decimals = written_places(value)
        return value

    def clean(self):
        cleaned = super().clean()
        # Compared with the database, not the instance: a revert's instance is an old version.
        stored = Value.objects.filter(pk=self.instance.pk).values_list("is_published", flat=True)
        was_published = bool(self.instance.pk and stored.first())
        wanted = cleaned.get("is_published", self.instance.is_published)
        if wanted != was_published and not self.can_publish:
            raise forms.ValidationError(
                _("Bạn chưa có quyền công bố hoặc thôi công bố số liệu; Lãnh đạo sẽ công bố.")
            )
        return cleaned


class TargetForm(forms.ModelForm):
    """A target as its basis writes it: 98,5, not 98,5000."""

    class Meta:
        model = Target
        fields = ["indicator", "year", "comparator", "value", "basis"]
        localized_fields = ["value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.value is not None and "value" in self.fields:
            self.initial["value"] = at_places(
                self.instance.value, significant_places(self.instance.value)
            )


class ImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_(
            "Mẫu nhập trống đã điền, hoặc tệp tải về từ trang chỉ số; tối đa 2 MB, "
            "1.000 dòng số liệu, cột A đến Z."
        ),
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hãy chọn tệp .xlsx."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        return upload


def _last_year():
    return timezone.localdate().year - 1


class EntryTemplateForm(forms.Form):
    """The year of a blank workbook to fill in (last year unless chosen)."""

    nam = forms.IntegerField(
        label=_("Năm"),
        min_value=MIN_YEAR,
        initial=_last_year,
        help_text=_("Mẫu có một dòng cho mỗi chỉ số nhập tay, kèm tên, mã và đơn vị."),
    )

    def clean_nam(self):
        year = self.cleaned_data["nam"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(
                _("Năm phải từ %(min)d đến %(max)d.")
                % {"min": MIN_YEAR, "max": timezone.localdate().year}
            )
        return year


class ConfirmImportForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)

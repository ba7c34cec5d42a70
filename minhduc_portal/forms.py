from django import forms
from django.utils.translation import gettext_lazy as _

from news.models import Category
from portal.models import SearchEntry
from portal.widgets import Select

MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        max_length=MAX_QUERY,
        error_messages={"max_length": _("Từ khóa dài quá: tối đa %(limit_value)d ký tự.")},
    )
    loai = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        widget=Select,
        choices=[("", _("Tất cả"))] + SearchEntry.Kind.choices,
    )
    chuyen_muc = forms.ChoiceField(label=_("Chuyên mục tin"), required=False, widget=Select)
    tu_ngay = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data=None, commune=None, categories=None, **kwargs):
        if categories is None:
            categories = list(Category.objects.for_commune(commune).values_list("slug", "name"))
        kind_field = self.base_fields["loai"]
        # An unknown kind or category (an old link, a typo) is dropped and said on the page,
        # rather than refusing the whole search.
        self.ignored = []
        if data is not None:
            data = data.copy()
            known = {"loai": dict(kind_field.choices), "chuyen_muc": dict(categories)}
            for name, choices in known.items():
                value = data.get(name, "")
                if value and value not in choices:
                    self.ignored.append(value)
                    data.pop(name)
        super().__init__(data, **kwargs)
        self.fields["chuyen_muc"].choices = [("", _("Tất cả")), *categories]
        for name in ("tu_ngay", "den_ngay"):
            self.fields[name].widget.format = "%Y-%m-%d"

    @property
    def has_filters(self):
        return any(
            self.cleaned_data.get(name) for name in ("loai", "chuyen_muc", "tu_ngay", "den_ngay")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data

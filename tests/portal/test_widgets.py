"""The public filters' select writes what Django's own templates write, without them."""

import re

import pytest
from django import forms

from portal.widgets import Select

CHOICES = [
    ("", "Tất cả"),
    ("tin-tuc", "Tin <tức> & sự kiện"),
    (2025, "2025"),
    ("Nhóm", [("a", "Một"), ("b", "Hai")]),
]


def tidy(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("value", [None, "", "tin-tuc", 2025, "2025", "b", "không có"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_loai"}, {"aria-invalid": "true", "required": True}]
)
def test_it_writes_the_same_markup_as_django(value, attrs):
    ours = Select(choices=CHOICES).render("loai", value, attrs)
    django = forms.Select(choices=CHOICES).render("loai", value, attrs)
    assert tidy(ours) == tidy(django)


def test_a_label_is_escaped_and_the_value_chosen():
    html = Select(choices=CHOICES).render("loai", "tin-tuc")
    assert '<option value="tin-tuc" selected>Tin &lt;tức&gt; &amp; sự kiện</option>' in html
    assert '<optgroup label="Nhóm"><option value="a">Một</option>' in html

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from staff.passwords import VIETNAMESE_LIST, CommonVietnamesePasswordValidator

MESSAGE = "Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn mật khẩu khác."


def messages(password, user=None):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    ["matkhau123", "admin12345", "chuyendoiso", "123456a@", "qwerty1234", "1qaz2wsx3edc"],
)
def test_common_vietnamese_passwords_are_refused(password):
    assert MESSAGE in messages(password)


@pytest.mark.parametrize(
    "password", ["MatKhau123", "Mật Khẩu 123", "MINHĐỨC2026", "Anh Yêu Em 123"]
)
def test_case_diacritics_and_spaces_do_not_get_past_the_list(password):
    assert MESSAGE in messages(password)


def test_django_s_own_list_still_applies():
    assert MESSAGE in messages("password123")


def test_a_long_unusual_password_passes():
    assert messages("ca-phe-sua-da-luc-bay-gio") == []


@pytest.mark.django_db
def test_a_committee_word_with_the_year_is_refused_for_a_real_user():
    user = get_user_model().objects.create_user("thuky", password="mot-mat-khau-dai-2026")
    assert MESSAGE in messages("chuyendoiso2026", user)


def test_the_list_holds_at_least_200_lowercase_folded_entries():
    entries = VIETNAMESE_LIST.read_text(encoding="utf-8").split()
    assert len(set(entries)) >= 200
    assert all(entry == "".join(entry.lower().split()) for entry in entries)
    assert {"matkhau123", "ubndxa", "banchidao", "minhduc", "anhyeuem", "iloveyou"} <= set(entries)


def test_the_validator_is_the_one_in_use(settings):
    names = [validator["NAME"] for validator in settings.AUTH_PASSWORD_VALIDATORS]
    assert "staff.passwords.CommonVietnamesePasswordValidator" in names
    assert CommonVietnamesePasswordValidator().get_help_text().startswith("Mật khẩu")

"""Django's list of common passwords joined by the ones Vietnamese offices often use."""

from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

from portal.text import fold

VIETNAMESE_LIST = Path(__file__).resolve().parent / "common_passwords_vi.txt"


class CommonVietnamesePasswordValidator(CommonPasswordValidator):
    """Refuses a password from either list, whatever its case or diacritics.

    "Mật Khẩu 123" folds to "mat khau 123"; spaces are dropped too, since the list writes
    "matkhau123" the way such passwords are typed.
    """

    def __init__(self):
        super().__init__()
        self.passwords |= {
            line.strip()
            for line in VIETNAMESE_LIST.read_text(encoding="utf-8").splitlines()
            if line.strip()
        }

    def validate(self, password, user=None):
        plain = password.lower().strip()
        folded = "".join(fold(password).split())
        if plain in self.passwords or folded in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return "Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn mật khẩu khác."

    def get_help_text(self):
        return (
            "Mật khẩu không được là mật khẩu hay dùng (như “matkhau123”, “admin12345”, "
            "tên xã hay tên cơ quan kèm số)."
        )

from django.utils.text import slugify


def slugify_vi(text):
    """Django's slugify drops "đ"; fold it to "d" first so "Chỉ đạo" gives "chi-dao"."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))

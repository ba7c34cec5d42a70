from django.utils.text import slugify


def slugify_vi(text):
    """Django's slugify drops "đ"; fold it to "d" first so "Chỉ đạo" gives "chi-dao"."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def unique_slug(instance, text, fallback):
    """A slug from `text`, with a number added while another row of the model has it."""
    base = slugify_vi(text)[: instance._meta.get_field("slug").max_length - 8] or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

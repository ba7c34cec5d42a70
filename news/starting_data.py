"""Categories every install starts with, so an editor can write the first article at once."""

CATEGORIES = [
    ("Hoạt động Ban Chỉ đạo", "hoat-dong-ban-chi-dao", 10),
    ("Chuyển đổi số", "chuyen-doi-so", 20),
    ("Thông báo", "thong-bao", 30),
]


def create_categories(using="default", apps=None, **kwargs):
    Category = apps.get_model("news", "Category")
    for name, slug, order in CATEGORIES:
        Category.objects.using(using).get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )

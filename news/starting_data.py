"""Categories every install starts with, so an editor can write the first article at once."""

from django.apps import apps as global_apps

CATEGORIES = [
    ("Hoạt động Ban Chỉ đạo", "hoat-dong-ban-chi-dao", 10),
    ("Chuyển đổi số", "chuyen-doi-so", 20),
    ("Thông báo", "thong-bao", 30),
]


def create_categories(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    Category = apps.get_model("news", "Category")
    Commune = apps.get_model("communes", "Commune")
    for commune in Commune.objects.using(using):
        for name, slug, order in CATEGORIES:
            Category.objects.using(using).get_or_create(
                commune=commune, slug=slug, defaults={"name": name, "order": order}
            )

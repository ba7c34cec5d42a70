"""The lists every install starts with (types, issuing bodies, fields), after each migrate.

Keyed by slug: a missing row is created, one an official has renamed is left as it is.
Documents themselves are never starting data.
"""

from django.apps import apps as global_apps

# name, slug, whether its documents have legal effect (a report or a notice has none)
TYPES = [
    ("Nghị quyết", "nghi-quyet", True),
    ("Chỉ thị", "chi-thi", True),
    ("Quyết định", "quyet-dinh", True),
    ("Kế hoạch", "ke-hoach", True),
    ("Hướng dẫn", "huong-dan", True),
    ("Báo cáo", "bao-cao", False),
    ("Thông báo kết luận", "thong-bao-ket-luan", False),
    ("Công văn", "cong-van", False),
]
ISSUERS = [
    ("Bộ Chính trị", "bo-chinh-tri"),
    ("Chính phủ", "chinh-phu"),
    ("Tỉnh ủy", "tinh-uy"),
    ("Ủy ban nhân dân tỉnh", "ubnd-tinh"),
    ("Đảng ủy xã", "dang-uy-xa"),
    ("Ủy ban nhân dân xã", "ubnd-xa"),
    ("Ban Chỉ đạo xã", "ban-chi-dao-xa"),
]
SECTORS = [
    ("Khoa học, công nghệ", "khoa-hoc-cong-nghe"),
    ("Đổi mới sáng tạo", "doi-moi-sang-tao"),
    ("Chuyển đổi số", "chuyen-doi-so"),
]


def create_lists(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    DocumentType = apps.get_model("documents", "DocumentType")
    Issuer = apps.get_model("documents", "Issuer")
    Sector = apps.get_model("documents", "Sector")
    for order, (name, slug, has_effect) in enumerate(TYPES, start=1):
        DocumentType.objects.using(using).get_or_create(
            slug=slug, defaults={"name": name, "has_effect": has_effect, "order": order * 10}
        )
    for model, rows in ((Issuer, ISSUERS), (Sector, SECTORS)):
        for order, (name, slug) in enumerate(rows, start=1):
            model.objects.using(using).get_or_create(
                slug=slug, defaults={"name": name, "order": order * 10}
            )

"""Records every install needs, created idempotently after each migrate."""

from django.apps import apps as global_apps

# As the seed writes it, "về" included.
COMMITTEE_NAME = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"


def create_site_identity(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    SiteIdentity = apps.get_model("portal", "SiteIdentity")
    Commune = apps.get_model("communes", "Commune")
    first = Commune.objects.using(using).order_by("pk").first()
    if first and not SiteIdentity.objects.using(using).filter(commune=first).exists():
        SiteIdentity.objects.using(using).create(
            commune=first,
            commune_name=first.name,
            committee_name=COMMITTEE_NAME,
            committee_short_name="Ban Chỉ đạo KHCN, ĐMST và CĐS",
        )

"""Records every install needs, created idempotently after each migrate."""

from django.apps import apps as global_apps

# As the seed writes it, "về" included.
COMMITTEE_NAME = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"


def create_site_identity(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    SiteIdentity = apps.get_model("portal", "SiteIdentity")
    Commune = apps.get_model("communes", "Commune")
    for commune in Commune.objects.using(using).filter(identity__isnull=True):
        SiteIdentity.objects.using(using).create(
            commune=commune,
            commune_name=commune.name,
            committee_name=COMMITTEE_NAME,
            committee_short_name="Ban Chỉ đạo KHCN, ĐMST và CĐS",
        )

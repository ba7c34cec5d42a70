"""The committee's full name as the seed writes it ("Ban Chỉ đạo về phát triển…").

Only an identity still carrying the old default is changed; a name an official typed stays.
"""

from django.db import migrations

OLD = "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
NEW = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"


def rename(old, new):
    def apply(apps, schema_editor):
        SiteIdentity = apps.get_model("portal", "SiteIdentity")
        SiteIdentity.objects.filter(committee_name=old).update(committee_name=new)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_suggestions")]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]

from django.db import migrations

from communes.upgrade import create_first_commune


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("portal", "0009_search_kinds"),
    ]

    operations = [migrations.RunPython(create_first_commune, migrations.RunPython.noop)]

"""Steps of the migrations that move a single-commune database into the many-commune shape.

Every row that existed belongs to the one commune the install served; the commune is made
from the site identity (its name) with the host names of the settings.
"""

from .starting_data import make_first_commune


def create_first_commune(apps, schema_editor):
    """The install's commune, from the identity record, when the database has one."""
    using = schema_editor.connection.alias
    SiteIdentity = apps.get_model("portal", "SiteIdentity")
    Commune = apps.get_model("communes", "Commune")
    identity = SiteIdentity.objects.using(using).order_by("pk").first()
    if identity and not Commune.objects.using(using).exists():
        make_first_commune(apps, using, identity.commune_name)


def assign_to_first_commune(*labels):
    """A RunPython step: rows of these models without a commune join the first commune
    (the history rows, and the identity, whose column is added empty)."""

    def assign(apps, schema_editor):
        using = schema_editor.connection.alias
        Commune = apps.get_model("communes", "Commune")
        first = Commune.objects.using(using).order_by("pk").first()
        if first is None:
            return
        for label in labels:
            model = apps.get_model(label)
            model.objects.using(using).filter(commune__isnull=True).update(commune=first)

    return assign

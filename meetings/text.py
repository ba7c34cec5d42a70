from portal.text import unique_slug as portal_unique_slug


def unique_slug(instance, text, fallback):
    """A slug from `text`, with a number added while another row of the model has it."""
    others = (
        type(instance)
        ._default_manager.filter(commune_id=instance.commune_id)
        .exclude(pk=instance.pk)
    )
    max_length = instance._meta.get_field("slug").max_length
    return portal_unique_slug(others, text, fallback, max_length)

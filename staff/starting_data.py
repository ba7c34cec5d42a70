"""Roles and Vietnamese permission names, brought up to date after every migrate."""

from django.apps import apps as global_apps
from django.utils import translation

from .roles import ROLES, permissions_of

ACTIONS = {"add": "thêm", "change": "sửa", "delete": "xóa", "view": "xem"}


def vietnamese_name(permission, model):
    """'Có thể thêm bài viết' for Django's built-in 'Can add …' permissions, else None."""
    action, _, model_name = permission.codename.partition("_")
    if action not in ACTIONS or model is None or model_name != model._meta.model_name:
        return None
    with translation.override("vi"):
        # simple-history names its models "historical …" in English, untranslatable.
        base = getattr(model, "instance_type", None)
        name = f"lịch sử {base._meta.verbose_name}" if base else str(model._meta.verbose_name)
        return f"Có thể {ACTIONS[action]} {name}"[:255]


def update_roles(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rename_permissions(Permission, using)
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(permissions_of(role, Permission.objects.using(using)))


def rename_permissions(Permission, using):
    renamed = []
    for permission in Permission.objects.using(using).select_related("content_type"):
        content_type = permission.content_type
        model = global_apps.all_models.get(content_type.app_label, {}).get(content_type.model)
        name = vietnamese_name(permission, model)
        if name and permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"], batch_size=500)

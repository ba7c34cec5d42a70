"""What writing and restoring share: the archive's layout, the tables and folders it covers."""

import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DATA = "data.jsonl"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# Rebuilt from the rest, so never stored: the search index and its words.
DERIVED = {"portal.searchentry", "portal.searchword"}
# What a freshly migrated install already holds: restoring replaces these rows.
STARTING = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "communes.commune",
    "communes.hostname",
    "portal.siteidentity",
    "news.category",
    "indicators.indicatorgroup",
    "indicators.indicator",
    "documents.documenttype",
    "documents.issuer",
    "documents.sector",
}


class BackupError(Exception):
    """A problem the operator can act on, said in Vietnamese."""


def by_natural_key(model):
    """Rows every install numbers on its own: matched by natural key, not by id."""
    return model in (ContentType, Permission)


def media_roots():
    """{archive folder: local folder} of every place uploaded files live."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        roots["private-media"] = Path(private)
    return roots


def backed_up_models():
    """Every stored model, in an order where natural keys are loaded before their users."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in DERIVED
    ]


def label(model):
    return model._meta.label_lower


def applied_migrations():
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def files_under(root):
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, AttributeError) as exc:
        raise BackupError("Tệp này không phải bản sao lưu của cổng (thiếu bản kê).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu định dạng {manifest.get('format')}, cần {FORMAT}.")
    return manifest


def open_archive(path):
    try:
        return tarfile.open(path, mode="r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được bản sao lưu {path}: {exc}") from exc


def content_present():
    """What this install holds beyond its starting data: table names and file folders."""
    found = [
        label(model)
        for model in backed_up_models()
        if label(model) not in STARTING and model._base_manager.exists()
    ]
    found += [str(root) for root in media_roots().values() if files_under(root)]
    return found


def check_migrations(manifest):
    """Refuse data written by code this install does not have yet."""
    here = applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if name not in here.get(app, [])
    ]
    if missing:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản mới hơn: cài đặt này chưa chạy các migration "
            + ", ".join(missing[:5])
            + (" …" if len(missing) > 5 else "")
            + ". Hãy cập nhật mã nguồn và chạy migrate trước."
        )

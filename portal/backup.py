"""One-file backups of the whole install: every table, every uploaded file, and a manifest.

The archive is a gzipped tar: ``data.jsonl`` (Django's JSON Lines serializer, one row a
line), the files under ``media/`` and ``private-media/``, and ``manifest.json`` last, with
the rows per table, a SHA-256 per file and the migrations the data was written under.
Primary keys are kept (sessions and admin log entries name users and objects by them);
only content types and permissions, which every ``migrate`` creates with its own ids, travel
by natural key, so an SQLite install restores into PostgreSQL. The search index is derived
and rebuilt on restore, never stored.
"""

import datetime
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import search

FORMAT = 1
DATA = "data.jsonl"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# Rebuilt from the rest, so never stored: the search index.
DERIVED = {"portal.searchentry"}
# What a freshly migrated install already holds: restoring replaces these rows.
STARTING = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "portal.siteidentity",
    "news.category",
    "indicators.indicatorgroup",
    "indicators.indicator",
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


class _Serializer(jsonl.Serializer):
    """Django's JSON Lines with natural foreign keys only towards content types and permissions."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = by_natural_key(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = by_natural_key(field.remote_field.model)
        super().handle_m2m_field(obj, field)


class _Encoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds (ECMA-262)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _stamps_itself(model):
    """Fields with auto_now(_add), which a bulk insert would overwrite with the time now."""
    return any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    )


def _rows(model):
    queryset = model._base_manager.order_by("pk")
    natural = [
        f.name for f in model._meta.fields if f.is_relation and by_natural_key(f.related_model)
    ]
    many = [f.name for f in model._meta.many_to_many]
    if natural:
        queryset = queryset.select_related(*natural)
    if many:
        queryset = queryset.prefetch_related(*many)
    return queryset


def _applied_migrations():
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _files(root):
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, stream):
        self.stream, self.sha = stream, hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.sha.update(data)
        return data


def _open_private(path):
    """A new file readable by its owner only: it holds password hashes and addresses."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "wb")


def write_archive(path, progress=lambda message: None):
    """Write the archive to ``path`` (which must not exist); return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    models = backed_up_models()
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": connection.vendor,
        "tables": {},
        "files": {},
    }
    out = _open_private(path)
    try:
        with out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            _write_members(tar, manifest, models, path.parent, progress)
    except BaseException:
        path.unlink(missing_ok=True)  # never leave half an archive that looks like a backup
        raise
    return manifest


def _write_members(tar, manifest, models, folder, progress):
    """The data, then the files, then the manifest that describes them."""
    with tempfile.TemporaryFile(dir=folder) as data:
        first_statement = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and first_statement:
                # One snapshot for every table, while the site keeps writing.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest["migrations"] = _applied_migrations()
            text = _Utf8Writer(data)
            for number, model in enumerate(models, start=1):
                serializer = _Serializer()
                serializer.serialize(
                    _rows(model).iterator(chunk_size=2000),
                    stream=text,
                    cls=_Encoder,
                    use_natural_primary_keys=by_natural_key(model),
                )
                manifest["tables"][label(model)] = text.take_count()
                progress(
                    f"Bảng {number}/{len(models)} {label(model)}: "
                    f"{manifest['tables'][label(model)]} dòng"
                )
        manifest["data_sha256"] = text.sha.hexdigest()
        data.seek(0)
        info = tarfile.TarInfo(DATA)
        info.size, info.mtime, info.mode = text.size, int(timezone.now().timestamp()), 0o600
        tar.addfile(info, data)
    _add_files(tar, manifest, progress)
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
    tar.addfile(info, _BytesReader(body))


def _add_files(tar, manifest, progress):
    files = [(folder, root, p) for folder, root in media_roots().items() for p in _files(root)]
    for number, (folder, root, file_path) in enumerate(files, start=1):
        name = f"{folder}/{file_path.relative_to(root).as_posix()}"
        info = tarfile.TarInfo(name)
        try:
            stat = file_path.stat()
            stream = file_path.open("rb")
        except FileNotFoundError:  # deleted by an official while the backup ran
            progress(f"Bỏ qua {name}: tệp vừa bị xoá")
            continue
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
        with stream:
            hashing = _Hashing(stream)
            tar.addfile(info, hashing)
        manifest["files"][name] = hashing.sha.hexdigest()
        if number % 100 == 0 or number == len(files):
            progress(f"Tệp {number}/{len(files)}")


class _Utf8Writer:
    """Text stream for the serializer: encodes into the data file, hashes and counts lines."""

    def __init__(self, binary):
        self.binary, self.sha, self.size, self.lines = binary, hashlib.sha256(), 0, 0

    def write(self, text):
        data = text.encode()
        self.binary.write(data)
        self.sha.update(data)
        self.size += len(data)
        self.lines += text.count("\n")

    def flush(self):
        pass

    def take_count(self):
        lines, self.lines = self.lines, 0
        return lines


class _BytesReader:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


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
    found += [str(root) for root in media_roots().values() if _files(root)]
    return found


def check_migrations(manifest):
    """Refuse data written by code this install does not have yet."""
    here = _applied_migrations()
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


def _safe_member(name):
    parts = Path(name).parts
    return not (Path(name).is_absolute() or ".." in parts or not parts)


def stage_files(tar, manifest, progress):
    """Extract and verify every file beside its final folder; {final path: staged path}."""
    roots = media_roots()
    staging = {}
    expected = manifest["files"]
    members = [m for m in tar.getmembers() if m.name not in (DATA, MANIFEST)]
    unexpected = sorted({m.name for m in members} - set(expected))
    if unexpected:
        raise BackupError(f"Bản sao lưu có tệp không nằm trong bản kê: {unexpected[0]}")
    placed = {}
    for number, member in enumerate(members, start=1):
        folder, _, relative = member.name.partition("/")
        valid = folder in ("media", "private-media") and _safe_member(relative)
        if not member.isfile() or not valid:
            raise BackupError(f"Tên tệp không hợp lệ trong bản sao lưu: {member.name}")
        if folder not in roots:
            raise BackupError(
                "Bản sao lưu có tệp riêng tư nhưng cài đặt này chưa đặt PRIVATE_MEDIA_ROOT."
            )
        if folder not in staging:
            roots[folder].parent.mkdir(parents=True, exist_ok=True)
            staging[folder] = Path(
                tempfile.mkdtemp(prefix=f".khoi-phuc-{folder}-", dir=roots[folder].parent)
            )
        target = staging[folder] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256()
        with tar.extractfile(member) as source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                sha.update(chunk)
                out.write(chunk)
        if sha.hexdigest() != expected[member.name]:
            raise BackupError(f"Tệp {member.name} không khớp mã SHA-256 trong bản kê.")
        placed[roots[folder] / relative] = target
        if number % 100 == 0 or number == len(members):
            progress(f"Đã kiểm tra tệp {number}/{len(members)}")
    missing = sorted(set(expected) - {m.name for m in members})
    if missing:
        raise BackupError(f"Bản sao lưu thiếu tệp {missing[0]} có trong bản kê.")
    return placed, list(staging.values())


def _wipe(models):
    """Empty every table the archive fills (and the search index); keys are checked at commit."""
    tables = [m._meta.db_table for m in models if not by_natural_key(m)]
    tables += [
        f.remote_field.through._meta.db_table
        for m in models
        for f in m._meta.many_to_many
        if f.remote_field.through._meta.auto_created
    ]
    tables.append(search.SearchEntry._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _insert(model, rows):
    """Insert rows of one model and their many-to-many links, without signals or new times."""
    links = {
        field: [
            (row.object.pk, value)
            for row in rows
            for value in (row.m2m_data or {}).get(field.name, [])
        ]
        for field in model._meta.many_to_many
    }
    if _stamps_itself(model):
        for row in rows:  # a raw save keeps the stored times; links are added below
            row.save(save_m2m=False, force_insert=True)
    else:
        model._base_manager.bulk_create([row.object for row in rows], batch_size=500)
    for field, pairs in links.items():
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._base_manager.bulk_create(
            [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs],
            batch_size=500,
        )


def _load(data, models, progress):
    """Insert every row, table by table; {label: rows loaded}."""
    loaded = Counter()
    batch, deferred = [], []
    known = {label(m) for m in models}

    def flush():
        if batch:
            model = type(batch[0].object)
            _insert(model, batch)
            progress(f"Đã nạp {label(model)}: {loaded[label(model)]} dòng")
            batch.clear()

    for row in jsonl.Deserializer(data, handle_forward_references=True):
        model = type(row.object)
        if label(model) not in known:
            raise BackupError(f"Cài đặt này không có bảng {label(model)} của bản sao lưu.")
        loaded[label(model)] += 1
        if by_natural_key(model):
            flush()
            row.save()  # onto the install's own row when it has one
            continue
        if row.deferred_fields:
            deferred.append(row)
        if batch and type(batch[0].object) is not model:
            flush()
        batch.append(row)
        if len(batch) >= 2000:
            flush()
    flush()
    for row in deferred:
        row.save_deferred_fields()
    return loaded


def restore(path, progress=lambda message: None):
    """Replace this install's data and files with the archive's; a report of what was done."""
    models = backed_up_models()
    with open_archive(path) as tar:
        manifest = read_manifest(tar)
        check_migrations(manifest)
        placed, staging = stage_files(tar, manifest, progress)
        try:
            with tempfile.TemporaryFile() as data:
                sha = hashlib.sha256()
                with tar.extractfile(DATA) as source:
                    while chunk := source.read(CHUNK):
                        sha.update(chunk)
                        data.write(chunk)
                if sha.hexdigest() != manifest["data_sha256"]:
                    raise BackupError("Dữ liệu trong bản sao lưu không khớp mã SHA-256.")
                data.seek(0)
                with transaction.atomic():
                    _wipe(models)
                    loaded = _load(_lines(data), models, progress)
                    connection.check_constraints()
                    _reset_sequences(models)
                    _check_counts(manifest, loaded)
                    progress("Dựng lại chỉ mục tìm kiếm")
                    search.rebuild()
                    _place_files(placed)
        finally:
            for folder in staging:
                shutil.rmtree(folder, ignore_errors=True)
    # Every cached page was built from the data just replaced.
    cache.clear()
    return {
        "manifest": manifest,
        "rows": sum(loaded.values()),
        "tables": sum(1 for count in loaded.values() if count),
        "files": len(placed),
        "bytes": sum(p.stat().st_size for p in placed),
        "search_entries": search.SearchEntry.objects.count(),
    }


def _lines(binary):
    for line in binary:
        yield line.decode()


def _reset_sequences(models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _check_counts(manifest, loaded):
    for name, count in manifest["tables"].items():
        if loaded[name] != count:
            raise BackupError(f"Bảng {name}: bản kê ghi {count} dòng, đã nạp {loaded[name]}.")
        model = apps.get_model(name)
        # Content types and permissions also keep the rows this install created itself.
        in_table = model._base_manager.count()
        if not by_natural_key(model) and in_table != count:
            raise BackupError(f"Bảng {name}: bản kê ghi {count} dòng, trong bảng có {in_table}.")


def _place_files(placed):
    """Put the verified files in place; files the archive does not hold are removed."""
    for root in media_roots().values():
        for existing in _files(root):
            if existing not in placed:
                existing.unlink()
    for final, staged in placed.items():
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged, final)

"""khoi_phuc: files checked beside their folders, then every row in one transaction."""

import hashlib
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.db import connection, transaction

from .. import search
from .common import (
    CHUNK,
    DATA,
    MANIFEST,
    BackupError,
    backed_up_models,
    by_natural_key,
    check_migrations,
    files_under,
    label,
    media_roots,
    open_archive,
    read_manifest,
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


def _stamps_itself(model):
    """Fields with auto_now(_add), which a bulk insert would overwrite with the time now."""
    return any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    )


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
        for existing in files_under(root):
            if existing not in placed:
                existing.unlink()
    for final, staged in placed.items():
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged, final)

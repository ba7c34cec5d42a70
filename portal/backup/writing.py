"""sao_luu: the data in one snapshot, then the files, then the manifest, into a 0600 file."""

import datetime
import hashlib
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .common import (
    DATA,
    FORMAT,
    MANIFEST,
    applied_migrations,
    backed_up_models,
    by_natural_key,
    files_under,
    label,
    media_roots,
)
from .one_commune import OneCommune


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


def _rows(model, selection=None):
    if selection is not None:
        queryset = selection.rows(model)
    else:
        queryset = model._base_manager.order_by("pk")
    natural = [
        f.name for f in model._meta.fields if f.is_relation and by_natural_key(f.related_model)
    ]
    many = [f.name for f in model._meta.many_to_many]
    if natural:
        queryset = queryset.select_related(*natural)
    if many and selection is None:
        queryset = queryset.prefetch_related(*many)
    objects = queryset.iterator(chunk_size=2000)
    return objects if selection is None else map(selection.clean, objects)


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


def write_archive(path, progress=lambda message: None, commune=None):
    """Write the archive to ``path`` (which must not exist); return its manifest.

    With ``commune``, the archive holds that commune's rows and files only (one_commune).
    """
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
    selection = None
    if commune is not None:
        selection = OneCommune(commune)
        manifest["commune"] = {"slug": commune.slug, "name": commune.name}
    out = _open_private(path)
    try:
        with out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            _write_members(tar, manifest, models, path.parent, progress, selection)
    except BaseException:
        path.unlink(missing_ok=True)  # never leave half an archive that looks like a backup
        raise
    return manifest


def _write_members(tar, manifest, models, folder, progress, selection=None):
    """The data, then the files, then the manifest that describes them."""
    with tempfile.TemporaryFile(dir=folder) as data:
        first_statement = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and first_statement:
                # One snapshot for every table, while the site keeps writing.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            manifest["migrations"] = applied_migrations()
            text = _Utf8Writer(data)
            for number, model in enumerate(models, start=1):
                serializer = _Serializer()
                serializer.serialize(
                    _rows(model, selection),
                    stream=text,
                    cls=_Encoder,
                    use_natural_primary_keys=by_natural_key(model),
                )
                manifest["tables"][label(model)] = text.take_count()
                progress(
                    f"Bảng {number}/{len(models)} {label(model)}: "
                    f"{manifest['tables'][label(model)]} dòng"
                )
            if selection is not None:
                selection.collect_files(models)  # in the same snapshot as the rows
                manifest["emptied"] = dict(sorted(selection.emptied.items()))
        manifest["data_sha256"] = text.sha.hexdigest()
        data.seek(0)
        info = tarfile.TarInfo(DATA)
        info.size, info.mtime, info.mode = text.size, int(timezone.now().timestamp()), 0o600
        tar.addfile(info, data)
    _add_files(tar, manifest, progress, selection)
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
    tar.addfile(info, _BytesReader(body))


def _add_files(tar, manifest, progress, selection=None):
    files = [
        (f"{folder}/{p.relative_to(root).as_posix()}", p)
        for folder, root in media_roots().items()
        for p in files_under(root)
    ]
    if selection is not None:
        files = [(name, p) for name, p in files if selection.keeps_file(name)]
    for number, (name, file_path) in enumerate(files, start=1):
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

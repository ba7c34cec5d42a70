"""sao_luu --xa: one commune exported alone, restored alone, and taken out of a full backup.

The source install holds two communes with look-alike content (tests/portal/
commune_export_world.py): xã Minh Đức with the demo, and xã Bến Thử, each with files named by
its marker word. The archive of xã Bến Thử, restored into an empty install, must serve that
commune's pages and files, with every row as it was in the source (references to rows left
behind emptied), and nothing of xã Minh Đức.
"""

import json
import shutil
import tarfile
from pathlib import Path

import pytest

from tests.portal import test_backup
from tests.portal.commune_export_world import HOST, MARKERS
from tests.portal.test_backup import Install, differences, needs_postgresql

postgresql = test_backup.postgresql  # new PostgreSQL installs, as the backup tests make them
STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"

# Tables whose ids are the install's own (matched by natural key) or that are rebuilt.
NOT_COMPARED = {
    "auth.permission",
    "contenttypes.contenttype",
    "portal.searchentry",
}


def read_archive(path):
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        rows = [json.loads(line) for line in tar.extractfile("data.jsonl")]
    return manifest, rows


def files_in(install):
    found = {}
    for folder, name in (("media", "media"), ("private-media", "private")):
        root = install.folder / name
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file():
                found[f"{folder}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return found


@pytest.fixture(scope="module")
def new_install(migrated_sqlite, tmp_path_factory):
    def make(name):
        folder = tmp_path_factory.mktemp(name)
        shutil.copy(migrated_sqlite, folder / "db.sqlite3")
        install = Install(folder, f"sqlite:///{folder / 'db.sqlite3'}")
        # Pages are rendered without collectstatic's manifest.
        install.env["STATICFILES_BACKEND"] = STATIC
        return install

    return make


@pytest.fixture(scope="module")
def source(new_install):
    install = new_install("hai-xa")
    install.run("-m", "tests.portal.commune_export_world", "fill")
    result = install.manage("sao_luu", "--xa", "ben-thu", "--output", str(install.folder))
    archive = Path(result.stdout.strip().splitlines()[-1])
    return {
        "install": install,
        "snapshot": install.snapshot(),
        "archive": archive,
        "stderr": result.stderr,
    }


def restore_alone(target, source):
    """The commune's archive restored into ``target``: its report, rows and pages."""
    result = target.manage("khoi_phuc", str(source["archive"]), "--noinput")
    snapshot = target.snapshot()  # before the visits below count and sign in
    out = target.folder / "trang.json"
    target.run("-m", "tests.portal.commune_export_world", "pages", HOST, str(out))
    return {
        "install": target,
        "result": result,
        "snapshot": snapshot,
        "pages": json.loads(out.read_text()),
    }


@pytest.fixture(scope="module")
def restored(source, new_install):
    return restore_alone(new_install("chi-ben-thu"), source)


def test_the_archive_holds_that_communes_rows_and_files_only(source):
    manifest, rows = read_archive(source["archive"])
    catalogue = len(source["snapshot"]["tables"]["indicators.indicator"])
    assert source["archive"].name.startswith("xa-ben-thu-")
    assert manifest["commune"] == {"slug": "ben-thu", "name": "xã Bến Thử"}
    tables = manifest["tables"]
    assert tables["communes.commune"] == tables["communes.hostname"] == 1
    assert tables["communes.staffaccount"] == tables["auth.user"] == 1  # not the province's
    assert tables["sessions.session"] == tables["axes.accessattempt"] == 0
    assert tables["meetings.historicalmeeting"] >= 3  # the deleted meeting's history too
    assert tables["meetings.historicaldirectiveupdate"] == 3  # two made, one deleted
    assert tables["news.historicalarticle_tags"] >= 1
    assert tables["indicators.indicator"] == catalogue and tables["indicators.target"] == 1
    commune = next(row["pk"] for row in rows if row["model"] == "communes.commune")
    for row in rows:
        assert row["fields"].get("commune", commune) in (commune, None), row
    text = json.dumps(rows, ensure_ascii=False)
    assert MARKERS["ben-thu"] in text
    assert MARKERS["minh-duc"] not in text and "Trần Văn Phương" not in text  # nor the demo's
    assert "nguyenvana" not in text and "tinh.so" not in text

    on_disk = files_in(source["install"])
    own = {name for name in on_disk if "betaduc" in name}
    assert sorted(manifest["files"]) == sorted(own)
    # the logo, the cover and its two renditions, the article's attachment, both meetings'
    # (the deleted one's named by its history) and the document's file
    assert len(own) == 8
    emptied = manifest["emptied"]
    assert emptied["indicators.target.basis_document"] == 1  # the other commune's document
    assert emptied["indicators.value.entered_by"] == 1  # the province account
    assert emptied["news.historicalarticle.history_user"] == 1
    assert "Đã sao lưu riêng xã Bến Thử" in source["stderr"] and "Để trống" in source["stderr"]


def test_restored_alone_it_serves_that_commune(restored):
    assert_serves_that_commune(restored)


def assert_serves_that_commune(restored):
    assert "Đã khôi phục" in restored["result"].stdout
    assert "riêng xã Bến Thử" in restored["result"].stdout
    pages = dict(restored["pages"])
    signed_in = pages.pop("admin")
    assert signed_in == {"status": 200, "signed_in": True}
    assert {path: page["status"] for path, page in pages.items()} == dict.fromkeys(pages, 200)
    for path, page in pages.items():
        assert MARKERS["minh-duc"] not in page["text"], path
    texts = [page["text"] for path, page in pages.items() if not path.startswith("/tep/")]
    assert all(MARKERS["ben-thu"] in text for text in texts[:7])
    assert "Betaduc" in pages["/tim-kiem/?q=giong+nhau"]["text"]  # the index rebuilt


def test_every_row_and_file_is_as_in_the_source(source, restored):
    before, after = source["snapshot"], restored["snapshot"]
    compared = 0
    for table, rows in after["tables"].items():
        if table in NOT_COMPARED:
            continue
        for key, values in rows.items():
            original = before["tables"][table].get(key)
            assert original is not None, f"{table} {key}: không có ở cài đặt nguồn"
            changed = {f for f in values if values[f] != original[f]}
            # Only references to rows left behind, emptied (and links to them dropped).
            assert all(values[f] in (None, []) for f in changed), (table, key, changed)
            compared += 1
    manifest, _ = read_archive(source["archive"])
    archived = sum(n for table, n in manifest["tables"].items() if table not in NOT_COMPARED)
    assert compared == archived
    source_files = files_in(source["install"])
    restored_files = files_in(restored["install"])
    assert restored_files and all("betaduc" in name for name in restored_files)
    assert all(restored_files[name] == source_files[name] for name in restored_files)
    text = json.dumps(after["tables"], ensure_ascii=False)
    assert MARKERS["minh-duc"] not in text and "nguyenvana" not in text
    print(f"Một xã: {compared} dòng giống cài đặt nguồn, {len(restored_files)} tệp giống hệt")


def test_a_full_backup_gives_the_same_commune_through_a_scratch_install(source, new_install):
    whole = source["install"].manage("sao_luu", "--output", str(source["install"].folder))
    full = whole.stdout.strip().splitlines()[-1]
    scratch = new_install("nhap")
    scratch.manage("khoi_phuc", full, "--noinput")
    again = scratch.manage("sao_luu", "--xa", "ben-thu", "--output", str(scratch.folder))
    direct, _ = read_archive(source["archive"])
    through, _ = read_archive(again.stdout.strip().splitlines()[-1])
    assert through["tables"] == direct["tables"] and through["files"] == direct["files"]
    assert through["emptied"] == direct["emptied"]


def test_the_first_commune_takes_the_accounts_without_a_commune(source):
    install = source["install"]
    result = install.manage("sao_luu", "--xa", "minh-duc", "--output", str(install.folder))
    manifest, rows = read_archive(result.stdout.strip().splitlines()[-1])
    users = {row["fields"]["username"] for row in rows if row["model"] == "auth.user"}
    assert "nguyenvana" in users and not users & {"tinh.so", "canbo.benthu"}
    assert manifest["tables"]["admin.logentry"] == 1  # nguyenvana's, not the other's
    assert manifest["files"] and not any("betaduc" in name for name in manifest["files"])
    assert MARKERS["ben-thu"] not in json.dumps(rows, ensure_ascii=False)


def test_an_unknown_commune_and_an_install_with_content_are_refused(source, restored):
    unknown = source["install"].manage("sao_luu", "--xa", "khong-co", check=False)
    assert unknown.returncode == 1
    assert "Không có xã mã “khong-co”" in unknown.stderr and "ben-thu" in unknown.stderr
    again = restored["install"].manage(
        "khoi_phuc", str(source["archive"]), "--noinput", check=False
    )
    assert again.returncode == 1
    assert "chỉ có xã Bến Thử" in again.stderr and "chỉ còn xã này" in again.stderr


@needs_postgresql
def test_restored_alone_on_postgresql_too(source, restored, postgresql):
    target = postgresql()
    target.env["STATICFILES_BACKEND"] = STATIC
    on_postgresql = restore_alone(target, source)
    assert_serves_that_commune(on_postgresql)
    assert differences(restored["snapshot"], on_postgresql["snapshot"]) == []

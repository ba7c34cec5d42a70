"""portal.uploads: files are checked by content, images re-encoded, names made safe."""

import io
import re

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from portal import uploads
from tests.portal.samples import (
    GPS_TAG,
    HOSTILE,
    HTML,
    docx_bytes,
    exif_with_location,
    image_bytes,
    odt_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
)

EVERY_TYPE = uploads.FileValidator(
    ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "png"], 20 * uploads.MB
)


def real_xlsx():
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Hồ sơ tiếp nhận"
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_in_vietnamese(case):
    name, data = HOSTILE[case]
    with pytest.raises(ValidationError) as error:
        EVERY_TYPE(upload(name, data))
    message = error.value.messages[0]
    assert "không được nhận" in message or "không phải là tệp" in message


@pytest.mark.parametrize(
    "name, data, content_type",
    [
        ("Báo cáo.pdf", pdf_bytes(), "application/pdf"),
        ("bien-ban.docx", docx_bytes(), uploads.KINDS["docx"].content_type),
        ("so-lieu.xlsx", xlsx_bytes(), uploads.KINDS["xlsx"].content_type),
        ("so-lieu-that.xlsx", real_xlsx(), uploads.KINDS["xlsx"].content_type),
        ("van-ban.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("anh.PNG", image_bytes("PNG"), "image/png"),
        ("anh.jpeg", image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_an_honest_file_is_accepted_with_the_type_its_content_shows(name, data, content_type):
    EVERY_TYPE(upload(name, data))
    assert uploads.detect(upload(name, data)).content_type == content_type


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    big = upload("lon.pdf", pdf_bytes())
    big.size = 20 * uploads.MB + 1
    with pytest.raises(ValidationError) as error:
        EVERY_TYPE(big)
    assert "vượt quá giới hạn 20,0\xa0MB" in error.value.messages[0]


def test_an_image_type_not_on_the_list_is_refused():
    only_documents = uploads.FileValidator(["pdf"], uploads.MB)
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF"):
        only_documents(upload("anh.png", image_bytes()))


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ValidationError):
        EVERY_TYPE(upload("so-lieu.xlsx", real_xlsx()))


def test_a_png_with_html_appended_is_stored_without_it():
    field_file = upload("anh.png", image_bytes("PNG") + HTML)
    kind = uploads.prepare(field_file)
    stored = field_file.file.read()
    assert kind.content_type == "image/png"
    assert b"<script" not in stored and stored.endswith(b"IEND\xaeB`\x82")


def test_location_metadata_is_dropped_from_an_image():
    original = image_bytes("JPEG", exif=exif_with_location())
    assert GPS_TAG in Image.open(io.BytesIO(original)).getexif()
    field_file = upload("anh.jpg", original)
    uploads.prepare(field_file)
    with Image.open(io.BytesIO(field_file.file.read())) as image:
        assert not image.getexif() and "exif" not in image.info


def test_stored_names_are_a_slug_of_the_original_and_a_random_part():
    first = uploads.stored_name("Báo cáo Ban Chỉ đạo năm 2025.PDF")
    second = uploads.stored_name("Báo cáo Ban Chỉ đạo năm 2025.PDF")
    assert re.fullmatch(r"bao-cao-ban-chi-dao-nam-2025-[0-9a-f]{8}\.pdf", first)
    assert first != second
    assert re.fullmatch(r"bao-cao-[0-9a-f]{8}\.pdf", uploads.stored_name("../../báo cáo.pdf"))
    assert re.fullmatch(r"tep-[0-9a-f]{8}\.pdf", uploads.stored_name("!!!.pdf"))


def test_upload_to_puts_the_stored_name_in_a_dated_folder():
    name = uploads.UploadTo("cuoc-hop/%Y/")(None, "Giấy mời họp.docx")
    assert re.fullmatch(r"cuoc-hop/20\d\d/giay-moi-hop-[0-9a-f]{8}\.docx", name)

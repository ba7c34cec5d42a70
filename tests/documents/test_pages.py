"""The public register: list with filters, a document's page, feed, sitemap and menus."""

import datetime

import feedparser
import pytest
from django.urls import reverse

from documents.models import Document, DocumentRelation
from portal.models import DailyVisits
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def todays_visits_row(db):
    """Today's visit row exists, as it does after the day's first visitor."""
    DailyVisits.record()


def list_html(client, **params):
    response = client.get(reverse("documents:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_list_shows_number_type_issuer_date_and_validity(counted_client, make_document):
    make_document(
        number="57-NQ/TW",
        type="nghi-quyet",
        issuer="bo-chinh-tri",
        title="Về đột phá phát triển khoa học",
        issued_on=datetime.date(2024, 12, 22),
    )
    html = list_html(counted_client)
    assert "Nghị quyết số 57-NQ/TW" in html
    assert "ngày 22/12/2024 · Bộ Chính trị" in html
    assert "Còn hiệu lực" in html


def test_unpublished_internal_and_secret_documents_stay_off_public_pages(
    counted_client, make_document
):
    hidden = [
        make_document(title="Bản nháp chưa công bố", is_published=False),
        make_document(title="Văn bản nội bộ", scope=Document.Scope.INTERNAL, is_published=False),
        make_document(title="Văn bản mật", scope=Document.Scope.SECRET, is_published=False),
    ]
    html = list_html(counted_client)
    for document in hidden:
        assert document.title not in html
        assert counted_client.get(document.get_absolute_url()).status_code == 404
    feed = counted_client.get(reverse("documents:feed")).content.decode()
    sitemap = counted_client.get(reverse("sitemap")).content.decode()
    exported = counted_client.get(reverse("documents:export-json")).json()
    for document in hidden:
        assert document.title not in feed and document.slug not in sitemap
    assert exported["documents"] == []


def test_staff_who_read_the_register_see_a_draft_with_a_notice(client, admin_user, make_document):
    draft = make_document(is_published=False)
    client.force_login(admin_user)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Văn bản chưa công bố" in html


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"loai": "nghi-quyet"}, {"57-NQ/TW"}),
        ({"co_quan": "ubnd-xa"}, {"12/QĐ-UBND"}),
        ({"linh_vuc": "chuyen-doi-so"}, {"57-NQ/TW"}),
        ({"nam": "2025"}, {"12/QĐ-UBND", "03/BC-BCĐ"}),
        ({"hieu_luc": "het-hieu-luc"}, {"12/QĐ-UBND"}),
        ({"hieu_luc": "khong-ap-dung"}, {"03/BC-BCĐ"}),
        ({"hieu_luc": "con-hieu-luc", "loai": "nghi-quyet"}, {"57-NQ/TW"}),
    ],
)
def test_filters_narrow_the_list(counted_client, make_document, params, shown):
    make_document(
        number="57-NQ/TW",
        type="nghi-quyet",
        issuer="bo-chinh-tri",
        sector=None,
        issued_on=datetime.date(2024, 12, 22),
    )
    Document.objects.filter(number="57-NQ/TW").update(sector_id=_sector("chuyen-doi-so"))
    make_document(
        number="12/QĐ-UBND",
        type="quyet-dinh",
        issuer="ubnd-xa",
        issued_on=datetime.date(2025, 2, 1),
        effective_until=datetime.date(2025, 12, 31),
    )
    make_document(number="03/BC-BCĐ", type="bao-cao", issued_on=datetime.date(2025, 12, 20))
    html = list_html(counted_client, **params)
    numbers = {"57-NQ/TW", "12/QĐ-UBND", "03/BC-BCĐ"}
    assert {n for n in numbers if f"số {n}<" in html} == shown


def _sector(slug):
    from documents.models import Sector

    return Sector.objects.get(slug=slug).pk


@pytest.mark.parametrize(
    "params",
    [
        {"loai": "khong-co"},
        {"nam": "abc"},
        {"nam": "1900"},
        {"hieu_luc": "<script>"},
        {"co_quan": "x" * 500},
        {"page": "1", "linh_vuc": ["a", "b"]},
    ],
)
def test_bad_filter_values_are_ignored(counted_client, make_document, params):
    make_document(number="09/KH-BCĐ")
    assert "số 09/KH-BCĐ<" in list_html(counted_client, **params)


def test_a_page_past_the_end_is_a_404_not_a_500(counted_client, make_document):
    make_document()
    assert counted_client.get(reverse("documents:list"), {"page": "99"}).status_code == 404


@pytest.mark.usefixtures("rendered_pages")
@pytest.mark.parametrize("count", [2, 25])
def test_list_query_count_is_pinned_with_and_without_filters(
    counted_client, make_document, django_assert_num_queries, count
):
    for n in range(count):
        make_document(number=f"{n}/KH-BCĐ", issued_on=datetime.date(2025, 1, 1 + n % 28))
    list_html(counted_client)  # the layout's data is then in the shared cache
    # form choices: types, issuers, sectors, years (4), count, page
    with django_assert_num_queries(6):
        list_html(counted_client)
    # + one lookup for each filter holding a list value
    with django_assert_num_queries(8):
        list_html(counted_client, loai="ke-hoach", co_quan="ban-chi-dao-xa", nam="2025")


def test_detail_shows_every_field_and_related_documents_both_ways(
    counted_client, make_document, make_meeting
):
    meeting = make_meeting(title="Họp Ban Chỉ đạo quý I")
    resolution = make_document(
        number="57-NQ/TW",
        type="nghi-quyet",
        issuer="bo-chinh-tri",
        title="Về đột phá phát triển khoa học",
        signer="Nguyễn Văn A",
        signer_title="Tổng Bí thư",
        issued_on=datetime.date(2024, 12, 22),
    )
    plan = make_document(number="01/KH-BCĐ", title="Kế hoạch thực hiện", issued_at_meeting=meeting)
    DocumentRelation.objects.create(source=plan, kind="guides", target=resolution)
    resolution.reviewed_at.add(meeting)
    html = counted_client.get(resolution.get_absolute_url()).content.decode()
    for text in [
        "57-NQ/TW",
        "Bộ Chính trị",
        "Nguyễn Văn A – Tổng Bí thư",
        "22/12/2024",
        "Còn hiệu lực",
        "Văn bản này được hướng dẫn thi hành bởi",
        "Kế hoạch số 01/KH-BCĐ",
        "Được xem xét tại cuộc họp",
        "Họp Ban Chỉ đạo quý I",
        "Cổng chưa có tệp toàn văn",
    ]:
        assert text in html, text
    html = counted_client.get(plan.get_absolute_url()).content.decode()
    assert "Văn bản này hướng dẫn thi hành" in html and "Nghị quyết số 57-NQ/TW" in html
    assert "Ban hành từ cuộc họp" in html


def test_detail_lists_directives_with_their_progress(counted_client, make_document, make_meeting):
    directive = make_meeting().directives.create(
        text="Triển khai Tổ công nghệ số", status="done", completed_on=datetime.date(2026, 1, 30)
    )
    directive.updates.create(date=datetime.date(2026, 1, 20), note="Đã lập 19 tổ")
    document = make_document()
    document.directives.add(directive)
    html = counted_client.get(document.get_absolute_url()).content.decode()
    assert "Kết luận chỉ đạo thực hiện văn bản" in html
    assert "Triển khai Tổ công nghệ số" in html and "Hoàn thành" in html
    assert "Đã lập 19 tổ" in html


@pytest.mark.parametrize("size", [1, 6])
def test_detail_query_count_is_pinned(
    counted_client, make_document, make_meeting, django_assert_num_queries, size
):
    document = make_document()
    for n in range(size):
        other = make_document(number=f"{n}/TB-BCĐ", type="thong-bao-ket-luan")
        DocumentRelation.objects.create(source=other, kind="basis", target=document)
        DocumentRelation.objects.create(source=document, kind="amends", target=other)
        meeting = make_meeting()
        document.reviewed_at.add(meeting)
        document.directives.add(meeting.directives.create(text=f"Kết luận {n}"))
        document.files.create(file=f"van-ban/2025/tep-{n}.pdf", size=1000, has_text=True)
    # layout (2), document, files, relations out, relations in, meetings, directives,
    # their updates, targets
    with django_assert_num_queries(10):
        response = counted_client.get(document.get_absolute_url())
    assert response.status_code == 200


def test_feed_lists_new_documents(counted_client, make_document):
    make_document(number="05/KH-BCĐ", title="Kế hoạch <b>chuyển đổi số</b> năm 2026")
    feed = feedparser.parse(counted_client.get(reverse("documents:feed")).content)
    assert feed.entries[0].title == "Kế hoạch số 05/KH-BCĐ (Ban Chỉ đạo xã)"
    # The reader renders the description as HTML: the typed markup shows as text.
    assert feed.entries[0].summary == "Kế hoạch &lt;b&gt;chuyển đổi số&lt;/b&gt; năm 2026"


def test_sitemap_site_map_and_menu_show_the_register(counted_client, make_document):
    document = make_document()
    assert document.slug in whole_sitemap(counted_client)
    site_map = counted_client.get(reverse("portal:site-map")).content.decode()
    assert f'href="{reverse("documents:list")}">Văn bản</a>' in site_map
    home = counted_client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("documents:list")}"' in home


def test_meeting_page_lists_its_documents(counted_client, make_document, make_meeting):
    meeting = make_meeting()
    make_document(number="02/TB-BCĐ", type="thong-bao-ket-luan", issued_at_meeting=meeting)
    reviewed = make_document(number="57-NQ/TW", type="nghi-quyet", issuer="bo-chinh-tri")
    reviewed.reviewed_at.add(meeting)
    draft = make_document(number="03/KH-BCĐ", is_published=False)
    draft.reviewed_at.add(meeting)
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert "Thông báo kết luận số 02/TB-BCĐ" in html and "(ban hành từ cuộc họp)" in html
    assert "Nghị quyết số 57-NQ/TW" in html and "(được xem xét tại cuộc họp)" in html
    assert "03/KH-BCĐ" not in html


def test_an_indicator_target_links_its_published_basis_document(counted_client, make_document):
    from indicators.models import Indicator, Target

    indicator = Indicator.objects.get(code="dan-co-tai-khoan-vneid")
    document = make_document(number="09/KH-UBND", issuer="ubnd-xa", title="Kế hoạch VNeID")
    Target.objects.create(
        indicator=indicator, year=2026, value=95, basis="Kế hoạch VNeID", basis_document=document
    )
    link = f'<a href="{document.get_absolute_url()}">Kế hoạch VNeID</a>'
    assert link in counted_client.get(indicator.get_absolute_url()).content.decode()
    page = counted_client.get(document.get_absolute_url()).content.decode()
    assert "Chỉ tiêu đặt ra theo văn bản" in page and indicator.name in page
    document.is_published = False
    document.save()
    html = counted_client.get(indicator.get_absolute_url()).content.decode()
    assert "Kế hoạch VNeID" in html and link not in html

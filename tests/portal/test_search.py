import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from meetings.models import (
    AgendaItem,
    Attendance,
    Committee,
    Directive,
    Issue,
    Meeting,
    Membership,
    Person,
)
from news.models import Article, Category
from portal import search
from portal.models import SearchEntry
from tests.communes.helpers import first_commune

pytestmark = pytest.mark.django_db

NOW = timezone.now()
POSTGRESQL = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")


def article(title, body="<p>Nội dung.</p>", status=Article.Status.PUBLISHED, **fields):
    category, _ = Category.objects.get_or_create(slug="hoat-dong", defaults={"name": "Hoạt động"})
    fields.setdefault("publish_at", NOW - datetime.timedelta(days=1))
    return Article.objects.create(
        title=title, summary="Sapo.", body=body, category=category, status=status, **fields
    )


def meeting(title, status=Meeting.Status.HELD, **fields):
    committee, _ = Committee.objects.get_or_create(slug="bcd", defaults={"name": "Ban Chỉ đạo"})
    return Meeting.objects.create(
        committee=committee,
        title=title,
        start=NOW - datetime.timedelta(days=3),
        status=status,
        **fields,
    )


def titles(query, **filters):
    """Titles found; news only unless another kind is asked (the catalogue is always there)."""
    filters.setdefault("kind", "news")
    return [entry.title for entry in search.search(first_commune(), query, **filters)]


@pytest.mark.parametrize(
    "query", ["chuyen doi so", "CHUYỂN ĐỔI SỐ", "Chuyển đổi số", "chuyển Đổi SO"]
)
def test_diacritics_and_case_do_not_matter(query):
    article("Chuyển đổi số ở xã Minh Đức")
    assert titles(query) == ["Chuyển đổi số ở xã Minh Đức"]


def test_d_with_stroke_folds_to_d():
    article("Ban Chỉ đạo họp")
    assert titles("chi dao") == ["Ban Chỉ đạo họp"]
    assert titles("ĐẠO") == ["Ban Chỉ đạo họp"]


def test_short_vietnamese_words_are_not_dropped_as_stop_words():
    """'to', 'so', 'an', 'do' are real words here: the English configuration would drop them."""
    article("Kiện toàn Tổ công nghệ số cộng đồng")
    article("Công nghệ trong trường học")
    assert titles("to cong nghe so") == ["Kiện toàn Tổ công nghệ số cộng đồng"]


def test_every_word_must_match_as_a_whole_word():
    article("Số hóa hồ sơ")
    assert titles("so hoa") == ["Số hóa hồ sơ"]
    assert titles("so hoan") == []
    assert titles("hoa ho") == ["Số hóa hồ sơ"]
    assert titles("h") == []


def test_title_matches_rank_above_body_matches():
    older = article("Tin về tập huấn", body="<p>Hướng dẫn dùng VNeID cho người dân.</p>")
    newer_title = article("VNeID đạt 91,24%", publish_at=NOW - datetime.timedelta(days=5))
    assert older.publish_at > newer_title.publish_at
    assert titles("vneid") == ["VNeID đạt 91,24%", "Tin về tập huấn"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"publish_at": NOW + datetime.timedelta(hours=2)},
        {
            "expires_at": NOW - datetime.timedelta(minutes=1),
            "publish_at": NOW - datetime.timedelta(days=2),
        },
    ],
    ids=["draft", "waiting", "scheduled", "expired"],
)
def test_unpublished_articles_are_never_found(fields, client):
    article("Bản tin chuyển đổi số", **fields)
    assert titles("chuyen doi so") == []
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "Bản tin chuyển đổi số" not in html


def test_scheduled_article_appears_when_its_time_comes(monkeypatch):
    soon = timezone.now() + datetime.timedelta(hours=1)
    article("Hẹn giờ đăng tin", publish_at=soon)
    assert titles("hen gio") == []
    monkeypatch.setattr(timezone, "now", lambda: soon + datetime.timedelta(seconds=1))
    assert titles("hen gio") == ["Hẹn giờ đăng tin"]


def test_an_expired_article_is_no_longer_found(monkeypatch):
    end = timezone.now() + datetime.timedelta(hours=1)
    article("Tin có hạn", expires_at=end)
    assert titles("tin co han") == ["Tin có hạn"]
    monkeypatch.setattr(timezone, "now", lambda: end + datetime.timedelta(seconds=1))
    assert titles("tin co han") == []


def test_an_unpublished_article_leaves_the_search_at_its_save():
    item = article("Tin sẽ gỡ")
    assert titles("tin se go") == ["Tin sẽ gỡ"]
    item.status = Article.Status.DRAFT
    item.save()
    assert titles("tin se go") == []


def test_only_held_meetings_are_found():
    meeting("Họp bàn chuyển đổi số", status=Meeting.Status.PLANNED)
    meeting("Họp tổng kết chuyển đổi số")
    assert titles("chuyen doi so", kind="") == ["Họp tổng kết chuyển đổi số"]


def test_meeting_text_follows_inline_rows_changed_after_the_meeting_was_saved():
    held = meeting("Họp Ban Chỉ đạo tháng 1")
    AgendaItem.objects.create(meeting=held, title="Báo cáo Nghị quyết 57")
    issue = Issue.objects.create(meeting=held, text="Hạ tầng chưa đồng bộ")
    assert titles("nghi quyet 57", kind="meeting") == ["Họp Ban Chỉ đạo tháng 1"]
    assert titles("ha tang dong bo", kind="meeting") == ["Họp Ban Chỉ đạo tháng 1"]
    issue.delete()
    assert titles("ha tang dong bo", kind="meeting") == []


def test_directives_are_found_by_their_text():
    held = meeting("Họp Ban Chỉ đạo")
    Directive.objects.create(meeting=held, text="Đẩy mạnh tuyên truyền về chuyển đổi số")
    assert titles("tuyen truyen", kind="directive") == ["Đẩy mạnh tuyên truyền về chuyển đổi số"]


def test_indicator_names_from_the_catalogue_are_found():
    assert Indicator.objects.exists()
    found = titles("vneid", kind="indicator")
    assert found and all("VNeID" in title for title in found)


def test_filters_by_kind_category_and_date():
    article("Chuyển đổi số tháng 1", publish_at=NOW - datetime.timedelta(days=40))
    article("Chuyển đổi số tuần này")
    meeting("Họp chuyển đổi số")
    assert len(titles("chuyen doi so")) == 2
    assert titles("chuyen doi so", kind="meeting") == ["Họp chuyển đổi số"]
    assert len(titles("chuyen doi so", kind="", category="hoat-dong")) == 2
    week_ago = (NOW - datetime.timedelta(days=7)).date()
    assert titles("chuyen doi so", kind="news", date_from=week_ago) == ["Chuyển đổi số tuần này"]


def test_search_page_highlights_matches_safely(client):
    article("Chuyển đổi số <b>đậm</b>")
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> &lt;b&gt;đậm&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "' OR 1=1 --", "%_%", "\\", "&&& !!! :*", "\x00", "a" * 200],
)
def test_hostile_queries_answer_200_or_400_and_are_escaped(client, query):
    response = client.get(reverse("portal:search"), {"q": query})
    html = response.content.decode()
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'class="field-error"' in html
    assert "<script>alert(1)</script>" not in html


def test_oversized_query_is_a_400_with_a_message(client):
    response = client.get(reverse("portal:search"), {"q": "chuyển đổi số " * 400})
    assert response.status_code == 400
    assert "Từ khóa dài quá: tối đa 200 ký tự." in response.content.decode()


def test_empty_query_asks_for_words(client):
    response = client.get(reverse("portal:search"), {"q": ""})
    assert response.status_code == 200
    assert "Hãy nhập từ cần tìm" in response.content.decode()


def test_bad_dates_are_a_400_with_a_message(client):
    response = client.get(reverse("portal:search"), {"q": "so", "tu_ngay": "32/13/2026"})
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()


@pytest.mark.parametrize("params", [{"loai": "khong-co"}, {"chuyen_muc": "khong-co"}])
def test_unknown_filters_are_ignored_and_said_on_the_page(client, params):
    article("Chuyển đổi số")
    response = client.get(reverse("portal:search"), {"q": "chuyen doi so", **params})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bộ lọc “khong-co” không có trên cổng nên đã được bỏ qua" in html
    assert "Tìm thấy" in html and "Chuyển đổi số" in html


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_bad_page_numbers_are_404(client, page):
    article("Chuyển đổi số")
    response = client.get(reverse("portal:search"), {"q": "chuyen doi so", "page": page})
    assert response.status_code == 404


def test_results_are_paginated_20_a_page(client):
    for number in range(23):
        article(f"Chuyển đổi số kỳ {number}")
    response = client.get(reverse("portal:search"), {"q": "chuyen doi so", "loai": "news"})
    assert response.context["page_obj"].paginator.count == 23
    assert len(response.context["page_obj"]) == 20
    second = client.get(reverse("portal:search"), {"q": "chuyen doi so", "loai": "news", "page": 2})
    assert len(second.context["page_obj"]) == 3


def test_search_query_count_is_fixed(client, django_assert_num_queries):
    for number in range(5):
        article(f"Chuyển đổi số kỳ {number}")
        meeting(f"Họp chuyển đổi số {number}")
    url = reverse("portal:search")
    client.get(url, {"q": "x"})  # the visit is counted once, outside the measured request
    # the newest matches ranked (their keys), then the page's rows (categories and the
    # layout's data are made ahead)
    with django_assert_num_queries(2):
        client.get(url, {"q": "chuyen doi so"})


def test_rebuild_recreates_the_index():
    article("Chuyển đổi số")
    SearchEntry.objects.all().delete()
    search.rebuild()
    assert titles("chuyen doi so") == ["Chuyển đổi số"]


def test_zero_results_say_so_and_what_to_try(client):
    article("Chuyển đổi số")
    response = client.get(reverse("portal:search"), {"q": "khongcotu"})
    html = response.content.decode()
    assert "Không tìm thấy kết quả cho «khongcotu»" in html
    assert "dùng ít từ hơn" in html and "kiểm tra chính tả" in html
    assert "Hãy nhập từ cần tìm" not in html


def test_zero_results_with_filters_offer_the_search_without_them(client):
    article("Chuyển đổi số")
    response = client.get(
        reverse("portal:search"),
        {"q": "chuyen doi so", "tu_ngay": "2001-01-01", "den_ngay": "2001-01-02"},
    )
    html = response.content.decode()
    assert "Không tìm thấy kết quả cho «chuyen doi so»" in html
    assert 'href="/tim-kiem/?q=chuyen%20doi%20so">bỏ bộ lọc' in html


def test_exact_phrase_ranks_above_scattered_words():
    article("Số liệu chuyển về đổi mới")
    article("Chuyển đổi số cấp xã")
    assert titles("chuyen doi so") == ["Chuyển đổi số cấp xã", "Số liệu chuyển về đổi mới"]


def test_phrase_in_a_body_ranks_above_scattered_words_in_a_body():
    article("Tin một", body="<p>Số hóa, chuyển giao và đổi mới.</p>")
    article("Tin hai", body="<p>Xã đẩy mạnh chuyển đổi số.</p>")
    assert titles("chuyen doi so") == ["Tin hai", "Tin một"]


def test_articles_rank_above_directive_fragments_at_an_equal_match():
    held = meeting("Họp quý I")
    Directive.objects.create(meeting=held, text="Đẩy mạnh chuyển đổi số trong năm.")
    article("Kết quả năm 2025", body="<p>Xã đẩy mạnh chuyển đổi số trong năm.</p>")
    found = [(e.kind, e.title) for e in search.search(first_commune(), "chuyen doi so", kind="")]
    kinds = [kind for kind, _ in found if kind in ("news", "directive")]
    assert kinds == ["news", "directive"]


def test_numbers_are_found_without_their_thousands_dot(client):
    article("Kết quả", body="<p>Xã tiếp nhận 2.945 hồ sơ.</p>")
    assert titles("2945") == ["Kết quả"]
    html = client.get(reverse("portal:search"), {"q": "2945"}).content.decode()
    assert "<mark>2.945</mark>" in html


def test_excerpts_cut_at_word_boundaries_and_mark_words_with_their_diacritics(client):
    filler = " ".join(["Ban Chỉ đạo họp bàn nhiệm vụ năm 2026 của xã."] * 12)
    article("Tin dài", body=f"<p>{filler} Xã mở lớp tập huấn kỹ năng số. {filler}</p>")
    html = client.get(reverse("portal:search"), {"q": "tap huan"}).content.decode()
    excerpt = html.split('class="result__excerpt">')[1].split("</p>")[0]
    assert "<mark>tập</mark> <mark>huấn</mark>" in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")
    words = set(filler.replace(".", "").split()) | {"Xã", "mở", "lớp", "kỹ", "năng", "số"}
    first, last = excerpt[1:].split()[0], excerpt[:-1].split()[-1].rstrip(".")
    assert first in words and last in words


def test_people_are_found_by_name_on_the_committee_page_and_their_meetings():
    person = Person.objects.create(full_name="Trần Văn Phương")
    committee = Committee.objects.create(slug="bcd", name="Ban Chỉ đạo")
    Membership.objects.create(committee=committee, person=person, title="Trưởng Ban")
    chaired = meeting("Họp quý I", chair=person)
    attended = meeting("Họp quý II")
    Attendance.objects.create(meeting=attended, person=person)
    meeting("Họp quý III")
    found = {(e.kind, e.title) for e in search.search(first_commune(), "Tran Van Phuong")}
    assert found == {
        ("committee", "Ban Chỉ đạo"),
        ("meeting", chaired.title),
        ("meeting", attended.title),
    }
    person.full_name = "Trần Văn Phúc"
    person.save()
    assert {e.title for e in search.search(first_commune(), "tran van phuc")} == {
        "Ban Chỉ đạo",
        "Họp quý I",
        "Họp quý II",
    }


@POSTGRESQL
def test_a_misspelt_query_gets_a_suggestion_from_the_indexed_words(client):
    article("Lớp tập huấn kỹ năng số")
    html = client.get(reverse("portal:search"), {"q": "tap huann"}).content.decode()
    assert "Không tìm thấy kết quả" in html
    assert 'Có phải bạn muốn tìm: <a href="/tim-kiem/?q=tap%20huan">tap huan</a>' in html


@POSTGRESQL
def test_suggestions_never_reveal_words_of_drafts(client):
    article("Bí mật nội bộ", status=Article.Status.DRAFT)
    html = client.get(reverse("portal:search"), {"q": "bi matt"}).content.decode()
    assert "Có phải bạn muốn tìm" not in html


def test_zero_results_query_count_is_fixed(client, django_assert_num_queries):
    url = reverse("portal:search")
    client.get(url, {"q": "x"})
    # the matches, none, so no rows (categories and the layout's data are made ahead); on
    # PostgreSQL the nearest words, and the suggestion's matches
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 1):
        client.get(url, {"q": "khongcotu"})


def test_a_search_ranks_only_the_newest_candidates_and_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    for number in range(5):
        article(
            f"Chuyển đổi số kỳ {number}",
            publish_at=timezone.now() - datetime.timedelta(days=number),
        )
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "Có từ 3 kết quả trở lên" in html
    assert "kỳ 0" in html and "kỳ 2" in html and "kỳ 3" not in html
    monkeypatch.setattr(search, "CANDIDATES", 10)
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "Tìm thấy 5 kết quả" in html

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Value
from news.models import Article
from portal.models import SearchEntry
from staff import roles

from . import objects
from .forms import form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def version_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def edit(client, obj, **changes):
    page = client.get(change_url(obj)).content.decode()
    return client.post(change_url(obj), form_data(page, **changes))


def revert(client, obj, record, **changes):
    page = client.get(version_url(obj, record)).content.decode()
    return client.post(version_url(obj, record), form_data(page, **changes))


@pytest.fixture
def article():
    return objects.article(title="Bản đầu", status=Article.Status.REVIEW)


def test_each_change_is_recorded_with_its_author(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    assert edit(reviewer, article, title="Bản sửa").status_code == 302
    latest = article.history.latest("history_date")
    assert latest.history_user == reviewer.user and latest.title == "Bản sửa"


def test_the_history_page_shows_who_changed_which_field(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    reviewer.user.first_name, reviewer.user.last_name = "Hải", "Trần Thu"
    reviewer.user.save()
    edit(reviewer, article, title="Bản sửa")
    text = reviewer.get(history_url(article)).content.decode()
    assert f"Trần Thu Hải ({reviewer.user.username})" in text
    assert "Tiêu đề:</strong> Bản đầu" in text and "Bản sửa" in text


def test_a_reviewer_reverts_to_an_earlier_version(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    first = article.history.earliest("history_date")
    edit(reviewer, article, title="Bản sửa")
    assert revert(reviewer, article, first).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Bản đầu"
    assert article.history.latest("history_date").history_user == reviewer.user


def test_an_editor_reverting_to_a_published_version_does_not_republish(client_as, article):
    reviewer, editor = client_as(roles.REVIEWER), client_as(roles.EDITOR)
    edit(reviewer, article, status="published")
    published = article.history.latest("history_date")
    assert published.status == Article.Status.PUBLISHED
    edit(reviewer, article, status="draft")  # taken down to be corrected
    page = editor.get(version_url(article, published)).content.decode()
    assert 'value="published"' not in page  # not offered to an editor
    response = revert(editor, article, published)
    assert response.status_code == 302  # the old text comes back, its publication does not
    assert not Article.objects.published().filter(pk=article.pk).exists()
    crafted = form_data(page, status="published")
    assert editor.post(version_url(article, published), crafted).status_code == 200
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_an_editor_cannot_change_a_published_article_through_its_history(client_as, article):
    reviewer, editor = client_as(roles.REVIEWER), client_as(roles.EDITOR)
    first = article.history.earliest("history_date")
    edit(reviewer, article, status="published")
    response = editor.post(version_url(article, first), {"title": "Sửa lén"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Bản đầu"


def test_a_leader_sees_history_but_cannot_revert(client_as, article):
    reviewer, leader = client_as(roles.REVIEWER), client_as(roles.LEADER)
    first = article.history.earliest("history_date")
    edit(reviewer, article, title="Bản sửa")
    page = leader.get(version_url(article, first))
    assert page.status_code == 200 and "Khôi phục" not in page.content.decode().split("<h1")[-1]
    full = form_data(reviewer.get(version_url(article, first)).content.decode())
    assert leader.post(version_url(article, first), full).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Bản sửa"


def test_a_clerk_reverting_a_figure_does_not_publish_it(client_as):
    value = objects.value()
    leader, clerk = client_as(roles.LEADER), client_as(roles.DATA_CLERK)
    action = {"action": "publish", "index": 0, "_selected_action": [value.pk]}
    leader.post(reverse("admin:indicators_value_changelist"), action)
    published = value.history.latest("history_date")
    assert published.is_published and published.history_user == leader.user
    leader.post(reverse("admin:indicators_value_changelist"), action | {"action": "unpublish"})
    response = revert(clerk, value, published)
    assert response.status_code == 200
    assert not Value.objects.get(pk=value.pk).is_published


def test_deleting_a_published_article_keeps_its_history(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    edit(reviewer, article, status="published")
    pk = article.pk
    assert reviewer.post(reverse("admin:news_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    kinds = list(
        Article.history.filter(id=pk).order_by("history_date").values_list("history_type", "status")
    )
    assert kinds == [("+", "review"), ("~", "published"), ("-", "published")]
    assert reviewer.get(history_url(article)).status_code == 200


def test_history_rows_do_not_enter_the_search_index(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    edit(reviewer, article, status="published")
    edit(reviewer, article, title="Bản sửa")
    assert article.history.count() == 3
    entries = SearchEntry.objects.filter(kind=SearchEntry.Kind.NEWS)
    assert list(entries.values_list("object_id", "title")) == [(article.pk, "Bản sửa")]


@pytest.mark.parametrize(
    ("make", "published"),
    [
        (lambda: objects.value(is_published=True), {"is_published": True}),
        (
            lambda: objects.meeting(
                minutes="<p>Biên bản.</p>",
                minutes_status="published",
                minutes_approved_at="2026-01-16",
            ),
            {"minutes_status": "published"},
        ),
    ],
    ids=["figure", "minutes"],
)
def test_deleting_a_published_figure_or_meeting_keeps_its_history(client_as, make, published):
    obj = make()
    administrator = client_as(roles.ADMINISTRATOR)
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    assert administrator.post(url, {"post": "yes"}).status_code == 302
    records = type(obj).history.filter(id=obj.pk).order_by("history_date")
    assert [r.history_type for r in records] == ["+", "-"]
    assert records.filter(**published).count() == 2
    assert records.last().history_user == administrator.user


def test_differences_read_the_vietnamese_way(client_as):
    value = objects.value(value=2800)
    administrator = client_as(roles.ADMINISTRATOR)
    assert edit(administrator, value, value="2.945", is_published="on").status_code == 302
    text = administrator.get(history_url(value)).content.decode()
    assert "Giá trị:</strong> 2.800&nbsp;&rarr;&nbsp;2.945" in text
    assert "Đã công bố:</strong> không&nbsp;&rarr;&nbsp;có" in text


def test_decimal_differences_use_a_comma(client_as):
    value = Value.objects.create(
        indicator=Indicator.objects.get(code="dan-co-tai-khoan-vneid"), year=2024, value=Decimal(90)
    )
    administrator = client_as(roles.ADMINISTRATOR)
    assert edit(administrator, value, value="91,24").status_code == 302
    text = administrator.get(history_url(value)).content.decode()
    assert "Giá trị:</strong> 90&nbsp;&rarr;&nbsp;91,24" in text

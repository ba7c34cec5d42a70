"""Publishing needs its own right on every path: forms, list actions, imports."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Value
from news.models import Article
from staff import roles
from tests.indicators.test_import import confirm, upload, workbook

from . import objects
from .forms import form_data

pytestmark = pytest.mark.django_db


def figure(code, published):
    return Value.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=2024,
        value=Decimal(2800),
        is_published=published,
    )


def test_an_editor_cannot_change_a_published_article(client_as):
    article = objects.article(title="Đã đăng", status=Article.Status.PUBLISHED)
    editor = client_as(roles.EDITOR)
    url = reverse("admin:news_article_change", args=[article.pk])
    page = editor.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert editor.post(url, {"title": "Sửa lén"}).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Đã đăng"


def test_an_editor_may_send_her_draft_for_review(client_as):
    article = objects.article()
    editor = client_as(roles.EDITOR)
    url = reverse("admin:news_article_change", args=[article.pk])
    response = editor.post(url, form_data(editor.get(url).content.decode(), status="review"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_a_clerk_does_not_see_the_publish_box_and_cannot_post_it(client_as):
    clerk = client_as(roles.DATA_CLERK)
    value = figure("ho-so-tiep-nhan", published=False)
    url = reverse("admin:indicators_value_change", args=[value.pk])
    page = clerk.get(url).content.decode()
    assert 'name="is_published"' not in page
    response = clerk.post(url, form_data(page, is_published="on", value="2.900"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 2900 and not value.is_published


def test_a_clerk_is_not_offered_the_publish_action_and_cannot_post_it(client_as):
    clerk = client_as(roles.DATA_CLERK)
    value = figure("ho-so-tiep-nhan", published=False)
    changelist = reverse("admin:indicators_value_changelist")
    assert "Công bố các số liệu đã chọn" not in clerk.get(changelist).content.decode()
    clerk.post(changelist, {"action": "publish", "index": 0, "_selected_action": [value.pk]})
    assert not Value.objects.get(pk=value.pk).is_published


def test_a_clerks_import_may_not_change_a_published_figure(client_as):
    clerk = client_as(roles.DATA_CLERK)
    figure("ho-so-tiep-nhan", published=True)
    figure("ho-so-truc-tuyen", published=False)
    content = workbook(
        [("ho-so-tiep-nhan", 2024, 3000, "", "", ""), ("ho-so-truc-tuyen", 2024, 1600, "", "", "")]
    )
    response = upload(clerk, content)
    assert response.context["token"] is None
    assert "chỉ người có quyền công bố số liệu mới sửa được" in response.content.decode()
    assert Value.objects.get(indicator__code="ho-so-tiep-nhan").value == 2800


def test_a_clerks_import_updates_unpublished_figures(client_as):
    clerk = client_as(roles.DATA_CLERK)
    figure("ho-so-truc-tuyen", published=False)
    response = upload(clerk, workbook([("ho-so-truc-tuyen", 2024, 1600, "", "", "")]))
    assert confirm(clerk, response).status_code == 302
    value = Value.objects.get(indicator__code="ho-so-truc-tuyen")
    assert value.value == 1600 and not value.is_published
    assert value.history.latest("history_date").history_user == clerk.user


def test_a_leader_publishes_figures_with_the_list_action(client_as):
    leader = client_as(roles.LEADER)
    value = figure("ho-so-tiep-nhan", published=False)
    changelist = reverse("admin:indicators_value_changelist")
    leader.post(changelist, {"action": "publish", "index": 0, "_selected_action": [value.pk]})
    assert Value.objects.get(pk=value.pk).is_published
    assert leader.get(reverse("admin:indicators_value_import")).status_code == 403

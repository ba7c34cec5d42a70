"""An editor is offered only what they may choose; the signature is printed once."""

import pytest
from django.urls import reverse

from news.models import Article
from staff import roles
from tests.news.factories import make_article
from tests.staff.conftest import make_official

from .test_admin import ADD_URL, form_data

pytestmark = pytest.mark.django_db


def status_options(response):
    return [value for value, _ in response.context["adminform"].form.fields["status"].choices]


def test_an_editor_is_not_offered_publish_or_return(client):
    client.force_login(make_official(roles.EDITOR))
    options = status_options(client.get(ADD_URL))
    assert options == ["draft", "review"]


def test_a_reviewer_is_offered_every_status(client):
    client.force_login(make_official(roles.REVIEWER))
    options = status_options(client.get(ADD_URL))
    assert {"draft", "review", "published", "returned"} <= set(options)


def test_tags_are_chosen_with_an_autocomplete(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert 'data-ajax--url="/quan-tri/autocomplete/"' in html and 'name="tags"' in html


def test_a_body_ending_with_the_signature_prints_it_once_and_warns(admin_client, category):
    data = form_data(
        category,
        body="<p>Nội dung bài.</p><p>Hải Bình - TTDV</p>",
        signature="Hải Bình - TTDV",
        status=Article.Status.PUBLISHED,
    )
    response = admin_client.post(ADD_URL, data, follow=True)
    assert "cổng chỉ in dòng này một lần" in response.content.decode()
    article = Article.objects.get()
    page = admin_client.get(article.get_absolute_url()).content.decode()
    assert page.count("Hải Bình - TTDV") == 1


def test_a_signature_not_in_the_body_is_printed_below_it(client, category):
    article = make_article(category=category, signature="Hải Bình - TTDV")
    assert not article.signature_in_body
    assert "article__signature" in client.get(article.get_absolute_url()).content.decode()
    assert reverse("news:detail", args=[article.slug]) == article.get_absolute_url()

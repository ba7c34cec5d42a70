import pytest
from django.urls import reverse

from portal.models import SiteIdentity
from tests.communes.helpers import serve_first_commune_at
from tests.csp import directives
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


def test_home_shows_commune_and_committee(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "xã Minh Đức" in html or "Xã Minh Đức" in html
    assert "Ban Chỉ đạo về phát triển khoa học, công nghệ" in html
    assert 'lang="vi"' in html


def test_navigation_lists_every_section(client):
    html = client.get(reverse("portal:home")).content.decode()
    for label in ("Trang chủ", "Tin tức", "Cuộc họp", "Kết luận chỉ đạo", "Chỉ số", "Ban Chỉ đạo"):
        assert f">{label}</a>" in html
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html
    assert 'role="search"' in html


def test_empty_identity_fields_are_left_out(client):
    """Facts nobody filled in (address, phone, ...) leave no empty labels on the page."""
    html = client.get(reverse("portal:home")).content.decode()
    for label in ("Địa chỉ", "Điện thoại", "Thư điện tử", "Chịu trách nhiệm nội dung"):
        assert f"<dt>{label}</dt>" not in html


def test_filled_identity_fields_show_in_footer(client):
    SiteIdentity.objects.update(
        address="Ấp 1, xã Minh Đức", phone="0271 3 123 456", email="bcd@example.vn"
    )
    html = client.get(reverse("portal:home")).content.decode()
    assert "Ấp 1, xã Minh Đức" in html
    assert 'href="tel:02713123456"' in html
    assert "mailto:bcd@example.vn" in html


def test_site_identity_is_created_once_by_migrate():
    assert SiteIdentity.objects.count() == 1
    identity = SiteIdentity.current()
    assert identity.commune_name == "xã Minh Đức"
    assert identity.province == "" and identity.phone == ""


def test_public_pages_send_a_strict_content_security_policy(client):
    policy = directives(client.get(reverse("portal:home")).headers["Content-Security-Policy"])
    assert policy["script-src"] == policy["style-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}


def test_layout_has_no_inline_script_or_style(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert "<script>" not in html and "style=" not in html and " onclick=" not in html


def test_sitemap_lists_the_site_pages_and_every_section(client):
    xml = whole_sitemap(client)
    for path in ("/", "/tin-tuc/", "/chi-so/", "/so-do-cong/", "/cuoc-hop/", "/ket-luan-chi-dao/"):
        assert f"<loc>http://127.0.0.1:8000{path}</loc>" in xml  # on SITE_URL, like canonicals


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /quan-tri/" in text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text


def test_every_public_page_has_description_canonical_and_sharing_tags(client):
    for path in ("/", "/tin-tuc/", "/cuoc-hop/", "/ket-luan-chi-dao/", "/so-do-cong/"):
        html = client.get(path).content.decode()
        assert '<meta name="description" content="' in html, path
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{path}">' in html, path
        assert '<meta property="og:title"' in html, path


def test_html_site_map_is_linked_from_the_footer(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:site-map")}">Sơ đồ cổng</a>' in html
    site_map = client.get(reverse("portal:site-map")).content.decode()
    for label in (
        "Tin tức",
        "Cuộc họp",
        "Kết luận chỉ đạo",
        "Chỉ số",
        "Thêm lịch họp vào điện thoại",
    ):
        assert label in site_map


def test_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")


def test_everything_that_travels_names_the_portal_by_site_url(client, settings, demo):
    """Feeds, sitemap, calendar and open data use SITE_URL, not the host a request came by."""
    serve_first_commune_at(settings, "https://bcd.minhduc.example")
    feed = client.get(reverse("news:feed")).content.decode()
    assert "<link>https://bcd.minhduc.example/tin-tuc/</link>" in feed
    assert "<link>https://bcd.minhduc.example/tin-tuc/ban-chi-dao-" in feed
    assert "http://testserver" not in feed
    sitemap = whole_sitemap(client)
    assert "<loc>https://bcd.minhduc.example/</loc>" in sitemap and "testserver" not in sitemap
    calendar = client.get(reverse("meetings:calendar")).content.decode()
    assert "https://bcd.minhduc.example/cuoc-hop/" in calendar and "testserver" not in calendar
    data = client.get(reverse("indicators:year-json", kwargs={"year": 2025})).json()
    assert data["url"] == "https://bcd.minhduc.example/chi-so/2025/"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
            "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        ),
        ("Ban Chỉ đạo chuyển đổi số xã", "Ban Chỉ đạo chuyển đổi số xã"),
    ],
    ids=["untouched-default", "name-an-official-typed"],
)
def test_data_migration_renames_only_the_untouched_default(before, after):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("portal.migrations.0006_committee_name_as_the_seed_writes_it")
    identity = SiteIdentity.current()
    SiteIdentity.objects.filter(pk=identity.pk).update(committee_name=before)
    migration.rename(migration.OLD, migration.NEW)(apps, None)
    identity.refresh_from_db()
    assert identity.committee_name == after


def test_footer_links_an_official_entered_are_shown(client):
    SiteIdentity.objects.update(
        footer_links="Cổng Dịch vụ công quốc gia | https://dichvucong.gov.vn\n\n"
    )
    html = client.get(reverse("portal:home")).content.decode()
    assert '<a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>' in html


def test_no_footer_links_block_while_none_is_entered(client):
    assert ">Liên kết</h3>" not in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize(
    "text", ["Chỉ có tên", "| https://dichvucong.gov.vn", "Tên | javascript:alert(1)"]
)
def test_a_malformed_footer_link_gets_a_message(admin_client, text):
    identity = SiteIdentity.current()
    url = reverse("admin:portal_siteidentity_change", args=[identity.pk])
    form = {
        "commune_name": identity.commune_name,
        "committee_name": identity.committee_name,
        "footer_links": text,
        "visits_before_launch": 0,
    }
    html = admin_client.post(url, form).content.decode()
    assert "Dòng 1 cần có dạng “Tên | https://địa-chỉ”." in html


def test_a_long_summary_is_shortened_after_a_whole_word_in_the_description():
    from django.template import Context, Template

    summary = "Ban Chỉ đạo đánh giá kết quả chuyển đổi số năm 2025 của xã Minh Đức " * 8
    shown = Template("{% load portal %}{{ s|shorten:300 }}").render(Context({"s": summary}))
    assert shown.endswith("…") and len(shown) <= 300
    assert summary.startswith(shown[:-1]) and summary[len(shown) - 1] == " "

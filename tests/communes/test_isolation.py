"""Two communes with look-alike content: nothing of one ever shows under the other's host.

Both have an article, a tag, a meeting with minutes, members, a unit, a directive, a figure,
a document and a staff account under the same addresses and numbers; only a marker word
differs. Every public page, feed, calendar, sitemap, export and search reachable from each home
page is crawled as anyone, with and without the page cache (on Redis when TEST_CACHE_URL names
one, as scripts/test.sh runs it), and every admin page as the administrator and as each role's
account of the commune.
"""

import datetime
import re
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communes.creation import create_commune
from communes.models import StaffAccount
from documents.models import Document, DocumentType, Issuer
from indicators.models import Indicator, Value
from meetings.models import Committee, Directive, Meeting, Membership, Person, Role, Unit
from news.models import Article, Category, Tag
from staff import roles
from tests.communes.helpers import first_commune
from tests.staff.conftest import make_official

pytestmark = pytest.mark.django_db

HOSTS = {"A": "testserver", "B": "xa-giong.example"}
MARKERS = {"A": "Alphaduc", "B": "Betaduc"}
FIXED = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/rss/",
    "/cuoc-hop/",
    "/cuoc-hop/lich.ics",
    "/ket-luan-chi-dao/",
    "/ban-chi-dao/",
    "/chi-so/",
    "/chi-so/2025/",
    "/chi-so/2025.csv",
    "/chi-so/2025.json",
    "/van-ban/",
    "/van-ban/rss/",
    "/so-do-cong/",
    "/sitemap.xml",
    "/robots.txt",
    "/tim-kiem/?q=giong+nhau",
    "/tim-kiem/?q=ket+luan",
    "/tim-kiem/?q=ke+hoach",
    "/tim-kiem/?q=hop",
]
LINK = re.compile(r"""(?:href|src)="([^"#]+)"|<loc>([^<]+)</loc>""")
SKIPPED = ("/static/", "/quan-tri/logout", "/tep/", "/media/")


def fill(commune, marker):
    category = Category.objects.for_commune(commune).get(slug="hoat-dong-ban-chi-dao")
    tag = Tag.objects.create(commune=commune, name="Thẻ giống nhau")
    article = Article.objects.create(
        commune=commune,
        title=f"Tin giống nhau {marker}",
        slug="tin-giong-nhau",
        summary=f"Tóm tắt {marker}.",
        body=f"<p>Nội dung {marker}.</p>",
        category=category,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )
    article.tags.add(tag)
    committee = Committee.objects.create(commune=commune, name="Ban Chỉ đạo", slug="ban-chi-dao")
    person = Person.objects.create(commune=commune, full_name=f"Ông {marker}")
    Membership.objects.create(
        committee=committee, person=person, role=Role.HEAD, title="Trưởng ban"
    )
    unit = Unit.objects.create(commune=commune, name=f"Đơn vị {marker}", slug="don-vi")
    meeting = Meeting.objects.create(
        commune=commune,
        committee=committee,
        title=f"Họp giống nhau {marker}",
        slug="hop-giong-nhau",
        start=timezone.now() - datetime.timedelta(days=3),
        status=Meeting.Status.HELD,
        summary=f"Tóm tắt họp {marker}",
        minutes=f"<p>Biên bản {marker}</p>",
        minutes_status=Meeting.MinutesStatus.PUBLISHED,
        chair=person,
    )
    Directive.objects.create(meeting=meeting, text=f"Kết luận {marker}", unit=unit)
    Value.objects.create(
        commune=commune,
        indicator=Indicator.objects.get(code="ho-so-tiep-nhan"),
        year=2025,
        value=Decimal(100 if marker == MARKERS["A"] else 200),
        source_text=f"Báo cáo {marker}",
        is_published=True,
    )
    Document.objects.create(
        commune=commune,
        number="01/KH-BCĐ",
        slug="ke-hoach-01",
        title=f"Kế hoạch giống nhau {marker}",
        issued_on=datetime.date(2025, 3, 1),
        doc_type=DocumentType.objects.get(slug="ke-hoach"),
        issuer=Issuer.objects.get(slug="ban-chi-dao-xa"),
        is_published=True,
    )
    clerk = get_user_model().objects.create_user(
        f"canbo-{marker.lower()}", first_name=marker, is_staff=True
    )
    StaffAccount.objects.create(user=clerk, commune=commune)


@pytest.fixture
def look_alikes(settings):
    from communes.allowed_hosts import AllowedHosts

    settings.ALLOWED_HOSTS = AllowedHosts(["testserver"])
    other = create_commune("xã Giống Nhau", [HOSTS["B"]])
    fill(first_commune(), MARKERS["A"])
    fill(other, MARKERS["B"])


def crawl(client, host, start, limit=400, within="/", queries=True):
    """Every same-host address under ``within`` reachable from ``start``: {path: response}.
    Without ``queries``, addresses with a query string (the admin's sorted and filtered
    lists) are left out, so that the crawl reaches every object's pages."""
    seen, queue, answers = set(), list(start), {}
    while queue and len(answers) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc and parts.hostname != host.split(":")[0] or parts.query and not queries:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path.startswith(SKIPPED) or not path.startswith(within):
            continue
        seen.add(path)
        response = client.get(path, HTTP_HOST=host)
        answers[path] = response
        if response.status_code == 200 and not path.endswith((".xlsx", ".pdf")):
            text = response.content.decode(errors="replace")
            for href, loc in LINK.findall(text):
                queue.append(urljoin(path, (href or loc).replace("&amp;", "&")))
    return answers


def assert_isolated(answers, own, other):
    shown = [path for path, response in answers.items() if response.status_code == 200]
    assert len(shown) > 15, shown
    found_own = False
    for path, response in answers.items():
        assert response.status_code < 500, path
        text = response.content.decode(errors="replace").lower()
        assert other.lower() not in text, path
        found_own = found_own or own.lower() in text
    assert found_own


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "page-cache"])
@pytest.mark.parametrize("side", ["A", "B"])
def test_anonymous_crawl_never_shows_the_other_commune(look_alikes, client, settings, side, cached):
    settings.PAGE_CACHE_SECONDS = 60 if cached else 0
    other = "B" if side == "A" else "A"
    answers = crawl(client, HOSTS[side], FIXED)
    if cached:  # the same again, served from the page cache this time
        answers = crawl(client, HOSTS[side], FIXED)
        assert any(response.get("X-Page-Cache") == "hit" for response in answers.values())
    assert_isolated(answers, MARKERS[side], MARKERS[other])
    assert answers["/tin-tuc/tin-giong-nhau/"].status_code == 200
    assert answers["/cuoc-hop/hop-giong-nhau/"].status_code == 200


def admin_crawl(client, host, limit=400):
    start = reverse("admin:index")
    answers = crawl(client, host, [start], limit=limit, within=start, queries=False)
    assert len(answers) < limit, "the crawl stopped before reaching every admin page"
    return answers


@pytest.mark.parametrize("side", ["A", "B"])
def test_admin_crawl_never_shows_the_other_commune(look_alikes, admin_client, side):
    other = "B" if side == "A" else "A"
    answers = admin_crawl(admin_client, HOSTS[side])
    assert_isolated(answers, MARKERS[side], MARKERS[other])


@pytest.mark.parametrize("role", list(roles.ROLES))
def test_each_role_admin_crawl_never_shows_the_other_commune(look_alikes, role):
    """Each role's account of commune A, on A's host, through every admin page it reaches."""
    official = make_official(role)
    StaffAccount.objects.create(user=official, commune=first_commune())
    client = Client()
    client.force_login(official)
    answers = admin_crawl(client, HOSTS["A"])
    assert_isolated(answers, MARKERS["A"], MARKERS["B"])

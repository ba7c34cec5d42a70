"""Generated bad requests over every public URL: a 4xx at worst, never a 5xx.

The routes come from the URL resolver, so a page added later is fuzzed without editing
this file; a route with a converter the generator does not know fails the coverage test.
"""

import datetime
import zlib
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from django.urls.resolvers import RegexPattern
from django.utils import timezone
from hypothesis import HealthCheck, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from indicators.converters import YearConverter
from indicators.models import Indicator, Value
from meetings.models import Committee, Directive, Meeting, Unit
from news.models import Article, Attachment, Category, Tag
from portal.counting import SEEN_COOKIE
from portal.middleware import VISIT_COOKIE

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ROUTE = 80
MINIMUM_REQUESTS = 2000
SKIPPED_PREFIXES = ("quan-tri/",)  # the admin is not public; its forms have their own tests
KNOWN_CONVERTERS = (SlugConverter, StringConverter, IntConverter, PathConverter, YearConverter)


def public_routes(resolver=None, prefix=""):
    """[(route text, {name: converter} or None for a regex route)] for every public URL."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if text.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            routes += public_routes(entry, text)
        elif isinstance(entry, URLPattern):
            regex = isinstance(entry.pattern, RegexPattern)
            routes.append((text, None if regex else entry.pattern.converters))
    return routes


# The admin's login page is the one admin page anyone may reach.
ROUTES = [*public_routes(), ("quan-tri/login/", {})]


# Values that have broken web applications before, as raw (already percent-encoded) text.
NASTY = [
    "abc",
    "",
    "0",
    "-1",
    "00000",
    "1e308",
    "NaN",
    "-0",
    "9" * 30,
    "9" * 4000,
    "%00",
    "%00abc",
    "a%00b",
    "%FF",
    "%C3",
    "%C3%28",
    "%C0%AF",
    "%C0%80",
    "%E0%80%AF",
    "%F0%80%80%AF",
    "%ED%A0%80",
    "%EF%BF%BE",
    "%F4%90%80%80",
    "%25",
    "%",
    "%zz",
    "%252e%252e%252f",
    "..%2F..%2Fetc%2Fpasswd",
    "..%5C..%5Cwindows",
    "%2e%2e/%2e%2e/",
    "%0D%0ASet-Cookie:%20x=1",
    "%1B%5B31m",
    "%7F",
    "%E2%80%AE",
    "%EF%BB%BF",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "'%20OR%201=1--",
    "%22%3E%3Csvg%20onload=alert(1)%3E",
    "{{7*7}}",
    "${7*7}",
    "%7B%25%20debug%20%25%7D",
    "tin-t%E1%BB%A9c",
    "Tin-T%E1%BB%A8C",
    "2025.5",
    "2025-13-45",
    "31/02/2025",
    "1899-12-31",
    "9999-12-31",
    "0000-00-00",
    "x" * 300,
    "a/" * 200,
]
CONTROL = "".join(map(chr, range(32))) + "\x7f\x85\u2028\u2029\ufeff\ud800"
TEXT = st.text(st.characters(codec=None) | st.sampled_from(CONTROL), max_size=60)
SEGMENT = st.one_of(
    st.sampled_from(NASTY),
    TEXT.map(lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="")),
    st.binary(max_size=40).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.from_regex(r"[a-z0-9-]{1,80}", fullmatch=True),
    st.integers(min_value=1, max_value=20_000).map(lambda n: "a" * n),
)
YEAR = st.one_of(
    st.integers(min_value=0, max_value=9999).map(lambda year: f"{year:04d}"),
    st.sampled_from(["1999", "2000", "2025", "2026", "2100", "2101", "0000", "9999"]),
    SEGMENT,
)
PARAMETERS = [
    "page",
    "p",
    "q",
    "loai",
    "chuyen_muc",
    "tu_ngay",
    "den_ngay",
    "trang_thai",
    "don_vi",
    "nam",
    "format",
    "next",
    "lang",
]
KEY = st.one_of(st.sampled_from(PARAMETERS), SEGMENT)
VALUE = st.one_of(
    SEGMENT,
    st.sampled_from(["tin-tuc", "news", "meeting", "directive", "indicator", "overdue", "done"]),
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(str),
)
# The parameters the pages read, most of them at once, plus a few unknown or repeated ones.
PAIRS = st.tuples(
    st.dictionaries(st.sampled_from(PARAMETERS), VALUE, min_size=1, max_size=len(PARAMETERS)),
    st.lists(st.tuples(KEY, VALUE), max_size=3),
).map(lambda parts: "&".join(f"{key}={value}" for key, value in [*parts[0].items(), *parts[1]]))
QUERY = st.one_of(
    st.just(""),
    PAIRS,
    PAIRS,
    PAIRS,
    st.integers(min_value=1, max_value=1500).map(lambda n: "&".join(f"x{i}=y" for i in range(n))),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "q=" + "%E1%BB%A9" * (n // 9)),
    st.sampled_from(["&&&", "=", "==", "q", "q=%", "page=1&page=2", ";q=1", "q=a;b", "%3D%26"]),
)
METHOD = st.sampled_from(["GET"] * 6 + ["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
BAD_HOST = st.one_of(
    st.sampled_from(
        [
            "evil.example",
            "testserver:99999",
            "testserver:abc",
            "[::1",
            "a" * 300,
            "testserver\r\nX-Injected: 1",
            "127.0.0.1 ",
            "xn--80ak6aa92e.com",
            "testserver/../../",
            "",
            "@",
            "tést.vn",
        ]
    ),
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
)
# A bad Host is refused before any view runs: one request in five, so the rest reach the views.
HOST = st.tuples(st.integers(0, 4), BAD_HOST).map(lambda pick: pick[1] if pick[0] == 0 else None)
COOKIE_VALUE = st.one_of(
    st.sampled_from(
        [
            "",
            "1",
            "0",
            "true",
            '"',
            '"1"',
            "\\",
            "a" * 5000,
            "0123456789-1" + ".0123456789-99999999999999999999" * 50,
            "abcdefghij-" + "9" * 400,
            "-" * 100,
            "." * 100,
            "eyJfYXV0aF91c2VyX2lkIjoiMSJ9:1tZzZz:invalid-signature",
            ".eJxVjDsOwjAQBO_iGlk2jn-hpOcMkbO3xgFkS3FSIe5OIqWAdmd23mJI25qHrfMyzCQuwojT7zYmeHI9AD1SvTcJrevyzvJQ5Ek73hrx63q6f4Gce97fgU2kEHzyOpgITRPcNBnvktEBxhlrVOTgEbUlD2eRCp2tdyo6LBmIzxe_ZjfN:1aaaaa:bogus",
        ]
    ),
    TEXT.map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
    st.from_regex(r"([0-9a-f]{10}-[0-9]{1,12}\.){0,60}", fullmatch=True),
)
COOKIE_NAME = st.sampled_from([VISIT_COOKIE, SEEN_COOKIE, "sessionid", "csrftoken", "x"])
COOKIES = st.one_of(
    st.just(None),
    st.lists(st.tuples(COOKIE_NAME, COOKIE_VALUE), max_size=5).map(
        lambda pairs: "; ".join(f"{name}={value}" for name, value in pairs)
    ),
    st.sampled_from([";;;", "=", "md_visit", "md_seen=;md_seen=;md_seen=", "a" * 9000]),
)
HEADER_TEXT = st.one_of(st.sampled_from(NASTY), TEXT).map(
    lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")
)
BODY = st.one_of(
    st.just(b""),
    st.binary(max_size=400),
    QUERY.map(str.encode),
    st.just(b"\x00" * 2000),
    st.just(b'{"q": ' * 200),
)


def url_for(route, converters, draw, world):
    """A URL matching the route's shape, its variable parts good, bad or absurd."""
    if converters is None:  # a regex route (media): anything after the fixed prefix
        head = route.lstrip("^").split("(")[0]
        short = SEGMENT
        tail = draw(
            st.one_of(
                st.lists(short, min_size=1, max_size=4).map("/".join),
                st.tuples(st.sampled_from(world.files), short).map("".join),
                st.sampled_from(world.files),
            )
        )
        return "/" + head + tail
    url = route
    for name, converter in converters.items():
        if isinstance(converter, YearConverter):
            part = draw(YEAR)
        elif isinstance(converter, IntConverter):
            part = draw(st.one_of(st.integers(-(10**30), 10**30).map(str), SEGMENT))
        else:
            part = draw(st.one_of(st.sampled_from(world.slugs), SEGMENT))
        url = url.replace(f"<{_tag(converter)}:{name}>", part)
    return "/" + url


def _tag(converter):
    return {
        SlugConverter: "slug",
        StringConverter: "str",
        IntConverter: "int",
        PathConverter: "path",
        YearConverter: "indicator_year",
    }[type(converter)]


@pytest.fixture
def world(db):
    """One public item of every kind, so valid slugs reach the views, not only the 404."""
    category = Category.objects.order_by("pk").first()
    tag = Tag.objects.create(name="Chuyển đổi số")
    article = Article.objects.create(
        title="Ra mắt Tổ công nghệ số",
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        category=category,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )
    article.tags.add(tag)
    attachment = Attachment.objects.create(
        article=article, title="Kế hoạch", file=ContentFile(b"%PDF-1.4\n", name="ke-hoach.pdf")
    )
    committee = Committee.objects.create(name="Ban Chỉ đạo", slug="ban-chi-dao")
    meeting = Meeting.objects.create(
        committee=committee,
        title="Họp quý I",
        start=timezone.now() - datetime.timedelta(days=3),
        status=Meeting.Status.HELD,
        minutes="<p>Biên bản.</p>",
        minutes_status=Meeting.MinutesStatus.PUBLISHED,
        minutes_approved_at=datetime.date.today(),
    )
    unit = Unit.objects.create(name="Văn phòng UBND xã")
    Directive.objects.create(meeting=meeting, text="Hoàn thành trước quý II.", unit=unit)
    indicator = Indicator.objects.filter(computation="entered").order_by("pk").first()
    Value.objects.create(indicator=indicator, year=2025, value=Decimal(12), is_published=True)
    return SimpleNamespace(
        slugs=[category.slug, tag.slug, article.slug, meeting.slug, unit.slug, indicator.code],
        files=[attachment.file.name],
    )


def test_every_public_route_is_fuzzed():
    """The resolver's public routes are all known to the generator, and enough are sent."""
    names = {route for route, _ in ROUTES}
    for expected in ("tin-tuc/<slug:slug>/", "chi-so/<indicator_year:year>.xlsx", "robots.txt"):
        assert expected in names
    for route, converters in ROUTES:
        for converter in (converters or {}).values():
            assert isinstance(converter, KNOWN_CONVERTERS), f"{route}: teach the fuzzer {converter}"
    assert len(ROUTES) * EXAMPLES_PER_ROUTE >= MINIMUM_REQUESTS


@pytest.mark.parametrize(("route", "converters"), ROUTES, ids=["/" + route for route, _ in ROUTES])
def test_bad_requests_never_get_a_server_error(route, converters, world, settings):
    settings.DEBUG = False
    clients = {
        False: Client(raise_request_exception=False),
        True: Client(raise_request_exception=False, enforce_csrf_checks=True),
    }
    sent = []

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_ROUTE,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @seed(zlib.crc32(route.encode()))  # fixed per route: reproducible, yet not all alike
    @given(st.data())
    def request_once(data):
        url = url_for(route, converters, data.draw, world)
        query = data.draw(QUERY)
        method = data.draw(METHOD)
        headers = {}
        for header, strategy in (
            ("HTTP_HOST", HOST),
            ("HTTP_COOKIE", COOKIES),
            ("HTTP_USER_AGENT", st.one_of(st.just(None), HEADER_TEXT)),
            ("HTTP_ACCEPT_LANGUAGE", st.one_of(st.just(None), HEADER_TEXT)),
            ("HTTP_X_FORWARDED_FOR", st.one_of(st.just(None), HEADER_TEXT)),
            ("HTTP_IF_MODIFIED_SINCE", st.one_of(st.just(None), HEADER_TEXT)),
        ):
            value = data.draw(strategy)
            if value is not None:
                headers[header] = value
        body = data.draw(BODY) if method in ("POST", "PUT", "PATCH") else b""
        client = clients[data.draw(st.booleans())]
        response = client.generic(
            method,
            url + ("?" + query if query else ""),
            data=body,
            content_type=data.draw(
                st.sampled_from(
                    ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
                )
            ),
            **headers,
        )
        sent.append(response.status_code)
        assert response.status_code < 500, (method, url, query[:200], headers, response)

    request_once()
    statuses = dict(sorted(Counter(sent).items()))
    print(f"/{route}: {len(sent)} bad requests, answered {statuses}")  # shown with -s
    assert len(sent) >= EXAMPLES_PER_ROUTE


def test_an_over_long_media_name_is_not_found(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    assert client.get("/media/" + "a" * 300).status_code == 404

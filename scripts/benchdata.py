"""A large synthetic data set for scripts/bench.py: years of articles, meetings and figures.

Bulk-inserted (no per-row signals), then the search index is rebuilt once. Text is plainly
synthetic ("Tin tổng hợp số 123") so it can never be mistaken for the commune's own.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from documents.models import Document, DocumentRelation, DocumentType, Issuer
from indicators.models import Indicator, Value
from meetings.models import AgendaItem, Attendance, Committee, Directive, Issue, Meeting, Person
from news.models import Article, Category, Tag
from portal import search

BODY = "".join(
    f"<p>Đoạn {n}: nội dung tổng hợp về chuyển đổi số, dịch vụ công trực tuyến và kỹ năng số.</p>"
    for n in range(12)
)


@transaction.atomic
def seed_all(articles, meetings, years):
    rng = random.Random(2026)
    now = timezone.now()
    categories = list(Category.objects.all())
    Article.objects.bulk_create(
        Article(
            title=f"Tin tổng hợp số {n}",
            slug=f"tin-tong-hop-so-{n}",
            summary="Bản tin tổng hợp dùng để đo hiệu năng của cổng.",
            body=BODY,
            category=categories[n % len(categories)],
            status=Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(hours=n * 7),
            first_published_at=now - datetime.timedelta(hours=n * 7),
        )
        for n in range(articles)
    )
    # One tag on every third article: a tag page as long as a category's.
    tag, _ = Tag.objects.get_or_create(name="Tổng hợp", defaults={"slug": "tong-hop"})
    tagged = Article.objects.filter(slug__startswith="tin-tong-hop-so-").values_list(
        "pk", flat=True
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=pk, tag_id=tag.pk) for pk in tagged[::3]
    )
    people = Person.objects.bulk_create(
        Person(full_name=f"Thành viên tổng hợp {n}") for n in range(30)
    )
    committee = Committee.objects.first()
    created = Meeting.objects.bulk_create(
        Meeting(
            committee=committee,
            title=f"Cuộc họp tổng hợp số {n}",
            slug=f"cuoc-hop-tong-hop-so-{n}",
            start=now - datetime.timedelta(days=n * 9),
            status=Meeting.Status.HELD,
            summary="Cuộc họp tổng hợp dùng để đo hiệu năng.",
        )
        for n in range(meetings)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, person=p, title="Thành viên", meeting_role="member")
        for m in created
        for p in rng.sample(people, 12)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, order=i, title=f"Nội dung {i}") for m in created for i in range(1, 5)
    )
    Issue.objects.bulk_create(
        Issue(meeting=m, order=i, text=f"Khó khăn {i}") for m in created for i in range(1, 3)
    )
    Directive.objects.bulk_create(
        Directive(
            meeting=m,
            order=i,
            text=f"Kết luận {i} của cuộc họp {m.title}",
            deadline=m.start.date() + datetime.timedelta(days=30 * i),
        )
        for m in created
        for i in range(1, 6)
    )
    latest = Value.objects.order_by("-year").values_list("year", flat=True).first() or now.year
    entered = Indicator.objects.exclude(computation="rate")
    Value.objects.bulk_create(
        Value(
            indicator=indicator,
            year=year,
            value=Decimal(rng.randint(40, 95))
            if indicator.unit == "percent"
            else Decimal(rng.randint(100, 900)),
            is_published=True,
        )
        for indicator in entered
        for year in range(latest - years, latest)
        if not Value.objects.filter(indicator=indicator, year=year).exists()
    )
    seed_documents(now, meetings=created)
    search.rebuild()
    return {
        "documents": Document.objects.count(),
        "articles": Article.objects.count(),
        "meetings": Meeting.objects.count(),
        "directives": Directive.objects.count(),
        "values": Value.objects.count(),
    }


def seed_documents(now, meetings, count=600):
    """Plans of the synthetic meetings, every tenth one replacing an earlier plan."""
    types, issuers = list(DocumentType.objects.all()), list(Issuer.objects.all())
    documents = Document.objects.bulk_create(
        Document(
            number=f"{n}/KH-TH",
            slug=f"van-ban-tong-hop-so-{n}",
            title=f"Văn bản tổng hợp số {n} về chuyển đổi số",
            doc_type=types[n % len(types)],
            issuer=issuers[n % len(issuers)],
            issued_on=(now - datetime.timedelta(days=n * 3)).date(),
            is_published=True,
            published_at=now - datetime.timedelta(days=n * 3),
            issued_at_meeting=meetings[n % len(meetings)] if meetings else None,
        )
        for n in range(count)
    )
    Document.reviewed_at.through.objects.bulk_create(
        Document.reviewed_at.through(document=d, meeting=meetings[i % len(meetings)])
        for i, d in enumerate(documents)
        if meetings
    )
    DocumentRelation.objects.bulk_create(
        DocumentRelation(source=documents[n], kind="replaces", target=documents[n + 1])
        for n in range(0, count - 1, 10)
    )


PROVINCE_HOST = "tinh.bench"


def seed_communes(count, years=10, articles_each=30):
    """``count`` synthetic communes ("xã Tổng hợp 7") on hosts xa-7.bench, each with ten years
    of the headline figures and a few articles, and the province on tinh.bench."""
    from communes.creation import create_commune
    from communes.models import HostName, Province
    from communes.rollup import HEADLINE_CODES

    rng = random.Random(57)
    now = timezone.now()
    province = Province.objects.create(name="tỉnh Tổng Hợp")
    HostName.objects.create(name=PROVINCE_HOST, province=province)
    codes = {*HEADLINE_CODES, "ho-so-truc-tuyen"}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    last = now.year - 1
    for k in range(count):
        commune = create_commune(f"xã Tổng hợp {k}", [f"xa-{k}.bench"])
        values = []
        for year in range(last - years + 1, last + 1):
            received = rng.randint(800, 6000)
            figures = {
                "ho-so-tiep-nhan": received,
                "ho-so-truc-tuyen": rng.randint(received // 3, received),
                "ho-so-dung-han": Decimal(rng.randint(8500, 10000)) / 100,
                "dan-co-tai-khoan-vneid": Decimal(rng.randint(900, 990)) / 10,
                "to-cong-nghe-so-cong-dong": rng.randint(3, 20),
            }
            values += [
                Value(
                    commune=commune,
                    indicator=indicators[code],
                    year=year,
                    value=number,
                    decimals=2 if isinstance(number, Decimal) else 0,
                    is_published=True,
                )
                for code, number in figures.items()
            ]
        Value.objects.bulk_create(values)
        category = Category.objects.filter(commune=commune).first()
        Article.objects.bulk_create(
            Article(
                commune=commune,
                title=f"Tin của xã tổng hợp {k} số {n}",
                slug=f"tin-xa-{k}-so-{n}",
                summary="Bản tin tổng hợp dùng để đo hiệu năng.",
                body=BODY,
                category=category,
                status=Article.Status.PUBLISHED,
                publish_at=now - datetime.timedelta(days=n),
                first_published_at=now - datetime.timedelta(days=n),
            )
            for n in range(articles_each)
        )
    return {"communes": count, "province_values": Value.objects.count()}


def province_paths():
    """The province page and one synthetic commune's dashboard, each on its own host."""
    year = Value.objects.order_by("-year").values_list("year", flat=True).first()
    return [f"{PROVINCE_HOST}|/?nam={year}", f"xa-0.bench|/chi-so/{year}/", "xa-0.bench|/"]


def sample_paths():
    """The public pages a citizen or leader opens on xã Minh Đức's host (127.0.0.1), and the
    static-file baseline. Rows of the synthetic communes are never picked here."""
    from communes.models import Commune

    first = Commune.objects.order_by("pk").first()
    articles = Article.objects.for_commune(first).published()
    article = articles.order_by("-publish_at")[10]
    meeting = Meeting.objects.for_commune(first).held().order_by("-start").first()
    values = Value.objects.filter(commune=first)
    year = values.order_by("-year").values_list("year", flat=True).first()
    indicator = Indicator.objects.order_by("order").first()
    category = Category.objects.for_commune(first).order_by("order").first()
    tag = Tag.objects.get(commune=first, slug="tong-hop")
    last_page = max(1, (articles.count() - 1) // 20 + 1)
    documents = Document.objects.for_commune(first).published()
    return [
        "/static/css/site.css",
        "/",
        "/tin-tuc/",
        "/tin-tuc/?page=2",
        f"/tin-tuc/?page={last_page}",
        category.get_absolute_url(),
        tag.get_absolute_url(),
        article.get_absolute_url(),
        "/cuoc-hop/",
        "/cuoc-hop/?page=3",
        meeting.get_absolute_url(),
        "/ket-luan-chi-dao/",
        "/ket-luan-chi-dao/?page=5",
        "/ban-chi-dao/",
        f"/chi-so/{year}/",
        f"/chi-so/{year}.xlsx",
        indicator.get_absolute_url(),
        "/van-ban/",
        "/van-ban/?loai=ke-hoach&hieu_luc=con-hieu-luc&nam=2025",
        documents.order_by("-issued_on")[5].get_absolute_url(),
        "/van-ban/danh-sach.xlsx",
        "/tim-kiem/?q=chuyen+doi+so",
        "/tin-tuc/rss/",
        f"{category.get_absolute_url()}rss/",
        "/sitemap.xml",
        "/sitemap-news-articles.xml",
        "/healthz",
    ]

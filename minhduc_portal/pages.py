"""What the site's own pages join from the apps: the home page and the HTML site map."""

from django.urls import reverse
from django.utils import timezone

from indicators import figures
from indicators.models import Indicator
from meetings.models import Directive, Meeting
from meetings.models.directives import DUE_SOON_DAYS
from news.models import Article, Category

HEADLINE_CODES = [
    "ty-le-ho-so-truc-tuyen",
    "ho-so-dung-han",
    "dan-co-tai-khoan-vneid",
    "ho-so-tiep-nhan",
]


def home_context(commune):
    """Everything the commune's home page shows, in a fixed number of queries."""
    today = timezone.localdate()
    year, headline = figures.headline(commune, HEADLINE_CODES)
    meetings = Meeting.objects.for_commune(commune).public().for_list()
    return {
        "articles": Article.objects.for_commune(commune).published().for_list()[:6],
        "upcoming": meetings.upcoming()[:2],
        "recent_meetings": meetings.held().order_by("-start")[:3],
        "directives": Directive.objects.for_commune(commune).watch_counts(today),
        "due_soon_days": DUE_SOON_DAYS,
        "headline_year": year,
        "headline": headline,
    }


def next_change(since, commune):
    """When a commune's pages that list articles and meetings next change without a save."""
    changes = [
        Article.objects.for_commune(commune).next_change(since),
        Meeting.objects.for_commune(commune).next_start(since),
    ]
    return min(filter(None, changes), default=None)


def link(label, url_name, *args):
    return {"label": label, "url": reverse(url_name, args=args)}


def site_map_sections(commune):
    categories = Category.objects.for_commune(commune)
    indicators = Indicator.objects.catalogue()
    meetings = Meeting.objects.for_commune(commune).held().for_list().order_by("-start")[:20]
    return [
        {**link("Trang chủ", "portal:home"), "children": []},
        {
            **link("Tin tức", "news:list"),
            "children": [link(c.name, "news:category", c.slug) for c in categories]
            + [link("Nhận tin mới (RSS)", "news:feed")],
        },
        {
            **link("Cuộc họp", "meetings:list"),
            "children": [{"label": m.title, "url": m.get_absolute_url()} for m in meetings]
            + [link("Thêm lịch họp vào điện thoại", "meetings:calendar")],
        },
        {**link("Kết luận chỉ đạo", "meetings:directives"), "children": []},
        {**link("Ban Chỉ đạo", "meetings:committee"), "children": []},
        {
            **link("Chỉ số", "indicators:dashboard"),
            "children": [{"label": i.name, "url": i.get_absolute_url()} for i in indicators],
        },
        {
            **link("Văn bản", "documents:list"),
            "children": [link("Văn bản mới qua RSS", "documents:feed")],
        },
        {**link("Tìm kiếm", "portal:search"), "children": []},
        {**link("Chính sách riêng tư", "portal:privacy"), "children": []},
    ]

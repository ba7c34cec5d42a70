"""What the HTML site map (sơ đồ cổng) lists, read from each app's public querysets."""

from django.urls import reverse

from indicators.models import Indicator
from meetings.models import Meeting
from news.models import Category


def link(label, url_name, *args):
    return {"label": label, "url": reverse(url_name, args=args)}


def site_map_sections():
    categories = Category.objects.all()
    indicators = Indicator.objects.catalogue()
    meetings = Meeting.objects.held().order_by("-start")[:20]
    return [
        {**link("Trang chủ", "portal:home"), "children": []},
        {
            **link("Tin tức", "news:list"),
            "children": [link(c.name, "news:category", c.slug) for c in categories]
            + [link("Tin mới qua RSS", "news:feed")],
        },
        {
            **link("Cuộc họp", "meetings:list"),
            "children": [{"label": m.title, "url": m.get_absolute_url()} for m in meetings]
            + [link("Lịch họp (iCalendar)", "meetings:calendar")],
        },
        {**link("Kết luận chỉ đạo", "meetings:directives"), "children": []},
        {**link("Ban Chỉ đạo", "meetings:committee"), "children": []},
        {
            **link("Chỉ số", "indicators:dashboard"),
            "children": [{"label": i.name, "url": i.get_absolute_url()} for i in indicators],
        },
        {**link("Tìm kiếm", "portal:search"), "children": []},
    ]

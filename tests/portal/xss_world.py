"""XSS payloads and a world whose every official-typed text field carries some of them.

Each payload that could run calls ``__xss(N)`` (N its number, from 1): a page that executes
one reports N. The payloads are rotated over the fields, so each field receives several and
every payload lands in several fields; ``World.usage`` records which went where.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from indicators.models import Indicator, IndicatorGroup, Target, Value
from meetings.models import (
    AgendaItem,
    Attendance,
    Committee,
    Directive,
    DirectiveUpdate,
    Issue,
    Meeting,
    Membership,
    Person,
    Role,
    Unit,
)
from meetings.models import Attachment as MeetingAttachment
from news.models import Article, Attachment, Category, Tag
from portal.models import SiteIdentity
from tests.news.factories import uploaded_image

PAYLOADS = [
    "<script>__xss(1)</script>",
    "<img src=x onerror=__xss(2)>",
    "<svg onload=__xss(3)>",
    "<svg/onload=__xss(4)//",
    '"><script>__xss(5)</script>',
    "'><img src=x onerror=__xss(6)>",
    '"><svg onload=__xss(7)>',
    '" onmouseover="__xss(8)" x="',
    "' onfocus='__xss(9)' autofocus x='",
    "'-__xss(10)-'",
    '";__xss(11);//',
    "</script><script>__xss(12)</script>",
    "</textarea><script>__xss(13)</script>",
    "</title><script>__xss(14)</script>",
    "</style><script>__xss(15)</script>",
    '<a href="javascript:__xss(16)">liên kết</a>',
    "javascript:__xss(17)",
    "JaVaScRiPt:__xss(18)",
    '<iframe src="javascript:__xss(19)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss(20)</script>"></iframe>',
    "<body onload=__xss(21)>",
    "<details open ontoggle=__xss(22)>",
    "<input autofocus onfocus=__xss(23)>",
    "<video><source onerror=__xss(24)></video>",
    "<audio src=x onerror=__xss(25)>",
    '<object data="javascript:__xss(26)"></object>',
    '<embed src="data:text/html,<script>parent.__xss(27)</script>">',
    '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMjgpPC9zY3JpcHQ+">__xss(28)</a>',
    '<div style="width:expression(__xss(29))">css</div>',
    '<div style="background:url(javascript:__xss(30))">css</div>',
    "<style>@import 'javascript:__xss(31)';</style>",
    "{{7*7}}{% debug %}{{ request }}__xss(32)",
    "${__xss(33)}#{7*7}",
    "{{constructor.constructor('__xss(34)')()}}",
    "&lt;script&gt;__xss(35)&lt;/script&gt;",
    "%3Cscript%3E__xss(36)%3C%2Fscript%3E",
    "\\u003cscript\\u003e__xss(37)\\u003c/script\\u003e",
    "＜script＞__xss(38)＜/script＞",
    "<scr<script>ipt>__xss(39)</scr</script>ipt>",
    '<script src="data:text/javascript,__xss(40)"></script>',
    "<IMG SRC=x OnErRoR=__xss(41)>",
    "<img src=x onerror=&#95;&#95;xss(42)>",
    '<img src=x onerror="\\u005f_xss(43)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(44)>",
    '<noscript><p title="</noscript><img src=x onerror=__xss(45)>">',
    '<form><button formaction="javascript:__xss(46)">gửi</button></form>',
    '<base href="javascript:__xss(47)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(48)">',
    '<link rel=stylesheet href="javascript:__xss(49)">',
    "<marquee onstart=__xss(50)>chạy</marquee>",
    "<svg><animate onbegin=__xss(51) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:__xss(52)"><text x=20 y=20>bấm</text></a></svg>',
    "<x onclick=__xss(53) contenteditable>bấm</x>",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=__xss(54) )//%0D%0A%0d%0a//"
    "</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__xss(54)//>\\x3e",
    "\"'><img src=x onerror=__xss(55)><!--",
    "--><script>__xss(56)</script><!--",
    "]]><script>__xss(57)</script>",
    "<![CDATA[<script>__xss(58)</script>]]>",
    "<ſcript>__xss(59)</ſcript>",
    "<img\nsrc=x\tonerror=__xss(60)>",
    '=HYPERLINK("http://127.0.0.1/?x","__xss(61)")',
    "=cmd|' /C calc'!A0 __xss(62)",
    "+__xss(63)+1",
    "@SUM(1+1)*cmd|' /C calc'!A0 __xss(64)",
    "-2+3+cmd|' /C calc'!A0 __xss(65)",
    "\t=1+1 __xss(66)",
]
# Cells a spreadsheet would read as a formula (issue 10, point 1).
FORMULAS = [p for p in PAYLOADS if p[:1] in "=+-@\t"]
# Typed by an official in the search box and the tracker's filter: reflected back.
REFLECTED = [1, 5, 7, 13, 14, 55]
SEARCH_WORD = "kiểm thử"  # in every title, so searching for it lists them all
YEAR = 2025


def marker(n):
    return f"__xss({n})"


class Rotation:
    """Hands out payloads in turn, as many as fit a field's length (one at least)."""

    def __init__(self):
        self.order = itertools.cycle(range(len(PAYLOADS)))
        self.skipped = []  # too long for an earlier field: served first to the next ones
        self.usage = {}

    def _next(self, tried):
        for index in self.skipped:
            if index not in tried:
                self.skipped.remove(index)
                return index
        return next(self.order)

    def take(self, label, max_length=255, count=3, prefix=""):
        # A short field takes only payloads short enough for it to hold `count` of them.
        each = (max_length - len(prefix)) // count - 1 if max_length < 100 else max_length
        chosen, text, tried = [], prefix, set()
        while len(chosen) < count and len(tried) < len(PAYLOADS):
            index = self._next(tried)
            tried.add(index)
            candidate = f"{text} {PAYLOADS[index]}" if text else PAYLOADS[index]
            if len(PAYLOADS[index]) > each or len(candidate) > max_length:
                self.skipped.append(index)  # too long here: the next one may fit
                continue
            chosen.append(index + 1)
            text = candidate
        self.usage.setdefault(label, []).extend(chosen)
        return text


@dataclass
class World:
    usage: dict
    articles: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    meeting: Meeting = None
    units: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    objects: list = field(default_factory=list)  # everything whose admin pages are opened
    user: object = None

    @property
    def payloads_used(self):
        return {n for numbers in self.usage.values() for n in numbers}


def build_world(password):
    """Create, through the ORM, one of everything an official fills in, full of payloads."""
    r = Rotation()
    world = World(usage=r.usage)
    now = timezone.now()
    world.user = get_user_model().objects.create_superuser(
        "kiemthu",
        "kiemthu@example.vn",
        password,
        first_name=r.take("user.first_name", 150, 2),
        last_name=r.take("user.last_name", 150, 2),
    )

    identity = SiteIdentity.current()
    for name, length, *count in (
        ("commune_name", 120),
        ("province", 120),
        ("committee_name", 255),
        ("committee_short_name", 120),
        ("owner_agency", 255),
        ("address", 255),
        ("phone", 40, 2),
        ("responsible_person", 255),
    ):
        setattr(identity, name, r.take(f"site.{name}", length, *count))
    identity.email = 'a"><img src=x onerror=__xss(2)>@example.vn'
    identity.save()
    world.objects.append(identity)

    world.categories = [
        Category.objects.create(
            name=r.take("category.name", 120, 2, prefix=f"Mục {i}"),
            description=r.take("category.description"),
            order=i,
        )
        for i in range(2)
    ]
    world.tags = [
        Tag.objects.create(name=r.take("tag.name", 80, 1, prefix=f"T{i}")) for i in range(4)
    ]

    committee = Committee.objects.create(
        name=r.take("committee.name"), slug="ban-kiem-thu", description=r.take("committee.text")
    )
    world.units = [
        Unit.objects.create(name=r.take("unit.name", 200, 2, prefix=f"Đơn vị {i}"))
        for i in range(3)
    ]
    people = []
    for i, role in enumerate([Role.HEAD, Role.DEPUTY, Role.MEMBER, Role.SECRETARY]):
        person = Person.objects.create(full_name=r.take("person.full_name", 120, 2))
        Membership.objects.create(
            committee=committee,
            person=person,
            role=role,
            title=r.take("membership.title"),
            unit=world.units[i % 3],
            start=datetime.date(2020, 1, 1),
        )
        people.append(person)
    past = Person.objects.create(full_name=r.take("person.full_name", 120, 2))
    Membership.objects.create(
        committee=committee,
        person=past,
        title=r.take("membership.title"),
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2020, 1, 1),
    )

    meeting = Meeting.objects.create(
        committee=committee,
        title=r.take("meeting.title", 255, 3, prefix=f"Họp {SEARCH_WORD}"),
        start=now - datetime.timedelta(days=2),
        place=r.take("meeting.place"),
        chair=people[0],
        status=Meeting.Status.HELD,
        summary=r.take("meeting.summary", 10_000, 5),
        minutes=r.take("meeting.minutes", 10_000, 6, prefix="<p>Biên bản</p>"),
        minutes_status=Meeting.MinutesStatus.PUBLISHED,
        minutes_approved_at=timezone.localdate(),
        reviewed_year=YEAR,
    )
    Meeting.objects.create(
        committee=committee,
        title=r.take("meeting.title", 255, 3, prefix=f"Họp sắp tới {SEARCH_WORD}"),
        start=now + datetime.timedelta(days=5),
        place=r.take("meeting.place"),
        summary=r.take("meeting.summary"),
    )
    world.meeting = meeting
    for i, person in enumerate(people):
        Attendance.objects.create(
            meeting=meeting, person=person, title=r.take("attendance.title"), order=i
        )
    for i in range(3):
        AgendaItem.objects.create(
            meeting=meeting,
            order=i + 1,
            title=r.take("agenda.title", 500),
            presenter=people[i],
            presenter_unit=world.units[i],
            content=r.take("agenda.content"),
        )
        Issue.objects.create(
            meeting=meeting, order=i + 1, text=r.take("issue.text"), unit=world.units[i]
        )
    directives = []
    for i, status in enumerate(
        [Directive.Status.ASSIGNED, Directive.Status.IN_PROGRESS, Directive.Status.DONE]
    ):
        directive = Directive.objects.create(
            meeting=meeting,
            order=i + 1,
            text=r.take("directive.text", 10_000, 3, prefix=SEARCH_WORD),
            unit=world.units[i],
            person=people[i],
            deadline=timezone.localdate() - datetime.timedelta(days=1 - i),
            status=status,
            completed_on=timezone.localdate() if status == Directive.Status.DONE else None,
        )
        for _ in range(2):
            DirectiveUpdate.objects.create(directive=directive, note=r.take("update.note", 500))
        directives.append(directive)
    attachment = MeetingAttachment.objects.create(
        meeting=meeting,
        title=r.take("meeting_attachment.title"),
        file=ContentFile(b"%PDF-1.4\n", name="bao-cao.pdf"),
    )

    for i in range(3):
        article = Article.objects.create(
            title=r.take("article.title", 255, 3, prefix=f"Tin {SEARCH_WORD} {i}"),
            summary=r.take("article.summary", 600, 4),
            body="<p>Nội dung</p>" + r.take("article.body", 100_000, 6),
            category=world.categories[i % 2],
            author=r.take("article.author", 120, 1),
            signature=r.take("article.signature", 120, 1),
            source=r.take("article.source"),
            meeting=meeting,
            status=Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(hours=i + 1),
            **(
                {
                    "cover": uploaded_image(size=(800, 500)),
                    "cover_alt": r.take("article.cover_alt"),
                    "cover_caption": r.take("article.cover_caption"),
                }
                if i == 0
                else {}
            ),
        )
        article.tags.set(world.tags[i : i + 2])
        Attachment.objects.create(
            article=article,
            title=r.take("news_attachment.title"),
            file=ContentFile(b"%PDF-1.4\n", name="tai-lieu.pdf"),
        )
        world.articles.append(article)
    # One waiting for review, for the reviewers' work list on the admin's front page.
    waiting = Article.objects.create(
        title=r.take("article.title", 255, 3, prefix="Chờ duyệt"),
        summary=r.take("article.summary", 600, 4),
        body=r.take("article.body", 100_000, 4),
        category=world.categories[0],
        status=Article.Status.REVIEW,
    )

    group = IndicatorGroup.objects.create(code="kiem-thu", name=r.take("group.name", 120, 2))
    for i, indicator in enumerate(Indicator.objects.filter(computation="entered")[:4]):
        indicator.name = r.take("indicator.name", 255, 2, prefix=SEARCH_WORD)
        indicator.short_name = r.take("indicator.short_name", 80, 1)
        indicator.definition = r.take("indicator.definition")
        indicator.source = r.take("indicator.source")
        indicator.count_noun = (
            r.take("indicator.count_noun", 40, 1) if not indicator.is_percent else ""
        )
        if i == 0:
            indicator.group = group
        indicator.save()
        # A note and a source that begin with a formula, as a spreadsheet would read them.
        Value.objects.create(
            indicator=indicator,
            year=YEAR,
            value=Decimal(40 + i),
            note=r.take("value.note", 255, 2, prefix=FORMULAS[i % len(FORMULAS)]),
            source_text=r.take(
                "value.source_text", 255, 2, prefix=FORMULAS[(i + 2) % len(FORMULAS)]
            ),
            source_meeting=meeting if i % 2 else None,
            is_published=True,
        )
        Value.objects.create(
            indicator=indicator,
            year=YEAR - 1,
            value=Decimal(30 + i),
            note=r.take("value.note"),
            source_text=r.take("value.source_text"),
            is_published=True,
        )
        Target.objects.create(
            indicator=indicator,
            year=YEAR,
            value=Decimal(50),
            basis=r.take("target.basis"),
        )
        world.indicators.append(indicator)
    for label in ("value.note", "value.source_text"):
        r.usage[label].extend(PAYLOADS.index(f) + 1 for f in FORMULAS[:4])

    # Second versions, so the history pages show differences between two payload texts.
    for obj, name, length in (
        (world.articles[0], "title", 255),
        (meeting, "place", 255),
        (directives[0], "text", 10_000),
        (identity, "address", 255),
        (people[0], "full_name", 120),
    ):
        label = f"{type(obj).__name__.lower()}.{name}"
        setattr(
            obj, name, r.take(label, length, 2, prefix=SEARCH_WORD if name != "full_name" else "")
        )
        obj.save()

    world.objects += [
        *world.articles,
        waiting,
        *world.categories,
        *world.tags,
        committee,
        meeting,
        *world.units,
        *people,
        directives[0],
        world.indicators[0],
        group,
        Value.objects.filter(year=YEAR).order_by("pk").first(),
        Target.objects.order_by("pk").first(),
        attachment,
        world.user,
    ]
    return world


def every_payload_is_used(world):
    return world.payloads_used == set(range(1, len(PAYLOADS) + 1))


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            scheme = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"<{tag} {name}>")
            elif scheme.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")


DANGEROUS_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "style", "form", "input", "button", "svg", "math", "noscript", "template",
}  # fmt: skip


def live_markup(html):
    """Elements and attributes of `html` that could run a script or load something."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found

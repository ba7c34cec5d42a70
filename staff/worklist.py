"""What waits for the signed-in official, by role: the work list on the admin home page.

Each section is shown only to users holding its permission, and costs two queries (its
first rows and its count), however many rows there are.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from communes.admin_scoping import for_commune
from documents.models import Document
from indicators.models import Indicator, Value
from meetings.models import Directive, Meeting
from news.models import Article
from portal.models import SiteIdentity

SHOWN = 10  # rows listed per section; the count says how many there are in all
DUE_DAYS = 7


@dataclass
class Item:
    title: str
    url: str
    note: str = ""
    overdue: bool = False


@dataclass
class Section:
    title: str
    empty: str
    changelist_url: str
    hint: str = ""
    items: list = field(default_factory=list)
    count: int = 0


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _fill(commune, section, queryset, item):
    """The section's rows, the request's commune's only (every commune's on the province's host)."""
    queryset = for_commune(queryset, commune)
    section.items = [item(obj) for obj in queryset[:SHOWN]]
    section.count = queryset.count()
    return section


def articles_for_review():
    return Article.objects.filter(status=Article.Status.REVIEW).order_by("updated_at", "pk")


def articles_returned():
    return Article.objects.filter(status=Article.Status.RETURNED).order_by("-updated_at", "pk")


def minutes_for_approval():
    """Minutes written for a meeting that took place, not yet approved."""
    return (
        Meeting.objects.held()
        .filter(minutes_status=Meeting.MinutesStatus.DRAFT)
        .exclude(minutes="")
        .order_by("start", "pk")
    )


def minutes_to_publish():
    return Meeting.objects.filter(minutes_status=Meeting.MinutesStatus.APPROVED).order_by(
        "start", "pk"
    )


def directives_due(today=None):
    return Directive.objects.due_within(DUE_DAYS, today).select_related("meeting")


def indicators_without_value(year, commune=None):
    """Indicators typed in (rates are computed) with no published figure for `year`,
    annotated with `draft_value`: the pk of an unpublished figure entered, if any."""
    figures = for_commune(Value.objects.filter(indicator=OuterRef("pk"), year=year), commune)
    return (
        Indicator.objects.filter(computation=Indicator.Computation.ENTERED)
        .filter(~Exists(figures.filter(is_published=True)))
        .annotate(draft_value=Subquery(figures.values("pk")[:1]))
        .order_by("group__order", "order", "code")
    )


def directives_dated_before_meeting():
    return (
        Directive.objects.dated_before_meeting()
        .select_related("meeting")
        .order_by("meeting__start", "order", "pk")
    )


def documents_to_publish():
    """Public documents entered and not yet published (internal and mật ones never are)."""
    return (
        Document.objects.filter(is_published=False, scope=Document.Scope.PUBLIC)
        .select_related("doc_type")
        .order_by("created_at", "pk")
    )


def _document_item(document):
    return Item(f"{document}: {document.title}", _change_url(document))


def _article_item(article):
    return Item(article.title, _change_url(article))


def _meeting_item(meeting):
    day = timezone.localdate(meeting.start)
    return Item(meeting.title, _change_url(meeting), f"họp ngày {day:%d/%m/%Y}")


def _directive_item(directive):
    if directive.is_overdue:
        note = f"quá hạn từ {directive.deadline:%d/%m/%Y}"
    else:
        note = f"hạn {directive.deadline:%d/%m/%Y}"
    return Item(str(directive), _change_url(directive), note, directive.is_overdue)


def _dated_item(directive):
    day = timezone.localdate(directive.meeting.start)
    return Item(str(directive), _change_url(directive), f"họp ngày {day:%d/%m/%Y}", True)


def for_user(user, today=None, commune=None):
    """The sections this user's permissions call for, in the order of the workflow, with the
    rows of ``commune`` (of every commune when None: the province's host)."""
    today = today or timezone.localdate()
    sections = []
    if user.has_perm("news.publish_article"):
        section = Section(
            "Bài viết chờ duyệt",
            "Không có bài nào chờ duyệt.",
            reverse("admin:news_article_changelist") + "?status__exact=review",
        )
        sections.append(_fill(commune, section, articles_for_review(), _article_item))
    elif user.has_perm("news.change_article"):
        section = Section(
            "Bài viết bị trả lại để sửa",
            "Không có bài nào bị trả lại.",
            reverse("admin:news_article_changelist") + "?status__exact=returned",
        )
        sections.append(_fill(commune, section, articles_returned(), _article_item))
    if user.has_perm("meetings.approve_minutes"):
        section = Section(
            "Biên bản chờ duyệt",
            "Không có biên bản nào chờ duyệt.",
            reverse("admin:meetings_meeting_changelist") + "?minutes_status__exact=draft",
            "Đọc biên bản, rồi chọn cuộc họp trong danh sách và dùng thao tác “Duyệt biên bản”.",
        )
        sections.append(_fill(commune, section, minutes_for_approval(), _meeting_item))
    if user.has_perm("meetings.publish_minutes"):
        section = Section(
            "Biên bản đã duyệt, chờ công bố",
            "Không có biên bản nào chờ công bố.",
            reverse("admin:meetings_meeting_changelist") + "?minutes_status__exact=approved",
            "Công bố trong trang cuộc họp (tình trạng “Đã công bố”) hoặc bằng thao tác "
            "“Công bố biên bản” trên danh sách.",
        )
        sections.append(_fill(commune, section, minutes_to_publish(), _meeting_item))
    if user.has_perm("documents.publish_document"):
        section = Section(
            "Văn bản chờ công bố",
            "Không có văn bản nào chờ công bố.",
            reverse("admin:documents_document_changelist")
            + "?is_published__exact=0&scope__exact=public",
            "Chọn văn bản trong danh sách và dùng thao tác “Công bố các văn bản đã chọn”.",
        )
        sections.append(_fill(commune, section, documents_to_publish(), _document_item))
    if user.has_perm("meetings.view_directive"):
        section = Section(
            f"Kết luận chỉ đạo quá hạn hoặc đến hạn trong {DUE_DAYS} ngày",
            "Không có kết luận nào quá hạn hoặc sắp đến hạn.",
            reverse("admin:meetings_directive_changelist"),
        )
        sections.append(_fill(commune, section, directives_due(today), _directive_item))
    if user.has_perm("meetings.change_directive"):
        section = Section(
            "Kết luận có ngày trước ngày họp",
            "",
            reverse("admin:meetings_directive_changelist"),
            "Hạn hoặc ngày hoàn thành của các kết luận này sớm hơn ngày họp đưa ra chúng: "
            "mở từng kết luận để sửa ngày.",
        )
        # Rows saved before the rule existed: listed only while there are any.
        if _fill(commune, section, directives_dated_before_meeting(), _dated_item).count:
            sections.append(section)
    if user.has_perm("indicators.view_value"):
        year = today.year - 1
        section = Section(
            f"Chỉ số năm {year} chưa có số liệu công bố",
            f"Mọi chỉ số năm {year} đã có số liệu công bố.",
            reverse("admin:indicators_value_changelist") + f"?year__exact={year}",
            "Công bố bằng thao tác “Công bố các số liệu đã chọn” trên danh sách số liệu."
            if user.has_perm("indicators.publish_value")
            else "Bấm tên chỉ số để nhập hoặc sửa số liệu; Lãnh đạo sẽ công bố.",
        )
        can_add = user.has_perm("indicators.add_value")
        add_url = reverse("admin:indicators_value_add")

        def indicator_item(indicator):
            if indicator.draft_value:
                url = reverse("admin:indicators_value_change", args=[indicator.draft_value])
                return Item(indicator.name, url, "đã nhập, chưa công bố")
            if can_add:
                return Item(indicator.name, f"{add_url}?indicator={indicator.pk}&year={year}")
            return Item(indicator.name, _change_url(indicator), "chưa nhập")

        sections.append(
            _fill(commune, section, indicators_without_value(year, commune), indicator_item)
        )
    if user.has_perm("portal.view_siteidentity"):
        sections.append(contact_section(user, commune))
    return sections


def contact_section(user, commune=None):
    """The contact fields a state portal must publish, while they are empty."""
    identity = SiteIdentity.current(commune)
    missing = identity.missing_contact_fields if identity else []
    url = _change_url(identity) if identity else reverse("admin:portal_siteidentity_add")
    section = Section(
        "Thông tin liên hệ cổng còn thiếu",
        "Chân trang đã có đủ cơ quan chủ quản, người chịu trách nhiệm, địa chỉ, điện thoại "
        "và thư điện tử.",
        url,
        "Cổng thông tin của cơ quan nhà nước phải công bố các thông tin này; điền trong "
        "“Thông tin cổng”."
        if user.has_perm("portal.change_siteidentity")
        else "Quản trị cổng điền các thông tin này trong “Thông tin cổng”.",
    )
    section.items = [Item(str(name).capitalize(), url, "chưa điền") for name in missing]
    section.count = len(missing)
    return section

from django import forms
from django.contrib import admin, messages
from django.core.files.base import ContentFile
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

import meetings.admin  # noqa: F401 - the meeting admin must exist before an action joins it
from communes.admin_scoping import CommuneChoices
from meetings.models import Attachment, Meeting
from portal.history import HistoryAdmin

from .models import Document, DocumentFile, DocumentRelation, DocumentType, Issuer, Sector

# Attachments of these kinds are documents of the register; the type they most often are.
CONVERTIBLE = {
    Attachment.Kind.RESOLUTION: "thong-bao-ket-luan",
    Attachment.Kind.PLAN: "ke-hoach",
}
FROM_ATTACHMENT = "tu_tai_lieu"
FILES_LOST = _(
    "Văn bản chưa được lưu vì còn lỗi (xem các dòng báo lỗi màu đỏ). Mọi chữ bạn đã gõ vẫn còn "
    "nguyên, nhưng trình duyệt không giữ lại tệp đã chọn: hãy chọn lại %(files)s rồi bấm Lưu."
)


@admin.register(DocumentType)
class DocumentTypeAdmin(HistoryAdmin):
    list_display = ["name", "has_effect", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Issuer, Sector)
class ListAdmin(HistoryAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ["title", "file", "order", "size_shown", "text_state"]
    readonly_fields = ["size_shown", "text_state"]

    @admin.display(description=_("dung lượng"))
    def size_shown(self, obj):
        return filesizeformat(obj.size) if obj.pk else ""

    @admin.display(description=_("chữ để tìm kiếm"))
    def text_state(self, obj):
        if not obj.pk:
            return ""
        if obj.has_text:
            return _("Có (%(pages)d trang đã đọc)") % {"pages": obj.pages_read}
        return _("Không có chữ: bản quét, tìm kiếm không đọc được nội dung")


class DocumentRelationInline(CommuneChoices, admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("quan hệ với văn bản khác (văn bản này … văn bản kia)")


def eligible_attachments():
    """Meeting attachments that are register documents and have not become one yet."""
    return Attachment.objects.filter(kind__in=CONVERTIBLE).exclude(document_files__isnull=False)


class DocumentAdminForm(forms.ModelForm):
    can_publish = False  # set for each request by the admin

    attachment = forms.ModelChoiceField(
        label=_("Tạo từ tài liệu đính kèm cuộc họp"),
        queryset=Attachment.objects.none(),
        required=False,
        help_text=_("Tệp của tài liệu được chép sang văn bản khi lưu; không cần tải lên lại."),
    )

    class Meta:
        model = Document
        fields = [
            "doc_type",
            "number",
            "issuer",
            "title",
            "slug",
            "signer",
            "signer_title",
            "issued_on",
            "effective_from",
            "effective_until",
            "sector",
            "issued_at_meeting",
            "reviewed_at",
            "directives",
            "scope",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attachment" in self.fields:
            self.fields["attachment"].queryset = eligible_attachments().select_related("meeting")

    def clean(self):
        cleaned = super().clean()
        # Compared with the database, not the instance: a revert's instance is an old version.
        stored = Document.objects.filter(pk=self.instance.pk).values_list("is_published", flat=True)
        was_published = bool(self.instance.pk and stored.first())
        wanted = cleaned.get("is_published", self.instance.is_published)
        if wanted != was_published and not self.can_publish:
            raise forms.ValidationError(
                _("Bạn chưa có quyền công bố hoặc thôi công bố văn bản; Lãnh đạo sẽ công bố.")
            )
        return cleaned


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    form = DocumentAdminForm
    inlines = [DocumentFileInline, DocumentRelationInline]
    list_display = [
        "number",
        "short_title",
        "doc_type",
        "issuer",
        "issued_on",
        "validity_shown",
        "scope",
        "is_published",
        "file_text",
    ]
    list_filter = ["is_published", "scope", "doc_type", "issuer", "sector"]
    search_fields = ["number", "title", "signer"]
    date_hierarchy = "issued_on"
    filter_horizontal = ["reviewed_at", "directives"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["attachment", "doc_type", "number", "issuer", "title", "slug"]}),
        (_("Người ký"), {"fields": [("signer", "signer_title")]}),
        (
            _("Ngày và hiệu lực"),
            {"fields": [("issued_on", "effective_from", "effective_until"), "sector"]},
        ),
        (_("Cuộc họp và kết luận"), {"fields": ["issued_at_meeting", "reviewed_at", "directives"]}),
        (_("Công bố"), {"fields": ["scope", "is_published", "published_at"]}),
        (_("Lịch sử"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        scanned = DocumentFile.objects.filter(document=OuterRef("pk"), has_text=False)
        return (
            super()
            .get_queryset(request)
            .select_related("doc_type", "issuer")
            .with_validity()
            .annotate(
                has_files=Exists(DocumentFile.objects.filter(document=OuterRef("pk"))),
                has_scanned=Exists(scanned),
            )
        )

    @admin.display(description=_("trích yếu"))
    def short_title(self, obj):
        return obj.title[:90]

    @admin.display(description=_("hiệu lực"), ordering="validity")
    def validity_shown(self, obj):
        return obj.validity_label

    @admin.display(description=_("chữ trong tệp"))
    def file_text(self, obj):
        if not obj.has_files:
            return _("Chưa có tệp")
        if obj.has_scanned:
            return _("Có bản quét không có chữ")
        return _("Tìm được")

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm("documents.publish_document")

    def has_change_permission(self, request, obj=None):
        # A published document is public: changing it is publishing again.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting a published document unpublishes it.
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("is_published")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # Only a new document is made from an attachment.
        first = {**fieldsets[0][1], "fields": fieldsets[0][1]["fields"][1:]}
        return [(None, first), *fieldsets[1:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        attachment = (
            eligible_attachments()
            .select_related("meeting")
            .filter(pk=request.GET.get(FROM_ATTACHMENT) or None)
        )
        attachment = attachment.first()
        if attachment:
            meeting = attachment.meeting
            initial.update(
                attachment=attachment.pk,
                title=attachment.title,
                doc_type=DocumentType.objects.filter(slug=CONVERTIBLE[attachment.kind]).first(),
                issuer=Issuer.objects.filter(slug="ban-chi-dao-xa").first(),
                issued_on=timezone.localdate(meeting.start),
                issued_at_meeting=meeting.pk,
            )
        return initial

    def render_change_form(self, request, context, *args, **kwargs):
        # Reached with a POST only when the form had errors: browsers never refill a file.
        if request.method == "POST" and request.FILES:
            names = ", ".join(f"“{upload.name}”" for upload in request.FILES.values())
            self.message_user(request, FILES_LOST % {"files": names}, messages.WARNING)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        attachment = form.cleaned_data.get("attachment")
        if attachment:
            copy_attachment(form.instance, attachment)

    def _set_published(self, queryset, published):
        # One save per row (not a bulk update) so that each change enters the history.
        documents = list(queryset.exclude(is_published=published))
        if published:
            documents = [d for d in documents if d.scope == Document.Scope.PUBLIC]
        for document in documents:
            document.is_published = published
            document.save()
        return len(documents)

    @admin.action(description=_("Công bố các văn bản đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_published(queryset, True)
        self.message_user(
            request,
            _("Đã công bố %(n)d văn bản (văn bản nội bộ và văn bản mật không bao giờ công bố).")
            % {"n": count},
        )

    @admin.action(description=_("Thôi công bố các văn bản đã chọn"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._set_published(queryset, False)
        self.message_user(request, _("Đã thôi công bố %(n)d văn bản.") % {"n": count})


def copy_attachment(document, attachment):
    """The attachment's file becomes the document's file, once, with its text read."""
    with attachment.file.open("rb") as handle:
        content = ContentFile(handle.read(), name=attachment.file.name.rsplit("/", 1)[-1])
    document_file = DocumentFile(
        document=document, title=attachment.title, file=content, source_attachment=attachment
    )
    document_file.full_clean(exclude=["document"])
    document_file.save()


@admin.action(
    description=_("Tạo văn bản từ tài liệu “Nghị quyết, kết luận” hoặc “Kế hoạch”"),
    permissions=["add_document"],
)
def documents_from_attachments(modeladmin, request, queryset):
    """List the selected meetings' attachments that can become documents, each with its link."""
    attachments = eligible_attachments().filter(meeting__in=queryset).select_related("meeting")
    add_url = reverse("admin:documents_document_add")
    links = [(a, f"{add_url}?{urlencode({FROM_ATTACHMENT: a.pk})}") for a in attachments]
    if not links:
        modeladmin.message_user(
            request,
            _(
                "Các cuộc họp đã chọn không có tài liệu “Nghị quyết, kết luận” hay “Kế hoạch” "
                "nào chưa thành văn bản."
            ),
            messages.WARNING,
        )
        return None
    if len(links) == 1:
        return redirect(links[0][1])
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Tạo văn bản từ tài liệu đính kèm"),
        "opts": modeladmin.model._meta,
        "links": links,
    }
    return TemplateResponse(request, "admin/documents/from_attachments.html", context)


# The action sits on the meetings' list but belongs to this app: meetings stays unaware of it.
_meeting_admin = admin.site._registry[Meeting]
_meeting_admin.actions = [*_meeting_admin.actions, documents_from_attachments]
_meeting_admin.has_add_document_permission = lambda request, obj=None: request.user.has_perm(
    "documents.add_document"
)

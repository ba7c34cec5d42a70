from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from portal.held_files import HeldFilesMixin
from portal.history import HistoryAdmin
from portal.widgets import RichTextWidget

from . import images
from .models import Article, Attachment, Category, Tag
from .views import article_context

SIGNATURE_TWICE = _(
    "Nội dung bài đã kết thúc bằng dòng ký tên “%(signature)s”, nên cổng chỉ in dòng này một "
    "lần. Nếu muốn, hãy xóa dòng ký tên ở cuối nội dung."
)


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ["title", "file", "original_name", "order"]
    readonly_fields = ["original_name"]


# Only a reviewer publishes an article or returns it to its writer.
DECISIONS = {Article.Status.PUBLISHED, Article.Status.RETURNED}
NOT_A_REVIEWER = _("Bạn chưa có quyền duyệt bài: hãy chọn “Chờ duyệt” để gửi bài cho người duyệt.")


class ArticleAdminForm(forms.ModelForm):
    can_publish = False

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "cover",
            "cover_alt",
            "cover_caption",
            "category",
            "tags",
            "meeting",
            "author",
            "signature",
            "source",
            "status",
            "return_reason",
            "publish_at",
            "expires_at",
        ]
        error_messages = {"cover": {"invalid_image": images.INVALID_IMAGE}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("status")
        if field is not None and not self.can_publish:  # offer only what this user may choose
            stored = self.stored_status()
            field.choices = [
                (value, label)
                for value, label in field.choices
                if value == stored or value not in DECISIONS
            ]
            field.error_messages["invalid_choice"] = NOT_A_REVIEWER
            if self.initial.get("status") in DECISIONS and self.initial["status"] != stored:
                # Reverting to a published version: its other fields, not its publication.
                self.initial["status"] = stored

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status in DECISIONS and status != self.stored_status() and not self.can_publish:
            raise ValidationError(NOT_A_REVIEWER)
        return status

    def stored_status(self):
        """The status in the database, not the instance's: a revert's instance is an old
        version, whose status would otherwise pass for unchanged."""
        if self.instance.pk is None:
            return None
        return Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()


@admin.register(Article)
class ArticleAdmin(HeldFilesMixin, HistoryAdmin):
    form = ArticleAdminForm
    inlines = [AttachmentInline]
    list_display = ["title", "status", "category", "publish_at", "view_count"]
    list_filter = ["status", "category", "publish_at"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "author"]
    autocomplete_fields = ["tags"]
    date_hierarchy = "publish_at"
    formfield_overrides = {ProseEditorField: {"widget": RichTextWidget}}

    class Media:
        css = {"all": ["css/admin-forms.css"]}

    readonly_fields = [
        "view_count",
        "first_published_at",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Ảnh bìa"), {"fields": ["cover", "cover_alt", "cover_caption"]}),
        (_("Phân loại"), {"fields": ["category", "tags", "meeting"]}),
        (_("Tác giả và nguồn"), {"fields": ["author", "signature", "source"]}),
        (
            _("Duyệt và đăng"),
            {"fields": ["status", "return_reason", "publish_at", "expires_at"]},
        ),
        (
            _("Lịch sử"),
            {
                "classes": ["collapse"],
                "fields": [
                    "view_count",
                    "first_published_at",
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                ],
            },
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # A published article is public text: changing it is publishing again.
        published = obj is not None and obj.status == Article.Status.PUBLISHED
        if published and not request.user.has_perm("news.publish_article"):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.first_published_at:
            fields.append("slug")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = request.user.has_perm("news.publish_article")
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if obj.signature_in_body:
            self.message_user(
                request, SIGNATURE_TWICE % {"signature": obj.signature}, messages.WARNING
            )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:object_id>/xem-truoc/", preview, name="news_article_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The article exactly as the public page will show it, drafts included."""
        article = get_object_or_404(
            Article.objects.select_related("category", "meeting"), pk=object_id
        )
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = article_context(article) | {"preview": True, "opts": self.opts}
        return TemplateResponse(request, "news/article_detail.html", context)

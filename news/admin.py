from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from portal.history import HistoryAdmin
from portal.widgets import RichTextWidget

from . import images
from .models import Article, Attachment, Category, Tag
from .views import article_context

FILES_LOST = _(
    "Bài chưa được lưu vì còn lỗi (xem các dòng báo lỗi màu đỏ). Mọi chữ bạn đã gõ vẫn còn nguyên, "
    "nhưng trình duyệt không giữ lại tệp đã chọn: hãy chọn lại %(files)s rồi bấm Lưu."
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

    def clean_status(self):
        status = self.cleaned_data["status"]
        decisions = {Article.Status.PUBLISHED, Article.Status.RETURNED}
        if status in decisions and status != self.stored_status() and not self.can_publish:
            raise ValidationError(
                _("Bạn chưa có quyền duyệt bài: hãy chọn “Chờ duyệt” để gửi bài cho người duyệt.")
            )
        return status

    def stored_status(self):
        """The status in the database, not the instance's: a revert's instance is an old
        version, whose status would otherwise pass for unchanged."""
        if self.instance.pk is None:
            return None
        return Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = ArticleAdminForm
    inlines = [AttachmentInline]
    list_display = ["title", "status", "category", "publish_at", "view_count"]
    list_filter = ["status", "category", "publish_at"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "author"]
    date_hierarchy = "publish_at"
    formfield_overrides = {ProseEditorField: {"widget": RichTextWidget}}
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

    def render_change_form(self, request, context, *args, **kwargs):
        # Reached with a POST only when the form had errors: say which files must be chosen again.
        if request.method == "POST" and request.FILES:
            names = ", ".join(f"“{upload.name}”" for upload in request.FILES.values())
            self.message_user(request, FILES_LOST % {"files": names}, messages.WARNING)
        return super().render_change_form(request, context, *args, **kwargs)

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

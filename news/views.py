from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from portal import counting
from portal.kept_pages import EVERYTHING, hole, made_ahead
from portal.pagination import IndexedPaginationMixin

from .models import Article, Category, Tag


def article_context(article):
    """What the article page shows; shared with the admin's preview of a draft."""
    return {
        "article": article,
        "tags": list(article.tags.all()),
        "attachments": list(article.attachments.all()),
        "newer": article.newer(),
        "older": article.older(),
    }


class ArticleListMixin(IndexedPaginationMixin):
    paginate_by = 20
    template_name = "news/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.for_commune(self.request.commune).published().for_list()

    def page_index_name(self):
        return "news:list"

    def list_changes_at(self, now):
        return Article.objects.for_commune(self.request.commune).next_change(now)

    def paginate_queryset(self, queryset, page_size):
        # Only plain page numbers: Django would also accept "last".
        if not self.request.GET.get(self.page_kwarg, "1").isdigit():
            raise Http404("Số trang không hợp lệ")
        return super().paginate_queryset(queryset, page_size)


class ArticleListView(ArticleListMixin, ListView):
    pass


class ArticlesOfView(ArticleListMixin, ListView):
    """The articles of one category or tag, named by the URL's slug."""

    owner_model = None
    lookup = None

    def get_queryset(self):
        owners = self.owner_model.objects.for_commune(self.request.commune)
        self.owner = get_object_or_404(owners, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.lookup: self.owner})

    def page_index_name(self):
        return f"news:{self.lookup}:{self.owner.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{self.owner_model._meta.model_name: self.owner}, **kwargs)


class CategoryView(ArticlesOfView):
    owner_model = Category
    lookup = "category"


class TagView(ArticlesOfView):
    owner_model = Tag
    lookup = "tags"


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"

    def get_queryset(self):
        articles = Article.objects.for_commune(self.request.commune).published()
        return articles.select_related("category", "meeting")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        # The middleware counts this view once the page is answered; show it already.
        article.view_count = hole(
            self.request, "views", article.view_count + counting.pending(self.request, "view")
        )
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | article_context(self.object)


def count_view(commune, slug):
    """One more view of a public article, counted by the database (no lost updates)."""
    articles = Article.objects.for_commune(commune).published().filter(slug=slug)
    return articles.update(view_count=F("view_count") + 1)


def next_change(since, commune):
    return Article.objects.for_commune(commune).next_change(since)


def views_now(request, slug):
    """The article's views as a kept page shows them: read fresh, this visit included."""
    articles = Article.objects.for_commune(request.commune).filter(slug=slug)
    count = articles.values_list("view_count", flat=True).first()
    return (count or 0) + counting.pending(request, "view")


article_detail = counting.counts_views(count_view)(
    made_ahead(*EVERYTHING, changes_at=next_change, holes={"views": views_now})(
        ArticleDetailView.as_view()
    )
)

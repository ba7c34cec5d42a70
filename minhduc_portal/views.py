"""The site's own pages: home, search, site map, privacy, robots.txt and health."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from news.models import Category
from portal import outage
from portal import search as search_index
from portal.fragments import kept_value
from portal.search import search as search_entries
from portal.search import suggest
from portal.site_url import absolute
from portal.text import terms

from .forms import MAX_QUERY, SearchForm
from .pages import home_context, site_map_sections
from .privacy import privacy_facts


@require_safe
def home(request):
    return render(request, "portal/home.html", home_context(request.commune))


@require_safe
def robots(request):
    sitemap_url = absolute(reverse("sitemap"), request)
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def site_map(request):
    """The HTML site map (sơ đồ cổng): every section and what it holds."""
    return render(request, "portal/site_map.html", {"sections": site_map_sections(request.commune)})


@require_safe
def privacy(request):
    """What the portal records about visitors and staff, and for how long."""
    return render(request, "portal/privacy.html", privacy_facts())


@require_safe
def favicon(request):
    # Resolved per request: the hashed name exists only once static files are collected.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
@require_safe
def healthz(request):
    """Each dependency's state. 503 only without the database: without the cache the pages
    are still served (uncached), so a load balancer must keep sending traffic here."""
    database = outage.database_answers(probe=True)
    cache = outage.cache_works()
    states = {True: "hoạt động", False: "không kết nối được"}
    lines = [
        "Cổng thông tin: " + ("hoạt động" if database else "tạm ngừng phục vụ"),
        "Cơ sở dữ liệu: " + states[database],
        "Bộ nhớ đệm: " + states[cache],
    ]
    response = HttpResponse(
        "\n".join(lines) + "\n",
        status=200 if database else 503,
        content_type="text/plain; charset=utf-8",
    )
    response._has_been_logged = True  # an outage is logged once, not at every probe
    return response


@never_cache
def bench_floor(request):
    """The benchmark's floor: the whole middleware stack, no database, no template."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def search(request):
    """Results for ?q= with optional filters; bad input answers 400 with the form's message."""
    categories = kept_value("search-categories", lambda: _categories(request.commune), request)
    form = SearchForm(request.GET or None, commune=request.commune, categories=categories)
    context = {"form": form, "search_query": request.GET.get("q", "")[:MAX_QUERY]}
    if not form.is_bound:
        return render(request, "portal/search.html", context)
    if not form.is_valid():
        return render(request, "portal/search.html", context, status=400)
    data = form.cleaned_data
    results = search_entries(
        request.commune,
        data["q"],
        data["loai"],
        data["chuyen_muc"],
        data["tu_ngay"],
        data["den_ngay"],
    )
    page = paginate(request, results, per_page=20)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context.update(
        page_obj=page,
        searched=bool(terms(data["q"])),
        capped=page.paginator.count >= search_index.CANDIDATES,
        terms=terms(data["q"]),
        query_string=query_string.urlencode(),
    )
    if context["searched"] and not page.paginator.count:
        context["suggestion"] = suggest(request.commune, data["q"])
    return render(request, "portal/search.html", context)


def _categories(commune):
    return list(Category.objects.for_commune(commune).values_list("slug", "name"))


def paginate(request, items, per_page):
    """The requested page; a page number that is not a page of the list is a 404."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page", 1))
    except InvalidPage as exc:
        raise Http404(str(exc)) from exc

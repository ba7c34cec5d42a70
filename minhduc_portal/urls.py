from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from documents.sitemaps import sitemaps as document_sitemaps
from indicators.sitemaps import sitemaps as indicator_sitemaps
from meetings.sitemaps import sitemaps as meeting_sitemaps
from news.sitemaps import sitemaps as news_sitemaps
from portal import errors, outage
from portal.kept_pages import EVERYTHING, made_ahead

from . import views
from .pages import next_change
from .sitemaps import SitePagesSitemap, on_site_url, sitemap_index
from .sitemaps import kept as kept_sitemap

sitemaps = {
    name: on_site_url(sitemap)
    for name, sitemap in {
        "site": SitePagesSitemap,
        **news_sitemaps,
        **meeting_sitemaps,
        **indicator_sitemaps,
        **document_sitemaps,
    }.items()
}

# The site's own pages keep the "portal" namespace: {% url 'portal:home' %}.
kept = made_ahead(*EVERYTHING, changes_at=next_change)
kept_search = made_ahead(*EVERYTHING, changes_at=next_change, when_asked_again=True)

site_patterns = (
    [
        path("", kept(views.home), name="home"),
        path("healthz", views.healthz, name="healthz"),
        path("tim-kiem/", kept_search(views.search), name="search"),
        path("so-do-cong/", kept(views.site_map), name="site-map"),
        path("chinh-sach-rieng-tu/", made_ahead()(views.privacy), name="privacy"),
        path("robots.txt", views.robots, name="robots"),
        # Browsers ask for it on pages that name no icon, such as the admin's.
        path("favicon.ico", views.favicon),
    ],
    "portal",
)

urlpatterns = [
    path("", include(site_patterns)),
    path("tin-tuc/", include("news.urls")),
    path("", include("meetings.urls")),
    path("chi-so/", include("indicators.urls")),
    path("van-ban/", include("documents.urls")),
    path("quan-tri/", admin.site.urls),
    # An index of section sitemaps, each cut into pages within the protocol's limits.
    path(
        "sitemap.xml",
        kept_sitemap(sitemap_index),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        kept_sitemap(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    # Uploaded files (the private ones, and /media/ when Django serves it) and the 413 page.
    path("", include("portal.urls")),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench-floor/", views.bench_floor))

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
# A lost database is a 503 with Retry-After; anything else is templates/500.html.
handler500 = outage.server_error

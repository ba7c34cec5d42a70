from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from indicators.sitemaps import sitemaps as indicator_sitemaps
from meetings.sitemaps import sitemaps as meeting_sitemaps
from news.sitemaps import sitemaps as news_sitemaps
from portal import errors

from . import views
from .sitemaps import SitePagesSitemap, kept, on_site_url, sitemap_index

sitemaps = {
    name: on_site_url(sitemap)
    for name, sitemap in {
        "site": SitePagesSitemap,
        **news_sitemaps,
        **meeting_sitemaps,
        **indicator_sitemaps,
    }.items()
}

# The site's own pages keep the "portal" namespace: {% url 'portal:home' %}.
site_patterns = (
    [
        path("", views.home, name="home"),
        path("healthz", views.healthz, name="healthz"),
        path("tim-kiem/", views.search, name="search"),
        path("so-do-cong/", views.site_map, name="site-map"),
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
    path("quan-tri/", admin.site.urls),
    # An index of section sitemaps, each cut into pages within the protocol's limits.
    path(
        "sitemap.xml",
        kept(sitemap_index),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        kept(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench-floor/", views.bench_floor))

if settings.SERVE_MEDIA:
    # Local runs serve uploads from Django; production puts them behind the web server.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found

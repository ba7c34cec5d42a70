from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import errors

urlpatterns = [
    path("", include("portal.urls")),
    path("tin-tuc/", include("news.urls")),
    path("", include("meetings.urls")),
    path("chi-so/", include("indicators.urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Local runs serve uploads from Django; production puts them behind the web server.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found

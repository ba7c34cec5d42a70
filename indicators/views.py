from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from portal.site_url import base_url

from . import charts, exports, figures
from .models import MAX_YEAR, MIN_YEAR, Indicator


def sees_unpublished(request):
    """Staff see unpublished figures. Without a session cookie the visitor is anonymous,
    so the session and user are never loaded for the public (their pages stay cacheable)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("indicators.view_value")


def _private(response, request):
    if sees_unpublished(request):
        add_never_cache_headers(response)
    return response


def _report(request, year, include_unpublished=None):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Năm không hợp lệ.")
    if include_unpublished is None:
        include_unpublished = sees_unpublished(request)
    report = figures.year_report(request.commune, year, include_unpublished)
    if not any(f.has_value or f.not_computable for f in report.figures):
        raise Http404("Chưa có số liệu cho năm này.")
    return report


def _render_year(request, report, is_latest=False):
    context = {
        "report": report,
        "is_latest": is_latest,
        "chart": charts.percent_bars(report.figures),
        "show_unpublished": sees_unpublished(request),
    }
    return _private(render(request, "indicators/dashboard.html", context), request)


@require_safe
def dashboard(request):
    """The latest year with figures the reader may see."""
    year = figures.latest_year(request.commune, sees_unpublished(request))
    if year is None:
        return render(request, "indicators/empty.html")
    return _render_year(request, _report(request, year), is_latest=True)


@require_safe
def year_dashboard(request, year):
    return _render_year(request, _report(request, year))


@require_safe
def detail(request, code):
    indicator = get_object_or_404(Indicator.objects.catalogue(), code=code)
    history, targets = figures.history(request.commune, indicator, sees_unpublished(request))
    context = {
        "indicator": indicator,
        "history": history,
        "targets": targets,
        "chart": charts.yearly_bars(indicator, history, targets),
        "meetings": figures.reviewing_meetings(
            request.commune, indicator, [f.year for f in history]
        ),
    }
    return _private(render(request, "indicators/detail.html", context), request)


# Exports hold published figures only: a file, once downloaded, travels beyond staff.
@require_safe
def export_csv(request, year):
    return exports.csv_response(_report(request, year, include_unpublished=False))


@require_safe
def export_xlsx(request, year):
    return exports.xlsx_response(_report(request, year, include_unpublished=False))


@require_safe
def export_json(request, year):
    report = _report(request, year, include_unpublished=False)
    return exports.json_response(report, base_url(request))

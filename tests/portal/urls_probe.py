"""The portal's URLs plus views that answer or fail in each way the log and header tests need."""

from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.http import Http404, HttpResponse
from django.urls import path

from minhduc_portal.urls import handler400, handler403, handler404  # noqa: F401
from minhduc_portal.urls import urlpatterns as portal_urlpatterns


def refused(request):
    raise PermissionDenied


def missing(request):
    raise Http404


def suspicious(request):
    raise SuspiciousFileOperation("Đường dẫn tệp lạ: ../../etc\nDòng giả mạo")


def broken(request):
    raise RuntimeError("Lỗi thật trong mã")


def sandboxed(request):
    response = HttpResponse("tệp")
    response["Content-Security-Policy"] = "sandbox"
    return response


urlpatterns = [
    path("kiem-thu/tu-choi/", refused),
    path("kiem-thu/khong-co/", missing),
    path("kiem-thu/dang-ngo/", suspicious),
    path("kiem-thu/loi/", broken),
    path("kiem-thu/hop-cat/", sandboxed),
    *portal_urlpatterns,
]

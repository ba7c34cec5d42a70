"""Error pages in Vietnamese, rendered in the site's layout (which fails soft without a database).

The 500 page is Django's default handler with templates/500.html, which needs no context.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

from . import counting

ERRORS = {
    400: (
        "Yêu cầu không hợp lệ",
        "Địa chỉ hoặc dữ liệu gửi lên không đúng. Vui lòng kiểm tra lại rồi thử lại.",
    ),
    403: ("Không có quyền truy cập", "Bạn không có quyền xem hoặc thực hiện thao tác này."),
    404: (
        "Không tìm thấy trang",
        "Trang bạn tìm không có hoặc đã được chuyển đi. "
        "Hãy kiểm tra lại địa chỉ, hoặc tìm nội dung bằng ô tìm kiếm.",
    ),
    413: (
        "Tệp gửi lên quá lớn",
        "Mỗi lần lưu chỉ gửi được tối đa %(limit)s MB. Hãy gửi ít tệp hơn trong một lần lưu, "
        "hoặc thu nhỏ tệp rồi thử lại.",
    ),
    "csrf": (
        "Biểu mẫu đã hết hạn",
        "Yêu cầu chưa được thực hiện vì biểu mẫu đã quá hạn hoặc trình duyệt đang chặn cookie. "
        "Vui lòng tải lại trang rồi gửi lại; nếu vẫn lỗi, hãy cho phép cookie với trang này.",
    ),
}


def _render(request, key, status):
    counting.not_a_page(request)
    title, text = ERRORS[key]
    error = {"code": status, "title": title, "text": text}
    return render(request, "errors/error.html", {"error": error}, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # found while the body was being read
        return request_too_large(request)
    return _render(request, 400, 400)


def permission_denied(request, exception=None):
    return _render(request, 403, 403)


def page_not_found(request, exception=None):
    return _render(request, 404, 404)


def csrf_failure(request, reason=""):
    return _render(request, "csrf", 403)


def request_too_large(request):
    """The 413 page, naming the limit (portal.request_limit, and nginx's error_page)."""
    title, text = ERRORS[413]
    limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    error = {"code": 413, "title": title, "text": text % {"limit": limit}}
    return render(request, "errors/error.html", {"error": error}, status=413)

"""The indicator catalogue every install needs, created idempotently after each migrate.

Keyed by code: a missing group or indicator is created; one an official has edited is left
as it is. Targets are not starting data: only real ones, entered with their source.
"""

from django.apps import apps as global_apps

GROUPS = [
    ("chinh-quyen-so", "Chính quyền số", 1),
    ("xa-hoi-so", "Xã hội số", 2),
    ("ha-tang-so", "Hạ tầng số", 3),
]

ONLINE_RATE_DEFINITION = (
    "Số hồ sơ thủ tục hành chính nộp trực tuyến chia cho tổng số hồ sơ tiếp nhận trong năm, "
    "nhân 100, theo cách tính tỷ lệ hồ sơ trực tuyến của Bộ chỉ số chỉ đạo, điều hành và đánh "
    "giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg). Đây là tỷ lệ "
    "hồ sơ, không phải tỷ lệ người dân sử dụng dịch vụ công trực tuyến."
)

# code, group, name, short name, unit, count noun, decimals, definition
INDICATORS = [
    (
        "can-bo-dung-van-ban-dien-tu",
        "chinh-quyen-so",
        "Tỷ lệ cán bộ, công chức xã sử dụng hệ thống quản lý văn bản và điều hành điện tử",
        "Cán bộ dùng văn bản điện tử",
        "percent",
        "",
        2,
        "Số cán bộ, công chức xã sử dụng hệ thống quản lý văn bản và điều hành điện tử "
        "trên tổng số cán bộ, công chức xã.",
    ),
    (
        "ho-so-so-hoa-khi-tiep-nhan",
        "chinh-quyen-so",
        "Tỷ lệ hồ sơ thủ tục hành chính được số hóa ngay khi tiếp nhận",
        "Số hóa khi tiếp nhận",
        "percent",
        "",
        2,
        "Số hồ sơ được số hóa ngay khi tiếp nhận trên tổng số hồ sơ tiếp nhận trong năm.",
    ),
    (
        "ho-so-tiep-nhan",
        "chinh-quyen-so",
        "Tổng số hồ sơ thủ tục hành chính tiếp nhận trong năm",
        "Hồ sơ tiếp nhận",
        "count",
        "hồ sơ",
        0,
        "Mọi hồ sơ thủ tục hành chính xã tiếp nhận trong năm, trực tiếp và trực tuyến.",
    ),
    (
        "ho-so-truc-tuyen",
        "chinh-quyen-so",
        "Số hồ sơ thủ tục hành chính nộp trực tuyến",
        "Hồ sơ trực tuyến",
        "count",
        "hồ sơ",
        0,
        "Phần hồ sơ tiếp nhận trong năm được nộp qua dịch vụ công trực tuyến.",
    ),
    (
        "ty-le-ho-so-truc-tuyen",
        "chinh-quyen-so",
        "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến",
        "Tỷ lệ hồ sơ trực tuyến",
        "percent",
        "",
        2,
        ONLINE_RATE_DEFINITION,
    ),
    (
        "ho-so-dung-han",
        "chinh-quyen-so",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "Giải quyết đúng hạn",
        "percent",
        "",
        2,
        "Số hồ sơ giải quyết đúng hoặc trước hạn trên tổng số hồ sơ đã giải quyết trong năm.",
    ),
    (
        "dan-co-tai-khoan-vneid",
        "xa-hoi-so",
        "Tỷ lệ người dân có tài khoản định danh điện tử VNeID",
        "Người dân có VNeID",
        "percent",
        "",
        2,
        "Số người dân của xã có tài khoản định danh điện tử VNeID trên tổng số người dân.",
    ),
    (
        "to-cong-nghe-so-cong-dong",
        "xa-hoi-so",
        "Số Tổ công nghệ số cộng đồng tại các ấp, sóc",
        "Tổ công nghệ số cộng đồng",
        "count",
        "tổ",
        0,
        "Số Tổ công nghệ số cộng đồng được kiện toàn và đang hoạt động tại các ấp, sóc.",
    ),
    (
        "can-bo-co-may-tinh",
        "ha-tang-so",
        "Tỷ lệ cán bộ, công chức có máy tính riêng (01 máy tính/01 người)",
        "Máy tính cho cán bộ",
        "percent",
        "",
        2,
        "Số cán bộ, công chức xã có máy tính riêng để làm việc trên tổng số cán bộ, công chức.",
    ),
]

# The rate computed from two counts (never typed in): code -> (numerator, denominator).
RATES = {"ty-le-ho-so-truc-tuyen": ("ho-so-truc-tuyen", "ho-so-tiep-nhan")}


def create_catalogue(using="default", apps=global_apps, **kwargs):
    # flush (used by transactional tests) sends post_migrate without apps.
    Group = apps.get_model("indicators", "IndicatorGroup")
    Indicator = apps.get_model("indicators", "Indicator")
    groups = {}
    for code, name, order in GROUPS:
        groups[code], _ = Group.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    existing = {i.code: i for i in Indicator.objects.using(using).all()}
    for order, row in enumerate(INDICATORS, start=1):
        code, group, name, short_name, unit, noun, decimals, definition = row
        if code in existing:
            continue
        defaults = {
            "group": groups[group],
            "name": name,
            "short_name": short_name,
            "unit": unit,
            "count_noun": noun,
            "decimals": decimals,
            "definition": definition,
            "order": order * 10,
        }
        if code in RATES:
            top, bottom = RATES[code]
            defaults.update(
                computation="rate", numerator=existing[top], denominator=existing[bottom]
            )
        existing[code] = Indicator.objects.using(using).create(code=code, **defaults)

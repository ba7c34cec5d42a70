"""Demo data from the seed article, added by `manage.py load_demo` (safe to run twice).

Only what the seed says: three named leaders and their titles, the agenda, two difficulties and
the chair's directions. No place, no exact hour (the seed says "chiều"), no other members, and
the directives have no responsible unit or deadline until an official fills them in.
"""

import datetime
import zoneinfo

from .models import (
    AgendaItem,
    Attendance,
    Committee,
    Directive,
    Issue,
    Meeting,
    Membership,
    Person,
    Role,
    Unit,
)

# The 15/01/2026 meeting; news and indicators demo data link to it by this slug.
SEED_MEETING_SLUG = "hop-ban-chi-dao-danh-gia-nam-2025"
COMMITTEE_SLUG = "ban-chi-dao-khcn-dmst-cds"
LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

COMMITTEE_NAME = (
    "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số xã Minh Đức"
)
# (name, role in the committee, title exactly as DESIGN.md gives it), in the seed's order,
# which is the protocol order pages follow.
LEADERS = [
    ("Trần Văn Phương", Role.HEAD, "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo"),
    ("Lưu Quốc Nhật", Role.DEPUTY, "Phó Bí thư Thường trực Đảng ủy, Phó Trưởng Ban Chỉ đạo"),
    (
        "Huỳnh Văn Minh",
        Role.STANDING_DEPUTY,
        "Phó Bí thư Đảng ủy, Chủ tịch UBND xã, Phó Trưởng Ban Chỉ đạo thường trực",
    ),
]
# Bodies the seed names; offered in the admin, assigned to nothing.
UNITS = [
    "Đảng ủy xã Minh Đức",
    "Ủy ban nhân dân xã Minh Đức",
    "Trung tâm Dịch vụ tổng hợp xã Minh Đức",
]
AGENDA = [
    (
        "Báo cáo kết quả triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị năm 2025",
        "Ban Chỉ đạo nghe báo cáo việc thực hiện Nghị quyết 57-NQ/TW về phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn xã trong năm 2025.",
    ),
    (
        "Kết quả chuyển đổi số của xã năm 2025",
        "100% cán bộ, công chức xã dùng hệ thống quản lý văn bản và điều hành điện tử; 100% hồ "
        "sơ thủ tục hành chính được số hóa khi tiếp nhận; 2.945 hồ sơ tiếp nhận, 1.688 hồ sơ nộp "
        "trực tuyến, trên 98% giải quyết đúng hạn; 91,24% người dân có tài khoản định danh điện tử "
        "VNeID; 19 Tổ công nghệ số cộng đồng hoạt động ở các ấp, sóc; xã mở nhiều lớp tập huấn, "
        "hướng dẫn người dân dùng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt; tỷ lệ "
        "01 máy tính/01 cán bộ, công chức đạt 100%.",
    ),
]
ISSUES = [
    "Hạ tầng công nghệ thông tin ở một số bộ phận chưa đồng bộ.",
    "Một bộ phận người dân còn hạn chế về kỹ năng số.",
]
DIRECTIVES = [
    "Tiếp tục phát huy các kết quả chuyển đổi số đã đạt được trong năm 2025.",
    "Tập trung khắc phục những tồn tại, hạn chế đã được chỉ ra tại cuộc họp.",
    "Đẩy mạnh tuyên truyền, nâng cao nhận thức về khoa học, công nghệ, đổi mới sáng tạo và "
    "chuyển đổi số, góp phần nâng cao hiệu lực, hiệu quả quản lý nhà nước và phục vụ Nhân dân.",
]


def load(command):
    """Create or update this app's part of the seed's world."""
    committee, _ = Committee.objects.update_or_create(
        slug=COMMITTEE_SLUG, defaults={"name": COMMITTEE_NAME}
    )
    for name in UNITS:
        Unit.objects.get_or_create(name=name)
    people = []
    for order, (name, role, title) in enumerate(LEADERS, start=1):
        person, _ = Person.objects.get_or_create(full_name=name)
        Membership.objects.update_or_create(
            committee=committee,
            person=person,
            defaults={"role": role, "title": title, "order": order},
        )
        people.append((person, role, title))
    meeting, _ = Meeting.objects.update_or_create(
        slug=SEED_MEETING_SLUG,
        defaults={
            "committee": committee,
            "title": "Họp đánh giá kết quả năm 2025 và triển khai nhiệm vụ năm 2026",
            # The seed says only "chiều" (afternoon), never the hour.
            "start": datetime.datetime(2026, 1, 15, 14, 0, tzinfo=LOCAL),
            "time_of_day": Meeting.TimeOfDay.AFTERNOON,
            "chair": people[0][0],
            "kind": Meeting.Kind.REGULAR,
            "status": Meeting.Status.HELD,
            "reviewed_year": 2025,
            "summary": (
                "Ban Chỉ đạo đánh giá tình hình hoạt động năm 2025 và bàn nhiệm vụ trọng tâm "
                "năm 2026. Các thành viên thảo luận, chỉ ra khó khăn, hạn chế và ghi nhận kết "
                "quả chuyển đổi số của xã trong năm 2025. Ngoài các đồng chí lãnh đạo nêu dưới "
                "đây, cuộc họp có các đồng chí thành viên Ban Chỉ đạo tham dự."
            ),
        },
    )
    for order, (person, role, title) in enumerate(people, start=1):
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "title": title,
                "committee_role": role,
                "meeting_role": (
                    Attendance.MeetingRole.CHAIR if order == 1 else Attendance.MeetingRole.MEMBER
                ),
                "order": order,
            },
        )
    for order, (title, content) in enumerate(AGENDA, start=1):
        AgendaItem.objects.update_or_create(
            meeting=meeting, order=order, defaults={"title": title, "content": content}
        )
    for order, text in enumerate(ISSUES, start=1):
        Issue.objects.update_or_create(meeting=meeting, order=order, defaults={"text": text})
    for order, text in enumerate(DIRECTIVES, start=1):
        Directive.objects.update_or_create(meeting=meeting, order=order, defaults={"text": text})
    command.stdout.write(f"Cuộc họp mẫu: {meeting.title} ({meeting.start:%d/%m/%Y})")

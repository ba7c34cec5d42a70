"""Demo data from the seed article, added by `manage.py load_demo` (safe to run twice)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Meeting

from .models import Article, Category, Tag

SEED_ARTICLE_SLUG = "ban-chi-dao-danh-gia-ket-qua-nam-2025-trien-khai-nhiem-vu-nam-2026"

TITLE = (
    "Ban Chỉ đạo KHCN, ĐMST và CĐS xã Minh Đức đánh giá kết quả năm 2025, "
    "triển khai nhiệm vụ năm 2026"
)
SUMMARY = (
    "Chiều 15/01/2026, Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và "
    "chuyển đổi số xã Minh Đức họp nhìn lại một năm thực hiện Nghị quyết 57-NQ/TW: xã tiếp nhận "
    "2.945 hồ sơ thủ tục hành chính, 91,24% người dân đã có tài khoản định danh điện tử VNeID."
)
BODY = """
<p>Dự cuộc họp có đồng chí Trần Văn Phương, Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo; đồng chí
Lưu Quốc Nhật, Phó Bí thư Thường trực Đảng ủy, Phó Trưởng Ban Chỉ đạo; đồng chí Huỳnh Văn Minh,
Phó Bí thư Đảng ủy, Chủ tịch UBND xã, Phó Trưởng Ban Chỉ đạo thường trực, cùng các thành viên
Ban Chỉ đạo.</p>
<h2>Một năm thực hiện Nghị quyết 57-NQ/TW</h2>
<p>Báo cáo trình bày tại cuộc họp cho thấy công tác chuyển đổi số của xã trong năm 2025 có nhiều
chuyển biến rõ nét:</p>
<ul>
<li><p>100% cán bộ, công chức xã xử lý công việc trên hệ thống quản lý văn bản và điều hành
điện tử.</p></li>
<li><p>100% hồ sơ thủ tục hành chính được số hóa ngay từ khi tiếp nhận.</p></li>
<li><p>Trong năm, xã tiếp nhận <strong>2.945 hồ sơ</strong>, trong đó <strong>1.688 hồ sơ</strong>
nộp trực tuyến; trên 98% hồ sơ được giải quyết đúng hạn.</p></li>
<li><p><strong>91,24%</strong> người dân đã có tài khoản định danh điện tử VNeID.</p></li>
<li><p><strong>19 Tổ công nghệ số cộng đồng</strong> ở các ấp, sóc được kiện toàn và duy trì
hoạt động hiệu quả.</p></li>
<li><p>Xã mở nhiều lớp tập huấn, hướng dẫn người dân dùng dịch vụ công trực tuyến và thanh toán
không dùng tiền mặt, giúp bà con nâng cao kỹ năng số.</p></li>
<li><p>Hạ tầng công nghệ thông tin tiếp tục được đầu tư: tỷ lệ 01 máy tính/01 cán bộ, công chức
đạt 100%; mạng nội bộ và đường truyền Internet được bảo đảm cho công tác quản lý, điều
hành.</p></li>
</ul>
<h2>Những hạn chế cần khắc phục</h2>
<p>Các thành viên Ban Chỉ đạo thảo luận sôi nổi, ghi nhận kết quả của năm 2025 và thẳng thắn
nêu hai điểm còn yếu: hạ tầng công nghệ thông tin ở một số bộ phận chưa đồng bộ; kỹ năng số
của một bộ phận người dân còn hạn chế.</p>
<h2>Nhiệm vụ năm 2026</h2>
<p>Phát biểu chỉ đạo, đồng chí Trưởng Ban Chỉ đạo đề nghị các thành viên giữ vững và phát huy
kết quả đã đạt được, tập trung khắc phục tồn tại, hạn chế; đẩy mạnh tuyên truyền để nâng cao
nhận thức về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, qua đó nâng cao hiệu lực,
hiệu quả quản lý nhà nước và phục vụ Nhân dân ngày càng tốt hơn.</p>
"""
TAGS = ["Chuyển đổi số", "Nghị quyết 57-NQ/TW", "VNeID"]


def load(command):
    """Create or update this app's part of the seed's world."""
    category, _ = Category.objects.get_or_create(
        slug="hoat-dong-ban-chi-dao", defaults={"name": "Hoạt động Ban Chỉ đạo", "order": 10}
    )
    publish_at = datetime(2026, 1, 15, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    article, created = Article.objects.update_or_create(
        slug=SEED_ARTICLE_SLUG,
        defaults={
            "title": TITLE,
            "summary": SUMMARY,
            "body": " ".join(BODY.split()).replace("> <", "><"),
            "category": category,
            "author": "Lê Đức Hoàng",
            "signature": "Hải Bình - TTDV",
            "source": "Trung tâm Dịch vụ tổng hợp xã Minh Đức",
            "meeting": Meeting.objects.filter(slug=SEED_MEETING_SLUG).first(),
            "status": Article.Status.PUBLISHED,
            "publish_at": publish_at,
        },
    )
    article.tags.set(Tag.objects.get_or_create(name=name)[0] for name in TAGS)
    verb = "Đã thêm" if created else "Đã cập nhật"
    command.stdout.write(f"{verb} bài viết mẫu: {article.title}")

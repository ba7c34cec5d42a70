"""Demo data from the seed article, added by `manage.py load_demo` (safe to run twice).

Only the seed's 2025 figures: no earlier years are invented, and no targets, because
neither the seed nor the national texts set one with the same scope as these indicators
(Nghị quyết 57-NQ/TW's 2030 goal counts people using online public services, not the
share of dossiers filed online).
"""

from decimal import Decimal

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Meeting

from .formatting import written_places
from .models import Indicator, Qualifier, Value

YEAR = 2025
SOURCE = "Báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW năm 2025"
# Written as the report writes them: "91.24" keeps its two decimals, "98" none.
FIGURES = [
    ("can-bo-dung-van-ban-dien-tu", "100", Qualifier.EXACT),
    ("ho-so-so-hoa-khi-tiep-nhan", "100", Qualifier.EXACT),
    ("ho-so-tiep-nhan", "2945", Qualifier.EXACT),
    ("ho-so-truc-tuyen", "1688", Qualifier.EXACT),
    ("ho-so-dung-han", "98", Qualifier.ABOVE),
    ("dan-co-tai-khoan-vneid", "91.24", Qualifier.EXACT),
    ("to-cong-nghe-so-cong-dong", "19", Qualifier.EXACT),
    ("can-bo-co-may-tinh", "100", Qualifier.EXACT),
]


def load(command):
    """Create or update the seed's 2025 figures, linked to the 15/01/2026 meeting."""
    meeting = Meeting.objects.filter(slug=SEED_MEETING_SLUG).first()
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[f[0] for f in FIGURES])}
    for code, number, qualifier in FIGURES:
        Value.objects.update_or_create(
            indicator=indicators[code],
            year=YEAR,
            defaults={
                "value": Decimal(number),
                "decimals": written_places(Decimal(number)),
                "qualifier": qualifier,
                "source_meeting": meeting,
                "source_text": SOURCE,
                "is_published": True,
            },
        )
    linked = "có" if meeting else "chưa có"
    command.stdout.write(
        f"Chỉ số: {len(FIGURES)} số liệu năm {YEAR} ({linked} liên kết cuộc họp 15/01/2026)."
    )

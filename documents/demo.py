"""Demo data, added by `manage.py load_demo` (safe to run twice).

Only Nghị quyết số 57-NQ/TW: the seed names its number and the Bộ Chính trị; its date and
abstract are public facts. No file is shipped, and no plan or decision number is invented.
"""

import datetime

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Meeting

from .models import Document, DocumentType, Issuer, Sector

NQ57 = {
    "number": "57-NQ/TW",
    "issued_on": datetime.date(2024, 12, 22),
    "title": (
        "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    ),
}


def load(command):
    """Nghị quyết 57-NQ/TW, published, reviewed at the 15/01/2026 meeting."""
    document, _ = Document.objects.update_or_create(
        issuer=Issuer.objects.get(slug="bo-chinh-tri"),
        number=NQ57["number"],
        issued_on=NQ57["issued_on"],
        defaults={
            "doc_type": DocumentType.objects.get(slug="nghi-quyet"),
            "sector": Sector.objects.filter(slug="chuyen-doi-so").first(),
            "title": NQ57["title"],
            "scope": Document.Scope.PUBLIC,
            "is_published": True,
        },
    )
    meeting = Meeting.objects.filter(slug=SEED_MEETING_SLUG).first()
    if meeting:
        document.reviewed_at.add(meeting)
    linked = "có" if meeting else "chưa có"
    command.stdout.write(f"Văn bản: {document} ({linked} liên kết cuộc họp 15/01/2026).")

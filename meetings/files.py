"""Which stored meeting files a user may fetch (settings.PRIVATE_FILE_FINDERS, portal.media).

An attachment marked public is anyone's; any other only for staff who may view meetings.
"""

from portal.media import ServedFile

from .models import Attachment

ATTACHMENTS = "cuoc-hop/"


def find(name, user, commune):
    if not name.startswith(ATTACHMENTS):
        return None
    attachments = Attachment.objects.filter(file=name, meeting__commune=commune)
    public = not user.has_perm("meetings.view_meeting")
    if public:
        attachments = attachments.filter(public=True)
    attachment = attachments.only("file", "original_name", "content_type").first()
    if attachment is None:
        return None
    return ServedFile(
        attachment.content_type or "application/octet-stream",
        attachment.original_name,
        public=public,
    )

"""What the portal's search finds of the meetings: held meetings and their directives."""

from portal.search import Document, Source, register

from .models import AgendaItem, Directive, Issue, Meeting


def meeting_document(meeting):
    parts = [meeting.summary]
    parts += [f"{item.title} {item.content}" for item in meeting.agenda_items.all()]
    parts += [issue.text for issue in meeting.issues.all()]
    return Document(title=meeting.title, body=" ".join(parts), date=meeting.start)


def directive_document(directive):
    unit = directive.unit.name if directive.unit_id else ""
    return Document(
        title=directive.text, body=f"{directive.meeting.title} {unit}", date=directive.meeting.start
    )


def public_directives():
    return Directive.objects.filter(meeting__in=Meeting.objects.held())


register(
    Source(
        "meeting",
        Meeting,
        Meeting.objects.held,
        meeting_document,
        parts=((AgendaItem, lambda item: item.meeting), (Issue, lambda issue: issue.meeting)),
    )
)
register(Source("directive", Directive, public_directives, directive_document))

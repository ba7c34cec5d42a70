"""What the portal's search finds of the meetings: held meetings, their directives, the committee.

People are found by name: a meeting carries its chair and those present, the committee page
its members with their titles.
"""

from django.db.models.signals import post_save

from portal.search import Document, Source, index, register

from .models import AgendaItem, Attendance, Committee, Directive, Issue, Meeting, Membership, Person


def meeting_document(meeting):
    attendances = meeting.attendances.select_related("person")
    names = {a.person.full_name for a in attendances if a.present}
    if meeting.chair_id:
        names.add(meeting.chair.full_name)
    parts = [meeting.summary, *sorted(names)]
    parts += [f"{item.title} {item.content}" for item in meeting.agenda_items.all()]
    parts += [issue.text for issue in meeting.issues.all()]
    return Document(title=meeting.title, body=" ".join(parts), date=meeting.start)


def directive_document(directive):
    unit = directive.unit.name if directive.unit_id else ""
    return Document(
        title=directive.text, body=f"{directive.meeting.title} {unit}", date=directive.meeting.start
    )


def committee_document(committee):
    members = committee.memberships.current().select_related("person")
    return Document(
        title=committee.name,
        body=" ".join(f"{m.person.full_name}, {m.title or m.get_role_display()}." for m in members),
    )


def public_directives():
    return Directive.objects.filter(meeting__in=Meeting.objects.held())


register(
    Source(
        "meeting",
        Meeting,
        Meeting.objects.held,
        meeting_document,
        parts=(
            (AgendaItem, lambda item: item.meeting),
            (Issue, lambda issue: issue.meeting),
            (Attendance, lambda attendance: attendance.meeting),
        ),
    )
)
register(
    Source(
        "directive",
        Directive,
        public_directives,
        directive_document,
        communes=lambda directive: [directive.meeting.commune_id],
    )
)
register(
    Source(
        "committee",
        Committee,
        Committee.objects.all,
        committee_document,
        parts=((Membership, lambda membership: membership.committee),),
        after_migrate=True,
    )
)


def _reindex_person(sender, instance, raw=False, created=False, **kwargs):
    """A renamed person is found under the new name on every page that names them."""
    if raw or created:
        return
    for committee in Committee.objects.filter(memberships__person=instance).distinct():
        index(committee)
    meetings = (
        Meeting.objects.filter(attendances__person=instance) | instance.chaired_meetings.all()
    )
    for meeting in meetings.distinct():
        index(meeting)


post_save.connect(_reindex_person, sender=Person, weak=False)

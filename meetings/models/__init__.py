"""People, the committee, its meetings and the directives they issue."""

from .directives import Directive, DirectiveQuerySet, DirectiveUpdate, State
from .meetings import (
    MINUTES_EXTENSIONS,
    AgendaItem,
    Attachment,
    Attendance,
    Issue,
    Meeting,
    MeetingQuerySet,
)
from .people import Committee, Membership, MembershipQuerySet, Person, Role, Unit

__all__ = [
    "MINUTES_EXTENSIONS",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Committee",
    "Directive",
    "DirectiveQuerySet",
    "DirectiveUpdate",
    "Issue",
    "Meeting",
    "MeetingQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Person",
    "Role",
    "State",
    "Unit",
]

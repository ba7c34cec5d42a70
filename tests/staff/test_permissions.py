"""The permission matrix: every role × every model × every action, checked on the server.

One table below says who may do what. Every case is run through the admin as the role's
user would (status codes, then the database), so a hidden button is never mistaken for a
refused right. A model of the portal's apps, or a model in the admin, without a row in the
table fails the first test: a new model cannot be forgotten.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from documents.models import Document
from indicators.models import Value
from meetings.models import Meeting
from news.models import Article
from staff import roles

from . import objects
from .forms import form_data

E, R, S, K, L, Q = (
    roles.EDITOR,
    roles.REVIEWER,
    roles.SECRETARY,
    roles.DATA_CLERK,
    roles.LEADER,
    roles.ADMINISTRATOR,
)
NOBODY = set()
ADMIN_ONLY = {Q}


def rights(view, add=NOBODY, change=NOBODY, delete=NOBODY, **others):
    return {"view": set(view), "add": set(add), "change": set(change), "delete": set(delete)} | {
        action: set(allowed) for action, allowed in others.items()
    }


NEWS_READERS = {E, R, L, Q}
MEETINGS_WRITERS = {S, Q}
MEETINGS_READERS = {S, L, Q}
MEETINGS_ROW = rights(MEETINGS_READERS, MEETINGS_WRITERS, MEETINGS_WRITERS, MEETINGS_WRITERS)
CATALOGUE_ROW = rights({K, L, Q}, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY)
LOGINS_ROW = rights(ADMIN_ONLY, NOBODY, ADMIN_ONLY, ADMIN_ONLY)
DOCUMENTS_ROW = MEETINGS_ROW  # the secretary enters documents, leadership reads and publishes

# model → (where it is edited, who may do what). "admin": its own admin pages;
# "inline of X": rows inside X's page; None: nowhere in the admin.
TABLE = {
    "news.Category": ("admin", rights(NEWS_READERS, {R, Q}, {R, Q}, {R, Q})),
    "news.Tag": ("admin", rights(NEWS_READERS, {E, R, Q}, {R, Q}, {R, Q})),
    "news.Article": (
        "admin",
        rights(NEWS_READERS, {E, R, Q}, {E, R, Q}, {R, Q}, publish={R, Q}),
    ),
    "news.Attachment": (
        "inline of news.Article",
        rights(NEWS_READERS, {E, R, Q}, {E, R, Q}, {E, R, Q}),
    ),
    "meetings.Person": ("admin", MEETINGS_ROW),
    "meetings.Unit": ("admin", MEETINGS_ROW),
    "meetings.Committee": ("admin", MEETINGS_ROW),
    "meetings.Membership": ("inline of meetings.Person", MEETINGS_ROW),
    "meetings.Meeting": (
        "admin",
        MEETINGS_ROW | {"approve": {L, Q}, "publish": {S, L, Q}},
    ),
    "meetings.Attendance": ("inline of meetings.Meeting", MEETINGS_ROW),
    "meetings.AgendaItem": ("inline of meetings.Meeting", MEETINGS_ROW),
    "meetings.Issue": ("inline of meetings.Meeting", MEETINGS_ROW),
    "meetings.Attachment": ("inline of meetings.Meeting", MEETINGS_ROW),
    "meetings.Directive": ("admin", MEETINGS_ROW),
    "meetings.DirectiveUpdate": ("inline of meetings.Directive", MEETINGS_ROW),
    "indicators.IndicatorGroup": ("admin", CATALOGUE_ROW),
    "indicators.Indicator": ("admin", CATALOGUE_ROW),
    "indicators.Target": ("admin", CATALOGUE_ROW),
    "indicators.Value": (
        "admin",
        rights({K, L, Q}, {K, Q}, {K, Q}, ADMIN_ONLY, publish={L, Q}),
    ),
    "documents.DocumentType": ("admin", DOCUMENTS_ROW),
    "documents.Issuer": ("admin", DOCUMENTS_ROW),
    "documents.Sector": ("admin", DOCUMENTS_ROW),
    "documents.Document": ("admin", DOCUMENTS_ROW | {"publish": {L, Q}}),
    "documents.DocumentFile": ("inline of documents.Document", DOCUMENTS_ROW),
    "documents.DocumentRelation": ("inline of documents.Document", DOCUMENTS_ROW),
    "portal.SiteIdentity": ("admin", rights({L, Q}, NOBODY, ADMIN_ONLY, NOBODY)),
    "portal.DailyVisits": ("admin", rights({L, Q}, NOBODY, NOBODY, ADMIN_ONLY)),
    "portal.SearchEntry": (None, rights(NOBODY)),
    "portal.SearchWord": (None, rights(NOBODY)),
    "auth.User": ("admin", rights(ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY)),
    # The roles are every commune's: changed on the province's host only (tests/communes).
    "auth.Group": ("admin", rights(ADMIN_ONLY)),
    # For province accounts and superusers only, never a commune's role (tests/communes).
    "communes.Commune": ("admin", rights(NOBODY)),
    "communes.Province": ("admin", rights(NOBODY)),
    "communes.StaffAccount": ("admin", rights(NOBODY)),
    "communes.HostName": ("inline of communes.Commune", rights(NOBODY)),
    "axes.AccessAttempt": ("admin", LOGINS_ROW),
    "axes.AccessLog": ("admin", LOGINS_ROW),
    "axes.AccessFailureLog": ("admin", LOGINS_ROW),
}
APPS = ("communes", "news", "meetings", "indicators", "documents", "portal")
ALL_ROLES = list(roles.ROLES)


def cases():
    return list(_cases())


def _cases():
    for label, (where, allowed) in TABLE.items():
        for action, permitted in allowed.items():
            for role in ALL_ROLES:
                yield pytest.param(
                    label, where, action, role, role in permitted, id=f"{label}-{action}-{role}"
                )


def test_every_model_has_a_row():
    models = {
        model._meta.label
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # simple-history's copies follow their model
    }
    registered = {model._meta.label for model in admin.site._registry}
    assert models | registered <= set(TABLE), "add a row to TABLE for each new model"
    assert registered == {label for label, (where, _r) in TABLE.items() if where == "admin"}


def test_table_covers_every_role():
    assert set(ALL_ROLES) == {E, R, S, K, L, Q}


def url(obj_or_model, view, *args):
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def history_count(obj):
    return obj.history.count() if hasattr(type(obj), "history") else None


def exists(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).exists()


# Each check returns whether the server let the action through, after asserting that
# the status code and the database agree with that answer.


def check_view(client, admin_client, obj):
    response = client.get(url(obj, "changelist"))
    assert response.status_code in (200, 403)
    if response.status_code == 403:
        assert client.get(url(obj, "change", obj.pk)).status_code == 403
        return False
    assert client.get(url(obj, "change", obj.pk)).status_code == 200
    return True


def check_add(client, admin_client, obj):
    model = type(obj)
    before = model._default_manager.count()
    response = client.get(url(obj, "add"))
    assert response.status_code in (200, 403)
    if response.status_code == 403:
        assert client.post(url(obj, "add"), {"_save": "Lưu"}).status_code == 403
        assert model._default_manager.count() == before
        return False
    return True


def check_change(client, admin_client, obj):
    page = client.get(url(obj, "change", obj.pk))
    if page.status_code == 200 and page.context["has_change_permission"]:
        before = history_count(obj)
        response = client.post(url(obj, "change", obj.pk), form_data(page.content.decode()))
        assert response.status_code == 302, response.context and response.context.get("errors")
        # The form went back as it came: accepted, and no new version for a save that
        # changed nothing (a record without any history gets its first one). Who made a
        # real change is tested with the history.
        if before is not None:
            assert history_count(obj) == max(before, 1)
        return True
    # Refused: even a complete, valid form (as an administrator would send it) is turned away.
    before = history_count(obj)
    full = form_data(admin_client.get(url(obj, "change", obj.pk)).content.decode())
    assert client.post(url(obj, "change", obj.pk), full).status_code == 403
    assert history_count(obj) == before
    return False


def check_delete(client, admin_client, obj):
    response = client.post(url(obj, "delete", obj.pk), {"post": "yes"})
    assert response.status_code in (302, 403)
    assert exists(obj) == (response.status_code == 403)
    return response.status_code == 302


def run_action(client, obj, action):
    data = {"action": action, "index": 0, "_selected_action": [obj.pk]}
    return client.post(url(obj, "changelist"), data)


def post_change(client, admin_client, obj, **changes):
    page = admin_client.get(url(obj, "change", obj.pk)).content.decode()
    return client.post(url(obj, "change", obj.pk), form_data(page, **changes))


def check_publish_article(client, admin_client, obj):
    obj.status = Article.Status.REVIEW
    obj.save()
    post_change(client, admin_client, obj, status="published")
    return Article.objects.get(pk=obj.pk).status == Article.Status.PUBLISHED


def check_publish_value(client, admin_client, obj):
    post_change(client, admin_client, obj, is_published="on")
    if not Value.objects.get(pk=obj.pk).is_published:
        run_action(client, obj, "publish")
    return Value.objects.get(pk=obj.pk).is_published


def check_publish_document(client, admin_client, obj):
    post_change(client, admin_client, obj, is_published="on")
    if not Document.objects.get(pk=obj.pk).is_published:
        run_action(client, obj, "publish")
    return Document.objects.get(pk=obj.pk).is_published


def _minutes(obj, status, approved_on=None):
    obj.minutes = "<p>Biên bản cuộc họp.</p>"
    obj.minutes_status = status
    obj.minutes_approved_at = approved_on
    obj.save()


def check_approve_minutes(client, admin_client, obj):
    _minutes(obj, Meeting.MinutesStatus.DRAFT)
    post_change(
        client, admin_client, obj, minutes_status="approved", minutes_approved_at="16/01/2026"
    )
    if Meeting.objects.get(pk=obj.pk).minutes_status == Meeting.MinutesStatus.DRAFT:
        run_action(client, obj, "approve_minutes")
    return Meeting.objects.get(pk=obj.pk).minutes_status == Meeting.MinutesStatus.APPROVED


def check_publish_minutes(client, admin_client, obj):
    import datetime

    _minutes(obj, Meeting.MinutesStatus.APPROVED, datetime.date(2026, 1, 16))
    post_change(client, admin_client, obj, minutes_status="published")
    if Meeting.objects.get(pk=obj.pk).minutes_status != Meeting.MinutesStatus.PUBLISHED:
        run_action(client, obj, "publish_minutes")
    return Meeting.objects.get(pk=obj.pk).minutes_status == Meeting.MinutesStatus.PUBLISHED


CHECKS = {
    "view": check_view,
    "add": check_add,
    "change": check_change,
    "delete": check_delete,
    ("news.Article", "publish"): check_publish_article,
    ("indicators.Value", "publish"): check_publish_value,
    ("documents.Document", "publish"): check_publish_document,
    ("meetings.Meeting", "approve"): check_approve_minutes,
    ("meetings.Meeting", "publish"): check_publish_minutes,
}


def inline_allows(user, parent_label, obj, action):
    """Whether the parent's page offers this action on the inline rows, for this user."""
    parent = apps.get_model(parent_label)
    parent_admin = admin.site._registry[parent]
    request = RequestFactory().get("/")
    request.user = user
    parent_obj = getattr(obj, parent._meta.model_name)
    for inline in parent_admin.get_inline_instances(request, parent_obj):
        if inline.model is type(obj):
            if action == "add":
                return inline.has_add_permission(request, parent_obj)
            return getattr(inline, f"has_{action}_permission")(request, parent_obj)
    return False


@pytest.mark.parametrize(("label", "where", "action", "role", "allowed"), cases())
def test_permission_matrix(label, where, action, role, allowed, client_as, admin_client):
    client = client_as(role)
    obj = objects.MAKERS[label]()
    if where is None:
        # No admin page at all; only Quản trị, who holds every permission, has it on paper.
        assert type(obj) not in admin.site._registry
        codename = f"{obj._meta.app_label}.{action}_{obj._meta.model_name}"
        assert client.user.has_perm(codename) is (role == Q)
        return
    if where.startswith("inline of "):
        assert inline_allows(client.user, where.removeprefix("inline of "), obj, action) is allowed
        return
    check = CHECKS.get((label, action)) or CHECKS[action]
    assert check(client, admin_client, obj) is allowed

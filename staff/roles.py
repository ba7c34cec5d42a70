"""The staff roles: one table of role → permissions, the only place rights are granted.

Groups with these names are created and kept equal to this table after every migrate
(see staff/apps.py). Publishing is a permission of its own, checked by each app's admin.
"""

EDITOR = "Biên tập viên"
REVIEWER = "Duyệt tin"
SECRETARY = "Thư ký Ban Chỉ đạo"
DATA_CLERK = "Cập nhật chỉ số"
LEADER = "Lãnh đạo"
ADMINISTRATOR = "Quản trị"

VIEW = ("view",)
WRITE = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

NEWS_MODELS = ("article", "attachment", "category", "tag")
MEETINGS_MODELS = (
    "person",
    "unit",
    "committee",
    "membership",
    "meeting",
    "attendance",
    "agendaitem",
    "issue",
    "directive",
    "directiveupdate",
    "attachment",
)
INDICATORS_MODELS = ("indicatorgroup", "indicator", "target", "value")
DOCUMENTS_MODELS = (
    "document",
    "documentfile",
    "documentrelation",
    "documenttype",
    "issuer",
    "sector",
)
PORTAL_MODELS = ("siteidentity", "dailyvisits")


def grant(app_label, models, actions):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


ROLES = {
    EDITOR: [
        *grant("news", ["article", "attachment"], WRITE),
        "news.delete_attachment",
        *grant("news", ["tag"], ("view", "add")),
        "news.view_category",
    ],
    REVIEWER: [*grant("news", NEWS_MODELS, ALL), "news.publish_article"],
    SECRETARY: [
        *grant("meetings", MEETINGS_MODELS, ALL),
        "meetings.publish_minutes",
        *grant("documents", DOCUMENTS_MODELS, ALL),
    ],
    DATA_CLERK: [
        *grant("indicators", ["indicatorgroup", "indicator", "target"], VIEW),
        *grant("indicators", ["value"], WRITE),
    ],
    LEADER: [
        *grant("news", NEWS_MODELS, VIEW),
        *grant("meetings", MEETINGS_MODELS, VIEW),
        *grant("indicators", INDICATORS_MODELS, VIEW),
        *grant("portal", PORTAL_MODELS, VIEW),
        *grant("documents", DOCUMENTS_MODELS, VIEW),
        "meetings.approve_minutes",
        "meetings.publish_minutes",
        "indicators.publish_value",
        "documents.publish_document",
    ],
    # Every permission there is, users and groups included: see permissions_of().
    ADMINISTRATOR: None,
}


def permissions_of(role, permissions):
    """The rows of `permissions` (a Permission queryset) a role holds: exactly these."""
    rows = permissions.select_related("content_type")
    codes = ROLES[role]
    if codes is None:
        return list(rows)
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = [p for p in rows if (p.content_type.app_label, p.codename) in wanted]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        names = ", ".join(sorted(".".join(code) for code in missing))
        raise LookupError(f"Quyền không tồn tại trong bảng vai trò: {names}")
    return found

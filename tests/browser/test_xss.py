"""XSS payloads typed into every field an official fills, then every page that shows them.

The browser context bypasses the Content-Security-Policy on purpose: the policy is the
second wall, this test proves the first one (escaping and the rich-text sanitiser) holds.
A payload that runs calls the exposed ``__xss(N)``, opens a dialog or throws a page error;
one that is only printed unescaped shows up as live markup (an on* attribute, a
``javascript:`` address, a frame, a script that is not the portal's own) or, in the
HTML source, as its own raw text.
"""

import re
import time
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from meetings.models import Membership, Person, Unit
from news.models import Article, Tag
from tests.browser.editor import EDITABLE, paste
from tests.portal.xss_world import (
    PAYLOADS,
    REFLECTED,
    SEARCH_WORD,
    YEAR,
    build_world,
    every_payload_is_used,
    live_markup,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-kiem-thu-xss-2026"

# A crafted POST: the body's field filled behind the editor's back, just before saving.
BEHIND_THE_EDITOR = "(html) => { document.querySelector('#id_body').value = html; }"

# Markup the portal never produces itself: found in a page, it came from a payload.
LIVE_MARKUP = """() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href',
                         'background', 'poster', 'srcset'];
  const scheme = (value) => {
    try { return new URL(value, location.href).protocol; } catch (e) { return ''; }
  };
  const own = location.origin + '/';  // the portal's static files and the admin's jsi18n
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const protocol = urlAttributes.includes(name) ? scheme(attr.value) : '';
      const image = tag === 'img' && /^data:image\\//.test(attr.value);
      if (name.startsWith('on') || name === 'srcdoc'
          || ['javascript:', 'vbscript:'].includes(protocol)
          || (protocol === 'data:' && !image)
          || (name === 'style' && /expression\\(|javascript:|__xss/i.test(attr.value)))
        found.push(`<${tag} ${name}="${attr.value}">`);
    }
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base'].includes(tag))
      found.push(`<${tag}>`);
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
      found.push('<meta http-equiv=refresh>');
    if (tag === 'script') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      const runs = !type || type.includes('javascript') || type === 'module';
      if (el.src && !el.src.startsWith(own)) found.push(`<script src="${el.src}">`);
      if (runs && !el.src && el.textContent.trim()) found.push('inline <script>');
    }
    const loads = /stylesheet|import|preload|modulepreload|prefetch/i.test(el.rel || '');
    if (tag === 'link' && loads && !el.href.startsWith(own)) found.push(`<link ${el.href}>`);
  }
  return found;
}"""


RAW_MARKUP = [p for p in PAYLOADS if "<" in p]
MISSING = "/tin-tuc/" + quote(PAYLOADS[0], safe="") + "/"  # the 404 page shows the address


def public_pages(world):
    article_pages = [a.get_absolute_url() for a in world.articles]
    unit = world.units[0]
    tracker = reverse("meetings:directives")
    search = reverse("portal:search")
    pages = [
        reverse("portal:home"),
        reverse("news:list"),
        *[c.get_absolute_url() for c in world.categories],
        *[t.get_absolute_url() for t in world.tags],
        *article_pages,
        reverse("meetings:list"),
        world.meeting.get_absolute_url(),
        reverse("meetings:minutes", kwargs={"slug": world.meeting.slug}),
        tracker,
        f"{tracker}?don_vi={unit.slug}",
        f"{tracker}?trang_thai=overdue&nam={YEAR}",
        reverse("meetings:committee"),
        reverse("indicators:dashboard"),
        reverse("indicators:year", kwargs={"year": YEAR - 1}),
        *[i.get_absolute_url() for i in world.indicators],
        f"{search}?q={SEARCH_WORD}",
        f"{search}?q=kiem+thu&loai=news",
        f"{search}?q=kiem+thu&loai=meeting",
        f"{search}?q=kiem+thu&loai=directive",
        f"{search}?q=kiem+thu&loai=indicator",
        f"{search}?q=onerror+script+svg",
        reverse("portal:site-map"),
    ]
    # What a visitor types comes back in the page: the search box, a filter, a 404.
    for n in REFLECTED:
        typed = PAYLOADS[n - 1]
        pages.append(search + "?" + urlencode({"q": typed}))
        pages.append(tracker + "?" + urlencode({"don_vi": typed, "nam": typed}))
    pages.append(MISSING)
    return pages


def admin_pages(world):
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    articles = reverse("admin:news_article_changelist")
    for n in REFLECTED[:2]:
        pages.append(articles + "?" + urlencode({"q": PAYLOADS[n - 1]}))
    # Two change forms and one history page of each kind of object: the same template
    # shows the others, and the suite's time is shared.
    opened = {}
    for obj in world.objects:
        model = type(obj)
        if model not in admin.site._registry or opened.get(model, 0) == 2:
            continue  # an inline (shown on its parent's form), or enough of this kind
        if getattr(obj, "is_superuser", False):
            continue  # managed on the province's host; its names show in every page's header
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_change", args=[obj.pk]))
        if not opened.get(model) and hasattr(model, "history"):
            pages.append(reverse(f"{name}_history", args=[obj.pk]))
        opened[model] = opened.get(model, 0) + 1
    article = world.articles[0]
    version = article.history.order_by("history_id").first()
    pages += [
        reverse("admin:news_article_preview", args=[article.pk]),
        reverse("admin:news_article_simple_history", args=[article.pk, version.history_id]),
        members_json(world),
        reverse("admin:indicators_value_import"),
    ]
    return pages


def members_json(world):
    """The admin's JSON of a committee's members on a day (for the meeting form's button)."""
    committee = world.meeting.committee_id
    day = timezone.localdate().strftime("%d/%m/%Y")
    return (
        reverse("admin:meetings_meeting_members")
        + "?"
        + urlencode({"committee": committee, "date": day})
    )


def log_in(page, live_server):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "kiemthu")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))


def add_in_admin(page, live_server, world):
    """A few payloads typed into the real admin forms, as an official would."""
    typed = {
        ("news_tag", "name", Tag): PAYLOADS[1],
        ("meetings_unit", "name", Unit): PAYLOADS[4],
        ("meetings_person", "full_name", Person): PAYLOADS[54],
    }
    for (name, field, model), text in typed.items():
        page.goto(live_server.url + reverse(f"admin:{name}_add"))
        page.fill(f"#id_{field}", text)
        page.click("input[name=_save]")
        page.wait_for_url(re.compile(r"/$"))
        obj = model.objects.get(**{field: text})
        world.objects.append(obj)
        world.usage.setdefault(f"admin form {name}.{field}", []).append(PAYLOADS.index(text) + 1)

    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.fill("#id_title", f"Tin nhập trong trang quản trị {PAYLOADS[6]}")
    page.fill("#id_summary", PAYLOADS[12])
    page.locator(EDITABLE).click()
    paste(page, "<p>Dán từ Word</p>" + " ".join(PAYLOADS[:30]))
    page.evaluate(BEHIND_THE_EDITOR, "<p>Gửi thẳng</p>" + " ".join(PAYLOADS[30:60]))
    page.select_option("#id_category", index=1)
    page.select_option("#id_status", label="Đã đăng")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/news/article/$"))
    article = Article.objects.get(summary=PAYLOADS[12])
    assert "Gửi thẳng" in article.body  # the crafted body reached the server
    assert live_markup(article.body) == [], article.body  # and the sanitiser stripped it
    world.articles.append(article)
    world.objects.append(article)
    world.usage["admin form news_article"] = [7, 13, *range(1, 61)]


def test_no_payload_runs_or_becomes_markup_on_any_page(page, live_server):
    started = time.monotonic()
    world = build_world(PASSWORD)
    assert every_payload_is_used(world), set(range(1, len(PAYLOADS) + 1)) - world.payloads_used
    thin = {label: numbers for label, numbers in world.usage.items() if len(numbers) < 2}
    assert not thin, f"fields with fewer than two payloads: {thin}"

    executed, problems = [], []
    page.expose_function("__xss", lambda n: executed.append((page.url, n)))
    page.on(
        "dialog", lambda dialog: (executed.append((page.url, dialog.message)), dialog.dismiss())
    )
    page.on("pageerror", lambda error: problems.append((page.url, f"page error: {error}")))
    page.on(
        "console",
        lambda message: (
            problems.append((page.url, message.text)) if "__xss" in message.text else None
        ),
    )

    log_in(page, live_server)
    add_in_admin(page, live_server, world)
    pages = public_pages(world) + admin_pages(world)
    shown = set()
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if path == MISSING else 200), (path, response.status)
        # JSON answers carry the text exactly (checked below); HTML must escape it.
        if response.headers["content-type"].startswith("text/html"):
            body = response.text()
            problems += [(path, f"unescaped: {raw}") for raw in RAW_MARKUP if raw in body]
        for markup in page.evaluate(LIVE_MARKUP):
            problems.append((path, f"live markup: {markup}"))
        shown.update(map(int, re.findall(r"xss\((\d+)\)", page.inner_text("body"))))
    page.wait_for_timeout(300)  # late onerror/onload handlers of the last page

    fields = len(world.usage)
    print(
        f"\nXSS: {len(PAYLOADS)} payloads over {fields} fields, {len(pages)} page loads, "
        f"{len(executed)} executed, {len(problems)} problems, "
        f"{time.monotonic() - started:.0f} s"
    )
    assert executed == []
    assert problems == [], "\n".join(sorted({f"{what}  ({path})" for path, what in problems}))
    # JSON carries the exact text typed.
    members = page.request.get(live_server.url + members_json(world)).json()["members"]
    titles = set(Membership.objects.current().values_list("title", flat=True))
    assert {m["title"] for m in members} == titles
    # Not vacuous: every payload was read back, as text, on some page.
    assert shown >= set(range(1, len(PAYLOADS) + 1)), set(range(1, len(PAYLOADS) + 1)) - shown

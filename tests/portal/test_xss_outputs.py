"""The feeds, the calendar and the exports carry the payloads of xss_world as text.

The pages are checked in a browser (tests/browser/test_xss.py); these files are read by
other programs, so each is parsed the way such a program would and compared with what the
official typed.
"""

import csv
import html
import io
import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import icalendar
import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Value
from tests.portal.xss_world import FORMULAS, YEAR, build_world
from tests.sitemaps import section_paths

pytestmark = pytest.mark.django_db

FORMULA_START = tuple("=+-@\t\r")


@pytest.fixture
def world(db):
    return build_world("mat-khau-kiem-thu-xss-2026")


class Tags(HTMLParser):
    """The elements a reader would build from a piece of HTML."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append(tag)


def feeds(client, world):
    urls = [reverse("news:feed")] + [
        reverse("news:category-feed", kwargs={"slug": c.slug}) for c in world.categories
    ]
    return [feedparser.parse(client.get(url).content, sanitize_html=False) for url in urls]


def test_feed_titles_are_the_typed_text(client, world):
    titles = {a.title for a in world.articles}
    shown = set()
    for feed in feeds(client, world):
        for entry in feed.entries:
            title = entry.title
            if entry.title_detail.type == "text/html":  # a reader renders it: no markup
                assert Tags(title).found == [], title
                title = html.unescape(title)
            shown.add(title)
    assert shown == titles


def test_feed_descriptions_carry_text_not_markup(client, world):
    summaries = {a.summary for a in world.articles}
    for feed in feeds(client, world):
        for entry in feed.entries:
            assert entry.summary_detail.type == "text/html"  # what RSS readers assume
            assert Tags(entry.summary).found == [], entry.summary
            assert html.unescape(entry.summary) in summaries


def test_calendar_holds_the_exact_text(client, world):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("meetings:calendar")).content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    for meeting in world.meeting.committee.meetings.all():
        event = events[meeting.title]
        assert str(event["location"]) == meeting.place
        assert str(event["description"]).startswith(meeting.summary)


def test_json_export_holds_the_exact_text(client, world):
    data = json.loads(client.get(reverse("indicators:year-json", kwargs={"year": YEAR})).content)
    rows = {row["code"]: row for row in data["indicators"]}
    for value in Value.objects.filter(year=YEAR).select_related("indicator__group"):
        row = rows[value.indicator.code]
        assert row["name"] == value.indicator.name
        assert row["short_name"] == value.indicator.short_name
        assert row["group"]["name"] == value.indicator.group.name
        assert row["note"] == value.note
        assert value.source_text in row["source"]


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def test_sitemap_is_well_formed_xml(client, world):
    locations = []
    for path in section_paths(client):  # the index, then every section page it lists
        root = ElementTree.fromstring(client.get(path).content)
        locations += [loc.text for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]
    assert any(world.articles[0].slug in loc for loc in locations)
    assert not any("<" in loc or '"' in loc for loc in locations)


def exported_text_cells(rows):
    notes = set(Value.objects.filter(year=YEAR).values_list("note", flat=True))
    sources = set(Value.objects.filter(year=YEAR).values_list("source_text", flat=True))
    return notes, sources, [cell for row in rows for cell in row if isinstance(cell, str)]


def test_csv_export_neutralises_formula_cells(client, world):
    response = client.get(reverse("indicators:year-csv", kwargs={"year": YEAR}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    notes, sources, cells = exported_text_cells(rows[1:])
    assert all(f[:1] in FORMULA_START for f in FORMULAS)
    for cell in cells:
        assert not cell.startswith(FORMULA_START), cell
    assert {cell[1:] for cell in cells if cell.startswith("'")} >= notes


def test_xlsx_export_has_no_formula_cells(client, world):
    response = client.get(reverse("indicators:year-xlsx", kwargs={"year": YEAR}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    formulas = [
        cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    ]
    assert formulas == []
    notes, sources, cells = exported_text_cells(sheet.iter_rows(min_row=2, values_only=True))
    assert notes <= set(cells)

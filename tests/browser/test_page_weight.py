"""A first view of every public page on a phone stays under 100 KB, and nothing moves once
it is drawn (no layout shift)."""

import pytest

from tests.browser.test_citizens import PUBLIC_PAGES
from tests.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 100 * 1024
# Bytes of every response of the page, as decoded (the live test server sends no gzip, so
# this is more than a browser receives from production).
WEIGHT = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return entries.map(e => [e.name, e.decodedBodySize || e.transferSize]);
}"""
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_first_view_is_light_and_still(page, live_server, demo, path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")
    sizes = page.evaluate(WEIGHT)
    total = sum(size for _, size in sizes)
    assert total <= LIMIT, sorted(sizes, key=lambda item: -item[1])[:5]
    assert page.evaluate(LAYOUT_SHIFT) == 0

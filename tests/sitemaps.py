"""Reading the sitemap as a crawler does: the index, then every section page it lists."""

import re
from urllib.parse import urlsplit

from django.urls import reverse

LOC = re.compile(r"<loc>([^<]+)</loc>")


def section_paths(client):
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    return [
        urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        for url in LOC.findall(index.content.decode())
    ]


def whole_sitemap(client):
    """The text of every section sitemap page, joined."""
    parts = []
    for path in section_paths(client):
        response = client.get(path)
        assert response.status_code == 200, path
        parts.append(response.content.decode())
    return "\n".join(parts)

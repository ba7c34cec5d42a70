"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Meeting


class MeetingSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.for_commune(self.commune).for_list().order_by("-start")

    def lastmod(self, meeting):
        return meeting.updated_at


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["meetings:list", "meetings:directives", "meetings:committee"]

    def location(self, name):
        return reverse(name)


sitemaps = {"meetings": MeetingSitemap, "meetings-pages": PagesSitemap}

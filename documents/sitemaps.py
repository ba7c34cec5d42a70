"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Document.objects.for_commune(self.commune).published().order_by("-issued_on", "pk")

    def lastmod(self, document):
        return document.updated_at


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["documents:list"]

    def location(self, name):
        return reverse(name)


sitemaps = {"documents": DocumentSitemap, "documents-pages": PagesSitemap}

"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Indicator, Value


class YearSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return list(Value.objects.for_commune(self.commune).published().years())

    def location(self, year):
        return reverse("indicators:year", kwargs={"year": year})


class IndicatorSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Indicator.objects.order_by("code")


sitemaps = {"indicator-years": YearSitemap, "indicators": IndicatorSitemap}

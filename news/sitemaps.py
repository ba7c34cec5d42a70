"""Entries for /sitemap.xml, collected by minhduc_portal/urls.py."""

sitemaps = {}

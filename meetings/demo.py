"""Demo data from the seed article, added by `manage.py load_demo` (safe to run twice)."""

# The 15/01/2026 meeting; news and indicators demo data link to it by this slug.
SEED_MEETING_SLUG = "hop-ban-chi-dao-danh-gia-nam-2025"


def load(command):
    """Create or update this app's part of the seed's world."""

"""Demo data from the seed article, added by `manage.py load_demo` (safe to run twice)."""


def load(command):
    """Create or update this app's part of the seed's world."""

"""No tables of its own: the roles are auth groups (see roles.py).

This module exists so that Django sends this app post_migrate, which only apps with a
models module receive.
"""

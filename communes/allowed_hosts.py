"""ALLOWED_HOSTS read from data; imported by the settings, so it imports nothing at load."""


class AllowedHosts(list):
    """The names the settings list, then every commune's and the province's host name.

    Django checks a request's host by iterating this list; the settings' names come first and
    cost no lookup, and a commune added later is allowed at once, without a restart.
    """

    def __iter__(self):
        yield from super().__iter__()
        try:
            from .hosts import all_host_names

            yield from all_host_names()
        except Exception:  # noqa: BLE001 (before migrate or without a database: settings only)
            return

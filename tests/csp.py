"""Reading a Content-Security-Policy header: django-csp writes its directives in no fixed order."""


def directives(header):
    """{'script-src': {"'self'"}, ...} for a policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = set(sources)
    return parsed

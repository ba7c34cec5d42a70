"""Reading a Content-Security-Policy header: django-csp writes its directives in no fixed order."""


def directives(header):
    """{'script-src': {"'self'"}, ...} for a policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = set(sources)
    return parsed


# The policies the portal promises, directive by directive.
PUBLIC_POLICY = {
    "default-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "style-src": {"'self'"},
    "script-src": {"'self'"},
    "font-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
ADMIN_POLICY = {**PUBLIC_POLICY, "style-src": {"'self'", "'unsafe-inline'"}}

class YearConverter:
    """Four digits only, so '/chi-so/99999999999999999999/' never reaches the database."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"

"""Plain-text helpers with no Django imports."""


def normalize_newlines(value):
    """Text with LF line endings (browsers send text areas with CRLF)."""
    if not value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")

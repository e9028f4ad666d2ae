"""Plain-text helpers with no Django imports."""


def normalize_newlines(value):
    """Text with LF line endings (browsers send text areas with CRLF)."""
    if not value:
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n")


# Markdown and HTML that plain-text wording would show patients as typed.
MARKUP_SIGNS = ("**", "[[", "](", "<")


def markup_signs(text):
    """The Markdown or HTML signs in `text`, which plain text shows as typed.

    >>> markup_signs("Sum **bold** <a href=x>x</a>")
    ['**', '<']
    >>> markup_signs("Your result is in the usual range.")
    []
    """
    return [sign for sign in MARKUP_SIGNS if sign in (text or "")]

"""Dates as the site writes them everywhere ("31 December 2026"), admin lists included.

Django's English default ("Dec. 31, 2026") is used only where no format is given:
the admin's list columns and history. Input formats stay Django's own.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"

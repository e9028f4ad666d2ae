"""Interpreter wording in the clinical review lists (the admin home and the reminder e-mails).

Registered with education.reviews at start-up (apps.py), so wording overdue
for review, due within 30 days or waiting for a reviewer is listed next to
pages.
"""

from education.reviews import ReviewList, items_for

from .models import LevelWording, Phrase


def title(obj):
    return f"{obj._meta.verbose_name.capitalize()}: {obj}"


def wording_reviews(today):
    found = ReviewList()
    for model in (LevelWording, Phrase):
        found.extend(
            items_for(
                model.objects.all(),
                kind="wording",
                title=title,
                url_name=f"admin:interpreter_{model._meta.model_name}_change",
                today=today,
            )
        )
    return found

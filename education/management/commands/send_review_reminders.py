"""E-mail each clinical reviewer the pages, glossary terms and wording that need them.

Each active member of "Clinical reviewers" with an e-mail address gets one
message listing the pages, glossary terms and interpreter wording overdue for review, due
within 30 days and waiting for a reviewer (education/reviews.py). Nobody is
e-mailed when there is nothing to do.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from education.reviews import DUE_SOON_DAYS, review_list
from education.workflow import CLINICAL_REVIEWERS


def _line(item, detail):
    return f"- {item.title} ({detail}): {settings.SITE_URL}{item.admin_url}"


# How each kind of item is counted in the subject: (one, many).
NOUNS = {
    "page": ("page", "pages"),
    "glossary term": ("glossary term", "glossary terms"),
    "reference": ("reference", "references"),
    "wording": ("piece of wording", "pieces of wording"),
}


def _count(items):
    """ "3 pages, 1 glossary term and 2 pieces of wording"."""
    counts = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    order = [*NOUNS, *sorted(set(counts) - set(NOUNS))]
    parts = []
    for kind in order:
        if kind in counts:
            one, many = NOUNS.get(kind, (kind, f"{kind}s"))
            parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def reminder_text(reviews):
    parts = []
    if reviews.overdue:
        parts.append("Overdue for review:")
        parts += [_line(t, f"was due {t.next_review_due:%-d %B %Y}") for t in reviews.overdue]
    if reviews.due_soon:
        parts.append(f"\nDue within {DUE_SOON_DAYS} days:")
        parts += [_line(t, f"due {t.next_review_due:%-d %B %Y}") for t in reviews.due_soon]
    if reviews.waiting:
        parts.append("\nWaiting for a clinical reviewer:")
        parts += [
            _line(t, f"submitted {t.submitted_at:%-d %B %Y}" if t.submitted_at else "submitted")
            for t in reviews.waiting
        ]
    parts.append(
        "\nOpen it in admin, read its draft (Preview draft), then approve it or send it "
        "back with a comment. You cannot approve a draft you changed yourself."
    )
    return "\n".join(parts).strip() + "\n"


def greeting_name(reviewer):
    """The name a reviewer gave patients (their profile), else their full name, else username."""
    profile = getattr(reviewer, "reviewer_profile", None)
    name = profile.display_name.strip() if profile is not None else ""
    return name or reviewer.get_full_name() or reviewer.get_username()


class Command(BaseCommand):
    help = (
        "E-mail each clinical reviewer the pages, glossary terms and wording overdue, due soon "
        "or waiting for review."
    )

    def handle(self, *args, **options):
        if not settings.SITE_URL and settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
            # Real e-mail with links such as "/admin/education/topic/3/change/":
            # a reviewer could not open one of them.
            raise CommandError(
                "SITE_URL is not set, so the links in the e-mails would not open. Set it "
                "to the site's address (SITE_URL=https://b2m.example.org) and run this again."
            )
        reviews = review_list()
        if not reviews:
            self.stdout.write("No page, glossary term or wording needs a review: no e-mail sent.")
            return
        reviewers = (
            get_user_model()
            .objects.filter(groups__name=CLINICAL_REVIEWERS, is_active=True)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        subject = f"B2M Guide: {_count(reviews.items())} to review"
        body = reminder_text(reviews)
        sent = 0
        for reviewer in reviewers:
            greeting = f"Hello {greeting_name(reviewer)},\n\n"
            sent += send_mail(
                subject, greeting + body, settings.DEFAULT_FROM_EMAIL, [reviewer.email]
            )
        self.stdout.write(f"Sent {sent} reminder e-mail{'s' if sent != 1 else ''}.")

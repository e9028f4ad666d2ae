from django.apps import AppConfig


class InterpreterConfig(AppConfig):
    name = "interpreter"
    verbose_name = "Result interpreter"

    def ready(self):
        from education import reviews as review_lists

        from . import reviews, signals  # noqa: F401  (wording edits bump the content version)

        # Wording is listed next to pages on the admin home and in review reminders.
        review_lists.register(reviews.wording_reviews)

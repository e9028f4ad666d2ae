"""Template helpers for the clinicians' panel."""

from django import template

from interpreter.presenters import RULES_FIRED_LABEL

register = template.Library()


@register.filter
def is_rule_ids(label):
    """Whether a clinician row is the engine's rule ids (shown on screen, not on paper)."""
    return label == RULES_FIRED_LABEL

from django import template

from ..reviews import DUE_SOON_DAYS, review_list

register = template.Library()


@register.inclusion_tag("admin/education/review_dashboard.html", takes_context=True)
def review_dashboard(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (
        user.has_perm("education.view_topic")
        or user.has_perm("education.view_glossaryterm")
        or user.has_perm("interpreter.view_phrase")
    ):
        return {"show": False}
    return {"show": True, "reviews": review_list(), "days": DUE_SOON_DAYS}

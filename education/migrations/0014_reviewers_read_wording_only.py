"""Clinical reviewers read and approve interpreter wording; they no longer change it.

Editors write, reviewers approve (README, "Editors"). Until now the "Clinical
reviewers" group also held `change_levelwording` and `change_phrase` (granted by
education 0010 and interpreter 0006/0008), so a reviewer could save a draft and
publish it alone as a minor fix, with no second person ever reading it. This
takes those two permissions away from the group; it keeps `view_*` and
`publish_wording` (approve). Someone who must write too joins Content editors,
and then cannot approve their own change (workflow.check_can_approve).
"""

from django.db import migrations

REVIEWERS = "Clinical reviewers"
WRITE = ["change_levelwording", "change_phrase"]


def _set(apps, add):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=REVIEWERS).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="interpreter", codename__in=WRITE
    )
    if add:
        group.permissions.add(*permissions)
    else:
        group.permissions.remove(*permissions)


def reviewers_read_only(apps, schema_editor):
    _set(apps, add=False)


def reviewers_write_again(apps, schema_editor):
    _set(apps, add=True)


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0013_status_on_the_shared_base"),
        # The permissions this removes are granted up to interpreter 0008.
        ("interpreter", "0008_wording_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(reviewers_read_only, reviewers_write_again)]

"""Editors submit pages, the co-creation specialists approve them: one Wagtail workflow over the
whole page tree (so every seed page of the catalogue and every new page below it is in it).

Wagtail's own 0048 migration left a "Moderators approval" workflow on the tree's root, whose group
0003 removed (nobody but a superuser could approve); ours takes its place and it is deactivated.
Created once: administrators may change workflows in the admin afterwards, and migrate leaves
their choice alone."""

from django.db import migrations

SPECIALISTS = "Co-creation specialister"
WORKFLOW = "godkendelse"
TASK = "Godkendelse af en co-creation specialist"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    specialists, _created = Group.objects.get_or_create(name=SPECIALISTS)
    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, created = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(specialists)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    previous = WorkflowPage.objects.filter(page=root).exclude(workflow=workflow).first()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    if previous is not None and not WorkflowPage.objects.filter(workflow=previous.workflow).exists():
        Workflow.objects.filter(pk=previous.workflow_id).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_review_reminders"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

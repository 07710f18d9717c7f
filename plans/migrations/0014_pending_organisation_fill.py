from django.db import migrations


def fill(apps, schema_editor):
    """Every case's pending deadlines kept anew, each with whose step it is. (Migration 0005
    made the table; the rows of the cases already there are made here, in their present
    shape. Apart from 0013, whose column's constraint PostgreSQL adds at the end of it.)"""
    from plans.deadlines import refresh_pending
    from plans.rules import individual_rules

    Case = apps.get_model("plans", "Case")
    PendingDeadline = apps.get_model("plans", "PendingDeadline")
    rules = {}
    for case in (
        Case.objects.select_related("individual__county")
        .prefetch_related("meetings", "plans__interventions")
        .iterator(chunk_size=2_000)
    ):
        county = case.individual.county
        if county.pk not in rules:
            rules[county.pk] = individual_rules(county)[0]
        refresh_pending(case, rules[county.pk], model=PendingDeadline)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0013_pending_organisation"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

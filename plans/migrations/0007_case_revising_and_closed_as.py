from django.db import migrations, models


def name_how_and_where_cases_stand(apps, schema_editor):
    """Closed cases say how they were closed: at a follow-up meeting that decided so, otherwise
    with a reason. A case whose last follow-up meeting decided to revise the plan, and whose
    revision is not yet established, waits for the revision."""
    Case = apps.get_model("plans", "Case")
    NetworkMeeting = apps.get_model("plans", "NetworkMeeting")
    closing = NetworkMeeting.objects.filter(kind="follow_up", outcome="close").values("case_id")
    Case.objects.filter(state="closed", pk__in=closing).update(closed_as="follow_up")
    Case.objects.filter(state="closed", closed_as="").update(closed_as="closed")
    for case in Case.objects.filter(state="followed_up").iterator(chunk_size=500):
        last = (
            NetworkMeeting.objects.filter(case=case, kind="follow_up", held_on__isnull=False)
            .order_by("-held_on", "-pk")
            .first()
        )
        established = case.plans.filter(established_on__isnull=False).order_by("-number").first()
        if (
            last is not None
            and last.outcome == "revise"
            and (established is None or established.established_on < last.held_on)
        ):
            Case.objects.filter(pk=case.pk).update(state="revising")


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_identity_as_given_and_emergency_without_individual")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="closed_as",
            field=models.CharField(
                blank=True,
                choices=[
                    ("closed", "closed with a reason"),
                    ("not_called", "decided not to call a network meeting"),
                    ("follow_up", "closed at the follow-up meeting"),
                ],
                max_length=20,
                verbose_name="how the case was closed",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="state",
            field=models.CharField(
                choices=[
                    ("opened", "opened, waiting for consent"),
                    ("consented", "consent given"),
                    ("called", "decided to call a network meeting"),
                    ("notified", "notice sent"),
                    ("met", "network meeting held"),
                    ("planned", "plan established"),
                    ("follow_up_called", "follow-up meeting called"),
                    ("followed_up", "plan followed up"),
                    ("revising", "the plan is being revised"),
                    ("closed", "closed"),
                ],
                default="opened",
                max_length=20,
            ),
        ),
        migrations.RunPython(name_how_and_where_cases_stand, migrations.RunPython.noop),
    ]

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0012_inbox_indexes"),
        ("structure", "0004_person_user"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="pendingdeadline", name="pending_step_case"),
        migrations.AddField(
            model_name="pendingdeadline",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="structure.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="pendingdeadline",
            index=models.Index(
                fields=["organisation", "step", "due_on"],
                include=("case",),
                name="pending_organisation_step",
            ),
        ),
    ]

import django.db.models.deletion
from django.db import migrations, models


def keep_what_the_registering_organisation_gave(apps, schema_editor):
    """Before, the name and guardians typed were stored on the individual only, by the
    organisation that registered the number: its first case gets them back; later cases'
    typed names were not kept and stay empty."""
    Case = apps.get_model("plans", "Case")
    Individual = apps.get_model("plans", "Individual")
    for individual in Individual.objects.prefetch_related("guardians").iterator(chunk_size=500):
        first = Case.objects.filter(individual=individual).order_by("opened_at", "pk").first()
        if first is None:
            continue
        first.name_as_given = individual.name
        first.guardians_as_given = "\n".join(g.name for g in individual.guardians.all())
        first.save(update_fields=["name_as_given", "guardians_as_given"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_pending_deadlines")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="name_as_given",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="name given when opening"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="guardians_as_given",
            field=models.TextField(blank=True, verbose_name="guardians given when opening"),
        ),
        migrations.AlterField(
            model_name="emergencyaccess",
            name="individual",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="emergency_accesses",
                to="plans.individual",
            ),
        ),
        migrations.RunPython(
            keep_what_the_registering_organisation_gave, migrations.RunPython.noop
        ),
    ]

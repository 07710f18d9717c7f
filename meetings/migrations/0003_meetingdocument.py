import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import meetings.files


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_agenda_title_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=300,
                        storage=meetings.files.storage,
                        upload_to="meetings/%Y/",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="file name")),
                ("size", models.PositiveIntegerField()),
                ("content_type", models.CharField(max_length=100)),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "agenda_item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="documents",
                        to="meetings.agendaitem",
                        verbose_name="agenda item",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting document",
                "verbose_name_plural": "meeting documents",
                "ordering": ["meeting", "uploaded_at", "pk"],
            },
        ),
    ]

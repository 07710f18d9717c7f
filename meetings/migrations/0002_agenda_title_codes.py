"""Agenda items made by the rules or another app keep a title code and its parameters instead of
a sentence in the county's language (meetings.titles): the stored rows are converted, the
election and programme items from the agreement in force, an event's items numbered in their
order as the rules propose them."""

from django.db import migrations, models



def _agreement(county_id, found):
    # The agreement as the platform reads it (structure.actions.agreement_in_force); a county
    # without one keeps its items' text.
    from structure.actions import agreement_in_force

    if county_id not in found:
        try:
            found[county_id] = agreement_in_force(county_id)
        except Exception:
            found[county_id] = None
    return found[county_id]


def _coded(item, agreement, events):
    origin, text = item.origin, item.text
    if origin.startswith("action:"):
        return "action_item", {"description": text}, origin
    if origin.startswith("matter:"):
        return "matter", {"matter": int(origin.split(":")[1]), "title": text}, origin
    if origin.startswith("event:"):
        event = origin.split(":")[1]
        number = events.setdefault((item.meeting_id, event), 0) + 1
        events[(item.meeting_id, event)] = number
        return "event", {"event": event, "text": text}, f"event:{event}:{number}"
    body = agreement.body(item.meeting.body) if agreement else None
    if body is None:
        return None
    if origin == "election":
        offices = [o.role.value for o in body.offices if o.term and o.term.elected_at_last_meeting]
        return ("election", {"offices": offices}, origin) if offices else None
    if origin == "programme" and body.meetings and body.meetings.programme_by:
        setter = agreement.body(body.meetings.programme_by)
        name = setter.name if setter else body.meetings.programme_by
        return "programme", {"body": name}, origin
    return None


def to_codes(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    agreements, events = {}, {}
    rows = (
        AgendaItem.objects.exclude(origin="")
        .select_related("meeting")
        .order_by("meeting_id", "position", "pk")
    )
    for item in rows.iterator():
        coded = _coded(item, _agreement(item.meeting.county_id, agreements), events)
        if coded is None:
            continue
        item.title_code, item.title_params, item.origin = coded
        item.text = ""
        item.save(update_fields=["title_code", "title_params", "origin", "text"])


def to_text(apps, schema_editor):
    from meetings.titles import render

    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for item in AgendaItem.objects.exclude(title_code=""):
        item.text = render(item.title_code, item.title_params)[:300]
        item.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.RenameField("agendaitem", "title", "text"),
        migrations.AlterField(
            model_name="agendaitem",
            name="text",
            field=models.CharField(blank=True, max_length=300, verbose_name="item"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_code",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(to_codes, to_text),
    ]

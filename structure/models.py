"""The structure, live: organisations, the people who hold seats, and who holds which office.

Seats and offices are named by the ids the agreement files give them (`body`, `seat`, `role`),
not by foreign keys to one loaded version: an appointment outlives a new version of the
agreement, and the compliance engine checks it against whichever version is in force on a date.
History is kept by periods: an appointment or office term ends, it is never overwritten.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements import labels, schema
from agreements.models import County
from inputs import rules

SECTORS = [
    (schema.Sector.HEALTH_CARE.value, _("health care")),
    (schema.Sector.SOCIAL_SERVICES.value, _("social services")),
    (schema.Sector.SCHOOL.value, _("school")),
    (schema.Sector.ELDERLY_CARE.value, _("elderly care")),
    (schema.Sector.PUBLIC_HEALTH.value, _("public health")),
    (schema.Sector.ADMINISTRATION.value, _("administration")),
    (schema.Sector.POLITICAL.value, _("political")),
]


class Organisation(models.Model):
    """A unit of a principal: a municipality's social services, a region division, a school."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="organisations")
    key = models.SlugField(max_length=rules.KEY)
    name = models.CharField(_("name"), max_length=rules.NAME)
    # The principal (huvudman) as the agreement files name the party, e.g. "region-norrbotten".
    principal = models.SlugField(_("principal"), max_length=rules.KEY)
    sector = models.CharField(_("sector"), max_length=30, choices=SECTORS)
    # The unit's id in the agreement file when the agreement names it ("narsjukvard").
    unit = models.SlugField(_("unit"), max_length=rules.KEY, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["county", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "key"], name="organisation_key"),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Only what the structure needs: name, title, organisation and work e-mail."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="people")
    name = models.CharField(_("name"), max_length=rules.NAME)
    title = models.CharField(_("title"), max_length=rules.NAME, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("work e-mail"), max_length=rules.EMAIL, blank=True)
    # The person's own account, when they have one: what they answer, approve and follow in
    # the bodies they sit in ("my meetings", their calendar feed) follows from it.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class PeriodQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """Rows whose period contains the day (`ends` is the last day, inclusive)."""
        return self.filter(Q(ends__isnull=True) | Q(ends__gte=day), starts__lte=day)


class Period(models.Model):
    """A period from `starts` to `ends` inclusive (open when `ends` is empty), with a version
    number so that two coordinators editing the same row cannot overwrite each other."""

    county = models.ForeignKey(County, on_delete=models.PROTECT)
    body = models.SlugField(_("body"), max_length=rules.KEY)
    # The area or municipality id for a body with one instance per area or municipality.
    instance = models.SlugField(_("instance"), max_length=rules.KEY, blank=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.ends is not None and self.starts is not None and self.ends < self.starts:
            raise ValidationError({"ends": _("The period ends before it starts.")})

    def covers(self, day: datetime.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


class Appointment(Period):
    """A person holds a seat in a body (or a body instance) for a period."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        SUBSTITUTE = "substitute", _("substitute")
        CO_OPTED = "co_opted", _("co-opted")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("person")
    )
    seat = models.SlugField(_("seat"), max_length=rules.KEY, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    # Whom the person represents in this seat; usually, not always, their own organisation.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("represents"),
    )
    substitute_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitutes",
        verbose_name=_("substitute for"),
    )

    class Meta:
        ordering = ["county", "body", "instance", "seat", "starts"]
        indexes = [models.Index(fields=["county", "body", "instance"])]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return f"{self.person} – {self.body}/{self.seat or self.role}"


class OfficeTerm(Period):
    """Who holds an office (chair, vice chair, secretary …) of a body for a term.

    `exception` records a departure from the rotation that the body decided (Västerbotten:
    "kan efter enigt beslut i gruppen löpa på längre tid än ett år"), with where it is decided.
    """

    role = models.CharField(
        _("office"), max_length=30, choices=[(r.value, name) for r, name in labels.OFFICES.items()]
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("person"),
    )
    # The party the holder represents, which is what the rotation rules speak of.
    principal = models.SlugField(_("principal"), max_length=rules.KEY)
    exception = models.TextField(_("decided exception"), blank=True)

    class Meta:
        ordering = ["county", "body", "instance", "role", "starts"]
        verbose_name = _("office term")
        verbose_name_plural = _("office terms")

    def __str__(self) -> str:
        return f"{self.body} {self.role} {self.starts}"

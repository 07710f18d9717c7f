"""Agreements loaded into the database.

The validated document is kept whole (`Agreement.content`), so that a page shows an agreement
with one query; its parties, areas, bodies, seats and offices are also rows, for the API and for
what later hangs on them (appointments, meetings). Each version has its own rows: loading a new
version never touches what hangs on an older one.
"""

from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import schema


class County(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    scb_code = models.CharField(max_length=2)

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(models.QuerySet):
    def structure_in_force(self, **county):
        """The agreement in force that sets up a county's structure (guidelines do not), e.g.
        `structure_in_force(county__slug="norrbotten")`; None when there is none."""
        return (
            self.filter(in_force=True, kind=schema.DocumentKind.AGREEMENT.value, **county)
            .select_related("county")
            .order_by("document_id")
            .first()
        )

    def with_content(self):
        """With the document's JSON, which the manager leaves out: for a version shown or
        given whole, seldom one this process has validated already."""
        return self.defer(None)


class AgreementManager(models.Manager.from_queryset(AgreementQuerySet)):
    def get_queryset(self):
        # A page needs the validated document, which this process keeps by checksum
        # (`Agreement.document`): the JSON, tens of kilobytes decoded on every read, is fetched
        # only when the process has not validated that content yet, or when asked for.
        return super().get_queryset().defer("content")


class Agreement(models.Model):
    """One version of one governing document (agreement or guideline) of a county."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="agreements")
    document_id = models.SlugField(max_length=80)
    kind = models.CharField(
        max_length=20, choices=[(k.value, k.value) for k in schema.DocumentKind]
    )
    title = models.TextField()
    version = models.PositiveIntegerField()
    label = models.TextField(blank=True)
    seed = models.CharField(max_length=200)
    checksum = models.CharField(max_length=64)
    content = models.JSONField()
    in_force = models.BooleanField(default=False)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = AgreementManager()

    class Meta:
        ordering = ["county__name", "document_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "document_id", "version"], name="one_row_per_document_version"
            )
        ]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @cached_property
    def document(self) -> schema.Agreement:
        # Validating a county's document takes milliseconds and several reads of a page need
        # it: validated once per process for each content, which its checksum names (the loaded
        # file's). The document is frozen, so sharing it between requests is safe.
        if not self.checksum:
            return schema.Agreement.model_validate(self.content)
        document = _validated.get(self.checksum)
        if document is None:
            document = schema.Agreement.model_validate(self.content)
            if len(_validated) >= VALIDATED_KEPT:
                _validated.pop(next(iter(_validated)))
            _validated[self.checksum] = document
        return document


# Documents validated in this process, by checksum: the versions in force of a few counties.
VALIDATED_KEPT = 64
_validated: dict[str, schema.Agreement] = {}


class Party(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    key = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in schema.PartyKind])
    name = models.CharField(max_length=200)
    scb_code = models.CharField(max_length=4, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="party_key")]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    rank = models.PositiveIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="level_key")]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    municipalities = models.ManyToManyField(Party, related_name="areas")
    source_section = models.CharField(max_length=200, default="")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="area_key")]

    def __str__(self) -> str:
        return self.name


class Body(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="bodies")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=[(k.value, k.value) for k in schema.BodyKind])
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="bodies")
    instances = models.CharField(
        max_length=20, choices=[(k.value, k.value) for k in schema.Instances]
    )
    source_section = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["level__rank", "position"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="body_key")]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    key = models.SlugField(max_length=80)
    role = models.CharField(max_length=300)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT)
    party_kind = models.CharField(max_length=20, blank=True)
    sector = models.CharField(max_length=30, blank=True)
    count_exact = models.PositiveIntegerField(null=True, blank=True)
    count_min = models.PositiveIntegerField(null=True, blank=True)
    count_max = models.PositiveIntegerField(null=True, blank=True)
    per = models.CharField(max_length=20, default="body")
    has_substitutes = models.BooleanField(default=False)
    source_section = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="seat_key")]

    def __str__(self) -> str:
        return self.role


class Office(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="offices")
    role = models.CharField(max_length=30, choices=[(k.value, k.value) for k in schema.OfficeRole])
    rotation = models.CharField(max_length=20, blank=True)
    source_section = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["body", "role"], name="office_role")]

    def __str__(self) -> str:
        return self.role


class Relation(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(
        max_length=30, choices=[(k.value, k.value) for k in schema.RelationKind]
    )
    source = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="relations_in")
    source_section = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source", "target"], name="relation_once")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target}"

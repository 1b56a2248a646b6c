"""The partner registry: organisations, their memberships, contacts and agreement commitments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from klimanett.core.fields import WebAddressField
from klimanett.municipalities.models import Municipality
from klimanett.partners.validators import (
    LOGO_EXTENSIONS,
    normalise_org_number,
    validate_logo,
    validate_org_number,
)


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    FARM = "farm", _("Farm")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY_AUTHORITY = "county_authority", _("County authority")
    STATE_AGENCY = "state_agency", _("State agency")
    ACADEMIA = "academia", _("Research and education")
    NGO = "ngo", _("Non-governmental organisation")


class Sector(models.TextChoices):
    """NACE Rev. 2 sections (SN2007 in Norway)."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply, sewerage and waste management")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations")


_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def unique_slug(name: str, *, taken: Callable[[str], bool]) -> str:
    """A web address from an organisation's name (æ, ø and å spelt out), numbered if taken."""
    base = slugify(name.translate(_NORWEGIAN_LETTERS))[:180] or "organisasjon"
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def in_directory(self) -> OrganisationQuerySet:
        """Active members that have chosen a public profile: what the public may see."""
        return self.filter(
            public_profile=True, memberships__status=Membership.Status.ACTIVE
        ).distinct()

    def name_contains(self, text: str) -> OrganisationQuerySet:
        """Names containing the text in any letter case, æ, ø and å included.

        Compared in Python (str.casefold), because SQLite's own case folding knows only A–Z;
        the registry is small enough that reading the names is cheap.
        """
        wanted = text.casefold()
        matching = [pk for pk, name in self.values_list("pk", "name") if wanted in name.casefold()]
        return self.filter(pk__in=matching)

    def for_contact(self, user: Any) -> OrganisationQuerySet:
        return self.filter(contacts__user=user)


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
        error_messages={
            "unique": _("An organisation with this organisation number is already registered.")
        },
    )
    slug = models.SlugField(_("web address"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector (NACE section)"), max_length=1, choices=Sector.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    employees = models.PositiveIntegerField(
        _("employees"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    website = WebAddressField(_("web site"), blank=True)
    description = models.TextField(
        _("short description"),
        max_length=1000,
        blank=True,
        help_text=_(
            "A few sentences about the organisation and its climate work, "
            "shown on the public profile."
        ),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 1 MB."),
    )
    public_profile = models.BooleanField(
        _("show a public profile"),
        default=False,
        help_text=_("Show the organisation in the public partner directory."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    # The site search: what a visitor may look for in the public directory.
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation_detail", args=[self.pk])

    def clean(self) -> None:
        self.org_number = normalise_org_number(self.org_number)

    def _unique_slug(self) -> str:
        others = Organisation.objects.exclude(pk=self.pk)
        return unique_slug(self.name, taken=lambda slug: others.filter(slug=slug).exists())

    @property
    def current_membership(self) -> Membership | None:
        """The prospect or active membership, if any (prefetch ``memberships`` in lists)."""
        for membership in self.memberships.all():
            if membership.status != Membership.Status.ENDED:
                return membership
        return None


class Membership(models.Model):
    class Type(models.TextChoices):
        PARTNER = "partner", _("Partner")
        COLLABORATOR = "collaborator", _("Collaborator")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    class FeeCategory(models.TextChoices):
        SIZE_1_9 = "1-9", _("1–9 employees")
        SIZE_10_49 = "10-49", _("10–49 employees")
        SIZE_50_249 = "50-249", _("50–249 employees")
        SIZE_250 = "250+", _("250 employees or more")
        EXEMPT = "exempt", _("No fee")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    type = models.CharField(
        _("membership type"), max_length=20, choices=Type.choices, default=Type.PARTNER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROSPECT
    )
    agreement_date = models.DateField(_("agreement signed"), null=True, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("signatory's position"),
        max_length=200,
        blank=True,
        help_text=_("The agreement is signed by top management."),
    )
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    fee_category = models.CharField(_("fee category"), max_length=10, choices=FeeCategory.choices)
    fee_paid_through = models.PositiveSmallIntegerField(
        _("fee paid for year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The last year for which the membership fee is paid."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "-agreement_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=~Q(status="ended"),
                name="one_open_membership_per_organisation",
                violation_error_message=_(
                    "The organisation already has a membership that has not ended."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="prospect") | Q(agreement_date__isnull=False),
                name="active_or_ended_membership_has_agreement_date",
                violation_error_message=_(
                    "An active or ended membership needs the date the agreement was signed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_type_display()} ({self.get_status_display()})"

    @property
    def fee_paid_this_year(self) -> bool:
        return (
            self.fee_paid_through is not None and self.fee_paid_through >= timezone.localdate().year
        )

    @staticmethod
    def fee_category_for(employees: int | None) -> str:
        if employees is None or employees < 10:
            return Membership.FeeCategory.SIZE_1_9
        if employees < 50:
            return Membership.FeeCategory.SIZE_10_49
        if employees < 250:
            return Membership.FeeCategory.SIZE_50_249
        return Membership.FeeCategory.SIZE_250


class Contact(models.Model):
    """A person who acts for an organisation in the network (its contact person)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    title = models.CharField(_("position"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("main contact"), default=False)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation__name", "-is_primary", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_contact_per_user_and_organisation"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_primary=True),
                name="one_main_contact_per_organisation",
                violation_error_message=_("The organisation already has a main contact."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Commitment(models.Model):
    """One commitment of the member agreement, followed up every year for every partner."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_nb = models.CharField(_("title (bokmål)"), max_length=200)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    guidance_nb = models.TextField(_("guidance (bokmål)"), blank=True)
    guidance_nn = models.TextField(_("guidance (nynorsk)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("agreement commitment")
        verbose_name_plural = _("agreement commitments")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.title

    def _in_language(self, field: str) -> str:
        language = (get_language() or "nb")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_nb")

    @property
    def title(self) -> str:
        return self._in_language("title")

    @property
    def guidance(self) -> str:
        return self._in_language("guidance")


class CommitmentStatus(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_RELEVANT = "not_relevant", _("Not relevant this year")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="commitment_statuses",
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="statuses"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    evidence = models.TextField(
        _("what was done"),
        max_length=2000,
        blank=True,
        help_text=_("Describe what was done, with links or document names as evidence."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("commitment status")
        verbose_name_plural = _("commitment statuses")
        ordering = ["organisation__name", "-year", "commitment__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "commitment", "year"],
                name="one_status_per_commitment_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.commitment} – {self.get_status_display()}"


class Certification(models.Model):
    class Scheme(models.TextChoices):
        MILJOFYRTARN = "miljofyrtarn", _("Eco-Lighthouse (Miljøfyrtårn)")
        ISO14001 = "iso14001", _("ISO 14001")
        EMAS = "emas", _("EMAS")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CERTIFIED = "certified", _("Certified")
        PLANNED = "planned", _("Planned")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    other_scheme = models.CharField(_("other scheme"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CERTIFIED
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    planned_by = models.DateField(_("planned by"), null=True, blank=True)

    class Meta:
        verbose_name = _("environmental certification")
        verbose_name_plural = _("environmental certifications")
        ordering = ["organisation__name", "scheme"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(scheme="other") | ~Q(other_scheme=""),
                name="other_scheme_is_named",
                violation_error_message=_("Name the scheme when you choose “Other”."),
            ),
            models.CheckConstraint(
                condition=~Q(status="certified") | Q(valid_until__isnull=False),
                name="certificate_has_expiry",
                violation_error_message=_("A certificate needs the date it is valid until."),
            ),
        ]

    def __str__(self) -> str:
        return self.scheme_name

    @property
    def scheme_name(self) -> str:
        return (
            self.other_scheme
            if self.scheme == self.Scheme.OTHER
            else str(self.get_scheme_display())
        )

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

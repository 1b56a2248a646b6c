"""Events, their programme and material, and the registrations with their waiting list.

Times are stored aware (UTC) and shown in Europe/Oslo. Places are given in the order the
registrations arrive: `services.register` locks the event row, so a full event is never
overbooked however many register at once.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from klimanett.events.validators import validate_material_file
from klimanett.partners.models import Organisation


class Theme(models.Model):
    """A theme of the network's work (energy, transport, procurement …), set by the
    secretariat."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now: datetime | None = None) -> EventQuerySet:
        """Events that have not ended yet (those going on now included)."""
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now: datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now())

    def with_confirmed_count(self) -> EventQuerySet:
        """Annotate ``confirmed_count``: the places taken, in the same query."""
        return self.annotate(
            confirmed_count=models.Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            )
        )


class Event(index.Indexed, ClusterableModel):
    class Type(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        TOP_MANAGERS = "top_managers", _("Top-manager meeting")
        COURSE = "course", _("Course")
        WEBINAR = "webinar", _("Webinar")
        CONFERENCE = "conference", _("Conference")
        STUDY_TRIP = "study_trip", _("Study trip")
        WORKSHOP = "workshop", _("Workshop")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        PARTNERS = "partners", _("Partners only")
        TOP_MANAGERS = "top_managers", _("Top managers only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="events"
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to those registered, and in their confirmation."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    partners_only_until = models.DateTimeField(
        _("partners only until"),
        null=True,
        blank=True,
        help_text=_("In this window only the network's partners may register."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    # The site search: published events (see EventQuerySet.published) by what they are about.
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.FilterField("id"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gte=F("registration_opens_at")),
                name="registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.slug])


class ProgrammeItem(models.Model):
    event = ParentalKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme"
    )
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    sort_order_field = "order"  # the order of the items in the back office's inline panel

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["event", "order", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """Slides, recordings and other material added after the event."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        RECORDING = "recording", _("Recording")
        OTHER = "other", _("Other")

    event = ParentalKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SLIDES)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="events/material/",
        blank=True,
        validators=[validate_material_file],
        help_text=_("PDF, PowerPoint, Word or Excel. Give recordings as a link."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("material")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="material_has_a_link_or_a_file",
                violation_error_message=_("Give a link or upload a file."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), help_text=_("Stored in lower case."))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    consent = models.BooleanField(_("consent to the privacy terms"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & Q(anonymised_at__isnull=True),
                name="one_registration_per_email_and_event",
                violation_error_message=_("This e-mail address is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.registration.event}: {self.rating}"

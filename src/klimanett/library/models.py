"""The knowledge library: resources from outside the region, the feeds that bring new ones into
a review queue, and the subscribers of the monthly digest.

Themes are the network's themes (``events.Theme``), shared with the events, so a resource and
an event about the same theme find each other.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from klimanett.events.models import Event, Theme
from klimanett.library.validators import validate_resource_file
from klimanett.partners.models import Organisation

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class Sector(models.Model):
    """A sector a resource is written for (public sector, industry, transport …), set by the
    secretariat."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> ResourceQuerySet:
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        GUIDE = "guide", _("Guide")
        TOOL = "tool", _("Tool")
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        DATASET = "dataset", _("Data set")
        EXAMPLE = "example", _("Good example from elsewhere")

    class Audience(models.TextChoices):
        COMPANIES = "companies", _("Companies")
        MUNICIPALITIES = "municipalities", _("Municipalities")
        BOTH = "both", _("Companies and municipalities")

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian bokmål")
        NN = "nn", _("Norwegian nynorsk")
        EN = "en", _("English")
        SV = "sv", _("Swedish")
        DA = "da", _("Danish")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested, awaiting approval")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked yet")
        OK = "ok", _("Works")
        DEAD = "dead", _("Dead link")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("web address"), max_length=200, unique=True)
    summary = models.TextField(
        _("summary"),
        max_length=2000,
        help_text=_("What it is and why it is useful, in the network's own words."),
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(
        _("file"),
        upload_to="library/",
        blank=True,
        validators=[validate_resource_file],
        help_text=_("PDF, Word, Excel or PowerPoint, when there is no link."),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.NB
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    audience = models.CharField(
        _("suits"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="resources", blank=True
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="resources", blank=True
    )
    events = models.ManyToManyField(
        Event,
        verbose_name=_("events it backs"),
        related_name="resources",
        blank=True,
        help_text=_("Shown as further reading on these events' pages."),
    )
    measure_templates = models.JSONField(
        _("measure templates it backs"),
        default=list,
        blank=True,
        help_text=_("Keys of the measure templates whose assumptions this resource supports."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_resources",
    )
    suggested_for = models.ForeignKey(
        Organisation,
        verbose_name=_("suggested on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_resources",
    )
    link_status = models.CharField(
        _("link"), max_length=20, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    link_checked_at = models.DateTimeField(_("link checked"), null=True, blank=True)
    link_error = models.CharField(_("link error"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.AutocompleteField("title"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("year"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="library_resource_has_link_or_file",
                violation_error_message=_("Give a link or upload a file."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource_detail", args=[self.slug])

    @property
    def href(self) -> str:
        """Where the resource is read: its link, or the uploaded file."""
        return self.url or (self.file.url if self.file else "")


class Feed(models.Model):
    """An RSS or Atom feed the secretariat follows; new items land in the review queue."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000, unique=True)
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, help_text=_("Given to accepted items.")
    )
    is_active = models.BooleanField(_("fetch it"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    etag = models.CharField(max_length=300, blank=True)
    modified = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedItem(models.Model):
    """An item fetched from a feed, waiting for the secretariat's decision."""

    class Status(models.TextChoices):
        NEW = "new", _("To review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Already in the library")

    feed = models.ForeignKey(
        Feed, verbose_name=_("feed"), on_delete=models.CASCADE, related_name="items"
    )
    url = models.URLField(_("link"), max_length=1000)
    normalised_url = models.CharField(max_length=1000, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary from the feed"), blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feed_items",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        ordering = ["-published_on", "-fetched_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "normalised_url"], name="library_feeditem_once_per_feed"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Subscriber(models.Model):
    """Someone who wants the monthly digest: confirmed by a link (double opt-in)."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=10, default="nb")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest subscriber")
        verbose_name_plural = _("digest subscribers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

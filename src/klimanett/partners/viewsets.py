"""The secretariat's back office for the partner registry, in the Wagtail admin.

Every create, edit and delete goes through the audited views of
``klimanett.core.viewsets.AuditedModelViewSet``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

import django_filters
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import (
    Case,
    F,
    Field,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup

from klimanett.core.models import User
from klimanett.core.viewsets import (
    AuditedCreateView,
    AuditedEditView,
    AuditedModelViewSet,
    SafeExportIndexView,
)
from klimanett.partners.models import (
    Certification,
    Commitment,
    CommitmentStatus,
    Contact,
    Membership,
    Organisation,
    OrganisationQuerySet,
)
from klimanett.partners.validators import normalise_org_number

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

    class _BackOfficeAnnotations(TypedDict):
        membership_status: str | None
        membership_type: str | None
        main_contacts: list[Contact]

    # An organisation as organisations_for_back_office() returns it.
    BackOfficeOrganisation: TypeAlias = WithAnnotations[Organisation, _BackOfficeAnnotations]

NO_MEMBERSHIP = "none"


def _radio_choice_filter(label: Any, choices: Any, **kwargs: Any) -> django_filters.ChoiceFilter:
    """A choice filter drawn like the ones Wagtail makes for a model's choice fields."""
    return django_filters.ChoiceFilter(
        label=label, choices=choices, widget=forms.RadioSelect, empty_label=_("All"), **kwargs
    )


# --- Organisations --------------------------------------------------------------------------


def _memberships_latest_first() -> QuerySet[Membership]:
    """An organisation's memberships, the one that counts first.

    That is the open membership (prospect or active; there is at most one), otherwise the
    most recently signed one that has ended.
    """
    return Membership.objects.order_by(
        Case(When(status=Membership.Status.ENDED, then=Value(1)), default=Value(0)),
        F("agreement_date").desc(nulls_last=True),
        "-pk",
    )


def membership_of(organisation: Organisation) -> Membership | None:
    """The membership that counts (needs the listing's ``memberships`` prefetch)."""
    return next(iter(organisation.memberships.all()), None)


def main_contact_of(organisation: BackOfficeOrganisation) -> Contact | None:
    """The organisation's main contact (needs the listing's ``main_contacts`` prefetch)."""
    return next(iter(organisation.main_contacts), None)


def organisations_for_back_office() -> QuerySet[BackOfficeOrganisation]:
    """Organisations with all the listing and export show, in a fixed number of queries."""
    counting = _memberships_latest_first().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.select_related("municipality")
        .annotate(
            membership_status=Subquery(counting.values("status")[:1]),
            membership_type=Subquery(counting.values("type")[:1]),
        )
        .prefetch_related(
            Prefetch("memberships", queryset=_memberships_latest_first()),
            Prefetch(
                "contacts",
                queryset=Contact.objects.filter(is_primary=True)
                .select_related("user")
                .order_by("pk"),
                to_attr="main_contacts",
            ),
        )
    )


def _membership_status_label(organisation: Organisation) -> str:
    status = getattr(organisation, "membership_status", None)
    return str(Membership.Status(status).label) if status else ""


class OrganisationFilterSet(WagtailFilterSet):
    membership_status = _radio_choice_filter(
        _("membership status"),
        [*Membership.Status.choices, (NO_MEMBERSHIP, _("No membership"))],
        method="filter_membership_status",
    )
    membership_type = _radio_choice_filter(
        _("membership type"), Membership.Type.choices, field_name="membership_type"
    )

    class Meta:
        model = Organisation
        fields = ["kind", "sector", "municipality", "public_profile"]

    def filter_membership_status(
        self, queryset: QuerySet[BackOfficeOrganisation], name: str, value: str
    ) -> QuerySet[BackOfficeOrganisation]:
        # Filters on the annotation made by organisations_for_back_office().
        if value == NO_MEMBERSHIP:
            return queryset.filter(membership_status__isnull=True)
        return queryset.filter(membership_status=value)


class OrganisationIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[BackOfficeOrganisation]:
        return organisations_for_back_office()

    def search_queryset(self, queryset: OrganisationQuerySet) -> OrganisationQuerySet:
        """Search by name, or by organisation number written with or without spaces."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        by_name = queryset.name_contains(query)
        if number := normalise_org_number(query):
            return by_name | queryset.filter(org_number__contains=number)
        return by_name

    def to_row_dict(self, item: BackOfficeOrganisation) -> dict[str, Any]:
        membership = membership_of(item)
        contact = main_contact_of(item)
        return {
            "name": item.name,
            "org_number": item.org_number,
            "kind": item.get_kind_display(),
            "sector": f"{item.sector} {item.get_sector_display()}",
            "municipality": item.municipality.name,
            "employees": item.employees,
            "website": item.website,
            "membership_type": membership.get_type_display() if membership else "",
            "membership_status": membership.get_status_display() if membership else "",
            "agreement_date": membership.agreement_date if membership else None,
            "fee_category": membership.get_fee_category_display() if membership else "",
            "fee_paid_this_year": (
                (gettext("Yes") if membership.fee_paid_this_year else gettext("No"))
                if membership
                else ""
            ),
            "contact_name": contact.user.get_full_name() if contact else "",
            "contact_email": contact.user.email if contact else "",
        }


def _membership_label(name: str) -> StrOrPromise:
    field = Membership._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"Membership.{name} is a relation, not a field")
    return field.verbose_name


class OrganisationAdminForm(WagtailAdminModelForm):
    """Accepts an organisation number written with spaces, as in "923 609 016"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if field := self.fields.get("org_number"):
            field.max_length = 11
            field.widget.attrs["maxlength"] = "11"
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ]

    def clean_org_number(self) -> str:
        return normalise_org_number(self.cleaned_data["org_number"])


class OrganisationViewSet(AuditedModelViewSet):
    model = Organisation
    name = "organisations"
    icon = "group"
    index_view_class = OrganisationIndexView
    copy_view_enabled = False
    ordering = "name"
    search_fields = ["name", "org_number"]
    filterset_class = OrganisationFilterSet
    list_display = [
        "name",
        "org_number",
        "kind",
        "municipality",
        Column(
            "membership_status",
            label=_("Membership status"),
            accessor=_membership_status_label,
            sort_key="membership_status",
        ),
    ]
    list_export = [
        "name",
        "org_number",
        "kind",
        "sector",
        "municipality",
        "employees",
        "website",
        "membership_type",
        "membership_status",
        "agreement_date",
        "fee_category",
        "fee_paid_this_year",
        "contact_name",
        "contact_email",
    ]
    export_headings = {
        name: capfirst(label)
        for name, label in {
            "membership_type": _membership_label("type"),
            "membership_status": _("membership status"),
            "agreement_date": _membership_label("agreement_date"),
            "fee_category": _membership_label("fee_category"),
            "fee_paid_this_year": _("fee paid this year"),
            "contact_name": _("main contact"),
            "contact_email": _("main contact's e-mail address"),
        }.items()
    }
    export_filename = "partnere"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("org_number"), FieldPanel("slug")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
            FieldRowPanel([FieldPanel("municipality"), FieldPanel("employees")]),
            FieldPanel("website"),
            MultiFieldPanel(
                [FieldPanel("description"), FieldPanel("logo"), FieldPanel("public_profile")],
                heading=_("Public profile"),
            ),
        ],
        base_form_class=OrganisationAdminForm,
    )


# --- Memberships, contacts, certifications ---------------------------------------------------


class MembershipIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[Membership]:
        return super().get_base_queryset().select_related("organisation")


class MembershipViewSet(AuditedModelViewSet):
    model = Membership
    name = "memberships"
    icon = "doc-full"
    index_view_class = MembershipIndexView
    copy_view_enabled = False
    search_fields = ["organisation__name"]
    list_filter = ["status", "type", "fee_category"]
    list_display = [
        "organisation",
        "type",
        "status",
        "agreement_date",
        "fee_category",
        "fee_paid_through",
    ]
    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("type"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldPanel("agreement_date"),
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
                FieldPanel("ended_on"),
            ],
            heading=_("Agreement"),
        ),
        FieldRowPanel([FieldPanel("fee_category"), FieldPanel("fee_paid_through")]),
    ]


class ContactIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[Contact]:
        return super().get_base_queryset().select_related("user", "organisation")


class UserChoiceField(forms.ModelChoiceField):
    """Users are chosen by name and e-mail address: names alone are ambiguous."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} <{obj.email}>"


class ContactAdminForm(WagtailAdminModelForm):
    user = UserChoiceField(queryset=User.objects.order_by("first_name", "last_name", "email"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].label = capfirst(Contact._meta.get_field("user").verbose_name)


class ContactViewSet(AuditedModelViewSet):
    model = Contact
    name = "contacts"
    icon = "user"
    index_view_class = ContactIndexView
    copy_view_enabled = False
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    list_filter = ["is_primary"]
    list_display = [
        "user",
        Column("email", label=_("e-mail address"), accessor="user.email"),
        "organisation",
        "title",
        BooleanColumn("is_primary", label=_("main contact")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("user"),
            FieldPanel("title"),
            FieldPanel("is_primary"),
        ],
        base_form_class=ContactAdminForm,
    )


class CertificationIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[Certification]:
        return super().get_base_queryset().select_related("organisation")


class CertificationViewSet(AuditedModelViewSet):
    model = Certification
    name = "certifications"
    icon = "success"
    index_view_class = CertificationIndexView
    copy_view_enabled = False
    search_fields = ["organisation__name", "other_scheme"]
    list_filter = ["scheme", "status"]
    list_display = ["organisation", "scheme", "other_scheme", "status", "valid_until", "planned_by"]
    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("scheme"), FieldPanel("other_scheme")]),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("valid_until"), FieldPanel("planned_by")]),
    ]


# --- The agreement's commitments and their yearly status -------------------------------------


class CommitmentViewSet(AuditedModelViewSet):
    model = Commitment
    name = "commitments"
    icon = "list-ul"
    search_fields = ["code", "title_nb", "title_nn", "title_en"]
    list_filter = ["is_active"]
    ordering = ["order", "code"]
    list_display = ["__str__", "code", "order", BooleanColumn("is_active", label=_("in use"))]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("order"), FieldPanel("is_active")]),
        MultiFieldPanel([FieldPanel("title_nb"), FieldPanel("guidance_nb")], heading=_("Bokmål")),
        MultiFieldPanel([FieldPanel("title_nn"), FieldPanel("guidance_nn")], heading=_("Nynorsk")),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("guidance_en")], heading=_("English")),
    ]


def _reported_years() -> list[tuple[int, str]]:
    years = CommitmentStatus.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class CommitmentStatusFilterSet(WagtailFilterSet):
    year = _radio_choice_filter(_("year"), _reported_years)

    class Meta:
        model = CommitmentStatus
        fields = ["year", "status", "commitment"]


class CommitmentStatusIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[CommitmentStatus]:
        return super().get_base_queryset().select_related("organisation", "commitment")


class CommitmentStatusCreateView(AuditedCreateView):
    """Marks the status as last updated by the secretariat member who saves it."""

    def save_instance(self) -> Model:
        self.form.instance.updated_by = self.request.user
        return super().save_instance()


class CommitmentStatusEditView(AuditedEditView):
    """Marks the status as last updated by the secretariat member who saves it."""

    def save_instance(self) -> Model:
        self.form.instance.updated_by = self.request.user
        return super().save_instance()


class CommitmentStatusViewSet(AuditedModelViewSet):
    model = CommitmentStatus
    name = "commitment_statuses"
    icon = "tasks"
    index_view_class = CommitmentStatusIndexView
    add_view_class = CommitmentStatusCreateView
    edit_view_class = CommitmentStatusEditView
    copy_view_enabled = False
    search_fields = ["organisation__name"]
    filterset_class = CommitmentStatusFilterSet
    list_display = ["organisation", "commitment", "year", "status", "updated_at"]
    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("year")]),
        FieldPanel("status"),
        FieldPanel("evidence"),
    ]


class PartnersViewSetGroup(ViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "group"
    menu_order = 150
    items = (
        OrganisationViewSet,
        MembershipViewSet,
        ContactViewSet,
        CommitmentViewSet,
        CommitmentStatusViewSet,
        CertificationViewSet,
    )

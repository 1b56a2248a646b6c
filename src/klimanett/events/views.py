"""Public event pages, registration without an account, and the registration's own pages
reached by a signed link (no login)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Site

from klimanett.core.roles import is_secretariat
from klimanett.events import ics, services
from klimanett.events.forms import RegistrationForm
from klimanett.events.models import Event, Registration
from klimanett.events.structured_data import event_json_ld, json_ld_script


def get_event_for_user(request: HttpRequest, slug: str) -> Event:
    """A published or cancelled event; drafts only for the secretariat (404 for others)."""
    queryset = Event.objects.all() if is_secretariat(request.user) else Event.objects.published()
    try:
        return queryset.prefetch_related("themes", "programme", "materials").get(slug=slug)
    except Event.DoesNotExist as error:
        raise Http404 from error


def _organizer_name(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or "Klimanett"


def _initial_for(request: HttpRequest, *, colleague: bool) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {}
    partner = services.partner_organisations_for(user).first()
    if partner is not None:
        initial["organisation_name"] = partner.name
    if not colleague:
        initial["name"] = user.get_full_name()
        initial["email"] = user.email
    return initial


def _partner_organisation(request: HttpRequest, organisation_name: str) -> Any:
    """The user's own partner organisation when the form names it (for colleagues, too)."""
    return (
        services.partner_organisations_for(request.user)
        .filter(name__iexact=organisation_name.strip())
        .first()
    )


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    state = services.availability(event=event, user=request.user)
    colleague = request.GET.get("kollega") == "1" or request.POST.get("colleague") == "1"
    is_partner_contact = services.partner_organisations_for(request.user).exists()
    colleague = colleague and is_partner_contact
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if not state.open:
            form.is_valid()
            form.add_error(None, state.reason)
            status = 400
        elif form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.register(
                    event=event,
                    name=data["name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    organisation=_partner_organisation(request, data["organisation_name"]),
                    dietary_needs=data["dietary_needs"],
                    accessibility_needs=data["accessibility_needs"],
                    consent=data["consent"],
                    by=request.user if request.user.is_authenticated else None,
                )
            except services.RegistrationRefused as refused:
                form.add_error(refused.field, refused.message)
                status = 400
            else:
                return redirect(
                    "events:registration_detail", services.registration_token(registration)
                )
        else:
            status = 400
        if status == 400:
            messages.error(request, _("You are not registered. Correct what is marked below."))
    else:
        form = RegistrationForm(initial=_initial_for(request, colleague=colleague))
    places_left = services.places_left(event)
    now = timezone.now()
    context = {
        "event": event,
        "form": form,
        "state": state,
        "colleague": colleague,
        "is_partner_contact": is_partner_contact,
        "places_left": places_left,
        "waiting_count": services.waiting_list(event).count() if event.capacity else 0,
        "is_over": event.ends_at <= now,
        "materials": list(event.materials.all()) if event.ends_at <= now else [],
        "further_reading": list(event.resources.published().order_by("-year", "title")),
        "closes_at": services.registration_closes_at(event),
        "json_ld": json_ld_script(
            event_json_ld(event, places_left=places_left, organizer=_organizer_name(request))
        ),
    }
    return render(request, "events/event_detail.html", context, status=status)


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The public calendar file for one event (without the online link)."""
    event = get_event_for_user(request, slug)
    response = HttpResponse(
        ics.event_ics(event, include_online_link=False), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _registration_or_bad_link(request: HttpRequest, token: str) -> Registration | HttpResponse:
    registration = services.registration_from_token(token)
    if registration is None:
        return render(request, "events/bad_link.html", status=400)
    return registration


@require_safe
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The registration's own page: status, the online link for those with a place, and the
    link to cancel."""
    registration = _registration_or_bad_link(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    response = render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "position": services.waiting_position(registration),
            "is_over": registration.event.ends_at <= timezone.now(),
        },
    )
    response["Referrer-Policy"] = "same-origin"  # the token is in the address: not to others
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; only POST cancels."""
    registration = _registration_or_bad_link(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    event = registration.event
    is_over = event.ends_at <= timezone.now()
    if request.method == "POST" and not is_over:
        was_cancelled = registration.status == Registration.Status.CANCELLED
        services.cancel(
            registration=registration,
            by=request.user if request.user.is_authenticated else None,
        )
        if not was_cancelled:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:registration_detail", token)
    response = render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": event, "token": token, "is_over": is_over},
    )
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response

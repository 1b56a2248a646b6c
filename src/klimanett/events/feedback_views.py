"""The participant's feedback form, reached by the signed link in the feedback e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from klimanett.events.feedback import FeedbackLinkError, give_feedback, registration_for_token
from klimanett.events.feedback_forms import FeedbackForm
from klimanett.events.models import Feedback


@never_cache
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = registration_for_token(token)
    except FeedbackLinkError as error:
        return render(
            request, "events/feedback_link_error.html", {"reason": error.reason}, status=404
        )
    existing = Feedback.objects.filter(registration=registration).first()
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        give_feedback(
            registration=registration,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Thank you for your feedback!"))
        return redirect(request.path)
    return render(
        request,
        "events/feedback.html",
        {"form": form, "event": registration.event, "existing": existing},
        status=400 if form.is_bound else 200,
    )

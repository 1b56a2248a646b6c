"""The digest's public pages: subscribe, confirm from the e-mail, and unsubscribe.

The confirm and unsubscribe links carry a signed token; a GET only shows a page with a button,
so that a mail program fetching the link changes nothing. The unsubscribe POST is exempt from
CSRF: RFC 8058's one-click unsubscribe posts from the mail program, and the signature in the
address is what authorises it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from klimanett.library import digest
from klimanett.library.digest_forms import SubscribeForm


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"  # the token is in the address: not to others
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            digest.subscribe(email=form.cleaned_data["email"], language=request.LANGUAGE_CODE)
        except digest.InvalidEmail:
            form.add_error("email", SubscribeForm.invalid_message())
        else:
            # The same page whether the address was new, waiting or already subscribed.
            return redirect("digest:subscribe_sent")
    return render(request, "library/digest/subscribe.html", {"form": form})


@require_safe
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "library/digest/subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm with a button; the POST confirms."""
    if not digest.valid_confirm_token(token):
        return _private(render(request, "library/digest/bad_link.html", status=400))
    if request.method == "POST":
        subscriber = digest.confirm(token=token)
        if subscriber is None:
            return _private(render(request, "library/digest/bad_link.html", status=400))
        return _private(render(request, "library/digest/confirmed.html"))
    return _private(render(request, "library/digest/confirm.html"))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; a POST (the button, or the mail program's one-click POST) deletes
    the subscriber at once."""
    if not digest.valid_unsubscribe_token(token):
        return _private(render(request, "library/digest/bad_link.html", status=400))
    if request.method == "POST":
        digest.unsubscribe(token=token)
        return _private(render(request, "library/digest/unsubscribed.html"))
    return _private(render(request, "library/digest/unsubscribe.html"))

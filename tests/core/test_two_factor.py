from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders import PASSWORD


def _log_in(client, user):
    return client.post(reverse("core:login"), {"username": user.email, "password": PASSWORD})


def test_secretariat_is_sent_to_two_factor_after_password(client, sekretariat):
    _log_in(client, sekretariat)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor"))


def test_secretariat_sets_up_totp_on_first_login_and_reaches_the_back_office(client, sekretariat):
    _log_in(client, sekretariat)
    page = client.get(reverse("core:two_factor"))
    assert page.context["setting_up"] is True
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=sekretariat, confirmed=False)

    response = client.post(
        reverse("core:two_factor") + "?next=/admin/",
        {"token": f"{totp(device.bin_key):06d}", "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_wrong_code_keeps_the_secretariat_out(client, sekretariat):
    device = TOTPDevice.objects.create(user=sekretariat, name="app", confirmed=True)
    _log_in(client, sekretariat)
    wrong = (totp(device.bin_key) + 1) % 1_000_000
    response = client.post(reverse("core:two_factor"), {"token": f"{wrong:06d}"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get("/admin/").status_code == 302


def test_secretariat_cannot_reach_partner_data_before_the_second_factor(
    client, sekretariat, organisation_a
):
    _log_in(client, sekretariat)
    response = client.get(reverse("partners:organisation_detail", args=[organisation_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor"))


def test_partner_contacts_log_in_without_a_second_factor(client, alice):
    _log_in(client, alice)
    assert client.get(reverse("partners:my_organisations"), follow=True).status_code == 200


def test_next_parameter_cannot_redirect_to_another_site(client, sekretariat):
    device = TOTPDevice.objects.create(user=sekretariat, name="app", confirmed=True)
    _log_in(client, sekretariat)
    response = client.post(
        reverse("core:two_factor"),
        {"token": f"{totp(device.bin_key):06d}", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_partner_contacts_cannot_register_an_authenticator(client, alice):
    client.force_login(alice)
    assert client.get(reverse("core:two_factor")).status_code == 404
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_wagtails_own_login_page_does_not_skip_the_second_factor(client, sekretariat):
    client.post("/admin/login/", {"username": sekretariat.email, "password": PASSWORD})
    for path in ("/admin/", "/api/v1/organisations/1", "/documents/1/x.pdf"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("core:two_factor")), path


def test_logged_in_partner_sent_to_the_back_office_gets_no_access_page_not_a_loop(client, alice):
    client.force_login(alice)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert "Ingen tilgang" in response.content.decode()


def test_logged_in_user_opening_the_login_page_goes_to_my_page(client, alice):
    client.force_login(alice)
    response = client.get(reverse("core:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:my_organisations")


def test_after_a_wrong_code_the_secretariat_is_told_to_wait(client, sekretariat):
    device = TOTPDevice.objects.create(user=sekretariat, name="app", confirmed=True)
    _log_in(client, sekretariat)
    wrong = (totp(device.bin_key) + 1) % 1_000_000
    client.post(reverse("core:two_factor"), {"token": f"{wrong:06d}"})
    response = client.post(reverse("core:two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert "Vent noen sekunder" in response.content.decode()

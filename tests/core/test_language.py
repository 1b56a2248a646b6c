from django.conf import settings


def test_pages_open_in_bokmal_whatever_the_browser_asks_for(client, db):
    response = client.get("/logg-inn/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb"' in response.content.decode()
    assert "Logg inn" in response.content.decode()


def test_language_switch_chooses_nynorsk_and_it_sticks(client, db):
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/logg-inn/"})
    assert response.status_code == 302
    page = client.get("/logg-inn/")
    assert page["Content-Language"] == "nn"
    assert "Hopp til hovudinnhaldet" in page.content.decode()


def test_language_switch_chooses_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Skip to main content" in client.get("/logg-inn/").content.decode()


def test_unknown_language_cookie_falls_back_to_bokmal(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/logg-inn/")["Content-Language"] == "nb"

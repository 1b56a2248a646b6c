"""Whatever a visitor types into the search, the answer is a page, never a server error."""

import pytest

from klimanett.site.search import search_words
from tests.builders import make_example_page, make_site_pages


@pytest.mark.parametrize(
    "typed",
    ['"', '"unterminated', 'a"b', "varme\x00pumpe", "(sol OR vind", "sol*", "a:b", "-", "^", "_"],
    ids=[
        "quote",
        "open-quote",
        "inner-quote",
        "nul",
        "bracket",
        "star",
        "colon",
        "dash",
        "caret",
        "underscore",
    ],
)
def test_odd_characters_in_the_search_answer_with_a_page(client, db, typed):
    make_site_pages()
    make_example_page(title="Varmepumpe på skolen")
    response = client.get("/sok/", {"q": typed})
    assert response.status_code == 200


def test_search_words_keeps_letters_digits_and_hyphens_only():
    assert search_words(' "Varme-pumper" (Skien)* 2030:\x00 ') == "Varme-pumper Skien 2030"
    assert search_words("æøå ÆØÅ") == "æøå ÆØÅ"


def test_a_quoted_word_is_still_found(client, db):
    make_site_pages()
    make_example_page(title="Varmepumpe på skolen")
    page = client.get("/sok/", {"q": '"Varmepumpe'}).content.decode()
    assert "Varmepumpe på skolen" in page

"""The gettext catalogues: complete for bokmål and nynorsk, compiled, and used by Django."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
TRANSLATED_LANGUAGES = ["nb", "nn"]
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXor]")


def _po(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing: run makemessages"
    return polib.pofile(str(path))


def _mo(language: str) -> polib.MOFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert path.is_file(), f"{path} is missing: run compilemessages"
    return polib.mofile(str(path))


def _strings(entry: polib.POEntry | polib.MOEntry) -> dict[object, str]:
    """The msgid (and msgid_plural) with each translated form, keyed so .po and .mo compare."""
    if entry.msgid_plural:
        forms = {int(index): text for index, text in entry.msgstr_plural.items()}
        return {
            (entry.msgctxt, entry.msgid, entry.msgid_plural, index): forms[index] for index in forms
        }
    return {(entry.msgctxt, entry.msgid): entry.msgstr}


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _all_translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs: msgstr[0] against msgid, later forms against msgid_plural."""
    if entry.msgid_plural:
        return [
            (entry.msgid if int(index) == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_has_no_untranslated_entries(language):
    po = _po(language)
    assert len(po) > 0, f"{language}: the catalogue is empty"
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    # polib counts a plural entry as translated if any form is; every form must be.
    untranslated += [
        entry.msgid
        for entry in po.translated_entries()
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]
    assert not untranslated, f"{language}: untranslated entries: {untranslated}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_has_no_fuzzy_entries(language):
    po = _po(language)
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not fuzzy, f"{language}: fuzzy entries: {fuzzy}"
    assert not po.metadata_is_fuzzy, f"{language}: the header is marked fuzzy"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_header_declares_language_and_plural_forms(language):
    po = _po(language)
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po, mo = _po(language), _mo(language)
    expected: dict[object, str] = {}
    for entry in po.translated_entries():
        expected.update(_strings(entry))
    compiled: dict[object, str] = {}
    for entry in mo:
        if entry.msgid:  # skip the header
            compiled.update(_strings(entry))
    stale = sorted(
        {
            str(key[1])
            for key in expected.keys() | compiled.keys()
            if expected.get(key) != compiled.get(key)
        }
    )
    assert not stale, f"{language}: django.mo is out of date, run compilemessages. Differs: {stale}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in _po(language).translated_entries():
        for source, text in _all_translations(entry):
            if text and _placeholders(source) != _placeholders(text):
                wrong.append(f"{source!r} -> {text!r}")
    assert not wrong, f"{language}: placeholders differ: {wrong}"


def test_placeholder_check_sees_named_placeholders():
    assert _placeholders("The logo is %(size)s; the largest is %(limit)s.") == {"size", "limit"}
    assert _placeholders("%(counter)d partners, 100%% done") == {"counter"}
    assert _placeholders("No placeholders here.") == set()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "Hopp til hovedinnholdet"),
        ("nn", "Hopp til hovudinnhaldet"),
        ("en", "Skip to main content"),
    ],
)
def test_django_uses_the_catalogue(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [("nb", "1 partner", "3 partnere"), ("nn", "1 partnar", "3 partnarar")],
)
def test_django_uses_the_plural_forms(language, one, many):
    with translation.override(language):
        singular = translation.ngettext("%(counter)s partner", "%(counter)s partners", 1)
        plural = translation.ngettext("%(counter)s partner", "%(counter)s partners", 3)
    assert singular % {"counter": 1} == one
    assert plural % {"counter": 3} == many


def test_bokmal_and_nynorsk_differ_where_they_should():
    with translation.override("nb"):
        bokmal = translation.gettext("This account is not active. Contact the secretariat.")
    with translation.override("nn"):
        nynorsk = translation.gettext("This account is not active. Contact the secretariat.")
    assert bokmal == "Denne kontoen er ikke aktiv. Kontakt sekretariatet."
    assert nynorsk == "Denne kontoen er ikkje aktiv. Kontakt sekretariatet."

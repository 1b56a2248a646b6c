import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.no import orgnr

from klimanett.partners.models import Contact, unique_slug
from klimanett.partners.validators import org_number_check_digit


def test_check_digit_of_a_known_number():
    # 923609016 (Equinor ASA's published number): weights 3,2,7,6,5,4,3,2 over 9,2,3,6,0,9,0,1
    # give 27+4+21+36+0+36+0+2 = 126; 126 mod 11 = 5; 11 - 5 = 6.
    assert org_number_check_digit("92360901") == "6"


@given(st.from_regex(r"\A[89][0-9]{7}\Z"))
def test_check_digit_agrees_with_python_stdnum(body):
    check = org_number_check_digit(body)
    if check is None:
        assert not any(orgnr.is_valid(body + str(d)) for d in range(10))
    else:
        assert orgnr.is_valid(body + check)


def test_slugs_spell_out_norwegian_letters_and_are_numbered_when_taken():
    assert unique_slug("Bølgen Bakeri & Kafé AS", taken=lambda s: False) == "bolgen-bakeri-kafe-as"
    taken = {"aerfugl-as", "aerfugl-as-2"}
    assert unique_slug("Ærfugl AS", taken=taken.__contains__) == "aerfugl-as-3"


def test_an_organisation_has_at_most_one_main_contact(alice, bob, organisation_a):
    second = Contact.objects.get(user=bob)
    second.is_primary = True
    with pytest.raises(ValidationError, match="allerede en hovedkontakt"):
        second.full_clean()

import datetime

from django.core.management import call_command
from django.utils import timezone

from klimanett.core.models import User
from tests.builders import make_contact, make_organisation, make_secretariat_user, make_user


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_accounts_unused_beyond_the_retention_limit_are_deleted(db):
    stale = make_user(email="stale@example.no", last_login=_ago(400))
    never = make_user(email="never@example.no", date_joined=_ago(400))
    recent = make_user(email="recent@example.no", last_login=_ago(10))
    new = make_user(email="new@example.no", date_joined=_ago(5))
    secretariat = make_secretariat_user(email="sek@example.no", last_login=_ago(900))

    call_command("purge_inactive_users", days=365)

    remaining = set(User.objects.values_list("email", flat=True))
    assert remaining == {recent.email, new.email, secretariat.email}
    assert stale.email not in remaining and never.email not in remaining


def test_dry_run_deletes_nothing(db, capsys):
    make_user(email="stale@example.no", last_login=_ago(400))
    call_command("purge_inactive_users", days=365, dry_run=True)
    assert "stale@example.no" in capsys.readouterr().out
    assert User.objects.filter(email="stale@example.no").exists()


def test_an_organisations_main_contact_is_kept_however_long_unused(db):
    organisation = make_organisation()
    main = make_user(email="main@example.no", last_login=_ago(2000))
    other = make_user(email="other@example.no", last_login=_ago(2000))
    make_contact(main, organisation, is_primary=True)
    make_contact(other, organisation)

    call_command("purge_inactive_users", days=365)

    assert set(User.objects.values_list("email", flat=True)) == {"main@example.no"}

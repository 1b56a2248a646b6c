import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "klima.example.no",
    "KLIMANETT_TESTING": "0",
    "DEBUG": "0",
}


def _klimanett(*args, env):
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    return subprocess.run(
        [sys.executable, "-m", "klimanett", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = _klimanett(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=PRODUCTION_ENV | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_passwords_are_hashed_with_argon2_outside_the_test_suite(tmp_path):
    """The suite itself hashes with MD5 for speed (settings.TESTING); production does not."""
    result = _klimanett(
        "shell",
        "-c",
        "from django.contrib.auth.hashers import make_password; print(make_password('x' * 12))",
        env=PRODUCTION_ENV | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("argon2$")


def test_missing_secret_key_fails_loudly_in_production(tmp_path):
    env = PRODUCTION_ENV | {
        "SECRET_KEY": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = _klimanett("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_bad_boolean_setting_fails_loudly(tmp_path):
    env = PRODUCTION_ENV | {
        "DEBUG": "maybe",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = _klimanett("check", env=env)
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "ja"])
def test_a_boolean_setting_is_refused_unless_it_is_a_known_word(monkeypatch, value):
    """In-process, each value (the subprocess above shows it stops the start)."""
    from django.core.exceptions import ImproperlyConfigured

    from klimanett.settings import env_bool

    monkeypatch.setenv("KLIMANETT_SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="KLIMANETT_SOME_FLAG must be one of"):
        env_bool("KLIMANETT_SOME_FLAG")
    monkeypatch.setenv("KLIMANETT_SOME_FLAG", " Yes ")
    assert env_bool("KLIMANETT_SOME_FLAG") is True


def test_static_files_collect_for_production(tmp_path):
    env = PRODUCTION_ENV | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = _klimanett("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/designsystemet/index.css" in manifest
    assert "klimanett/favicon.svg" in manifest

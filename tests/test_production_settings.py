"""Production settings: `check --deploy` is clean and our pages carry a strict CSP."""

import os
import subprocess
import sys
from datetime import datetime, time

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-of-sufficient-length-and-entropy-0123456789",
    "ALLOWED_HOSTS": "thankyou.example",
    "PUBLIC_URL": "https://thankyou.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_the_operators_own_secret_key(tmp_path):
    # At its default level: Django only warns of a development key (security.W009).
    env = {
        key: value for key, value in {**os.environ, **PRODUCTION_ENV}.items() if key != "SECRET_KEY"
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/db.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "(cms.E001) SECRET_KEY is not set" in result.stdout + result.stderr


def test_our_pages_have_a_strict_content_security_policy(client, db):
    for url in ("/", "/demo/", "/api/v1/docs/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-eval" not in policy
    assert "unsafe-inline" not in client.get("/demo/")["Content-Security-Policy"]


def test_the_demo_reached_by_another_host_name_loads_its_media(client, db, settings):
    # PUBLIC_URL names 127.0.0.1; a visitor typed localhost. The content's
    # images, video and script are absolute to PUBLIC_URL.
    response = client.get("/demo/", HTTP_HOST="localhost")
    directives = dict(
        d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";")
    )
    for name in ("img-src", "media-src", "script-src", "connect-src"):
        assert settings.PUBLIC_URL in directives[name].split(), name


def test_the_admin_gets_the_policy_as_report_only(admin_client):
    response = admin_client.get("/cms/")
    assert "Content-Security-Policy" not in response
    policy = response["Content-Security-Policy-Report-Only"]
    assert "default-src 'self'" in policy
    # The editor frames its page previews: no report for every preview.
    assert "frame-ancestors 'self'" in policy and "frame-src 'self'" in policy


def python(code, tmp_path, **env):
    """Run code in a fresh interpreter with the production environment (and env)."""
    environment = {**os.environ, **PRODUCTION_ENV, **env}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path}/db.sqlite3"
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(  # noqa: S603  (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_server_without_its_own_secret_key_refuses_to_start(tmp_path):
    # The development key is public: action tokens signed with it could be forged.
    refused = python("import cms.wsgi", tmp_path, SECRET_KEY=None)
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr
    assert python("import cms.wsgi", tmp_path).returncode == 0
    assert python("import cms.wsgi", tmp_path, SECRET_KEY=None, DEBUG="1").returncode == 0


def test_a_public_url_without_scheme_or_host_is_refused(tmp_path):
    refused = python("import django; django.setup()", tmp_path, PUBLIC_URL="thankyou.example")
    assert refused.returncode != 0
    assert "PUBLIC_URL must be this server's origin" in refused.stderr


def test_the_render_cache_starts_afresh_for_a_new_public_url(tmp_path):
    code = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    old = python(code, tmp_path, **env).stdout
    new = python(code, tmp_path, **env, PUBLIC_URL="https://pages.example").stdout
    assert old.startswith("thankyou:") and new.startswith("thankyou:") and old != new


def test_a_load_balancer_s_plain_http_probes_are_answered_not_redirected(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/demo/").status_code == 301, "everything else goes to https"


def test_the_admin_s_e_mails_go_to_the_smtp_server_configured(tmp_path):
    code = (
        "import django; django.setup(); from django.core import mail; "
        "m = mail.mailers['default']; print(type(m).__module__, getattr(m, 'host', ''))"
    )
    assert python(code, tmp_path, EMAIL_HOST="smtp.example").stdout.split() == [
        "django.core.mail.backends.smtp",
        "smtp.example",
    ]
    assert "console" in python(code, tmp_path, DEBUG="1").stdout, "printed in development"


def test_the_checks_pass_at_the_default_order_cutoff_too(monkeypatch):
    """Django warns of a fixed time default only around that time of day."""
    from thankyou.core.models import Shop

    two_pm = datetime(2026, 11, 26, 14, 0, 3)
    monkeypatch.setattr("django.db.models.fields._get_naive_now", lambda: two_pm)
    field = Shop._meta.get_field("order_cutoff")
    assert field.check() == []
    assert field.get_default() == time(14, 0)

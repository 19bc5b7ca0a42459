"""
The database going away (a restart, a failover) gives the API's callers a
JSON 503 with Retry-After, not a 500; the next request works again.
"""

import json

import psycopg
import pytest
from django.db import close_old_connections, connection

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: a server to cut the connection of",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def cut_djangos_connection():
    """Terminate the server side of Django's connection, as a restart does."""
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"],
        password=settings["PASSWORD"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_events_answer_503_while_the_database_is_gone(api, make_page, shop, token_for):
    make_page(shop, body=[("heading", {"text": "Danke", "subtitle": ""})])
    rendered = api.render({"token": token_for(shop)}).json()
    batch = json.dumps({"action_token": rendered["action_token"], "events": [{"type": "view"}]})

    cut_djangos_connection()
    response = api.post("/api/v1/events", data=batch, content_type="text/plain")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "unavailable"

    # The end of every request drops an unusable connection; the test client skips it.
    close_old_connections()
    again = api.post("/api/v1/events", data=batch, content_type="text/plain")
    assert again.status_code == 200, again.content

"""Webhooks out: the outbox (outbox.py), signing and sending (sending.py), tasks."""

"""Webhooks out: the outbox and its task (outbox.py), signing and sending (sending.py)."""

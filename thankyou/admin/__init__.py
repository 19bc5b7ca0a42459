"""The editor's front door: Wagtail admin views, viewsets and hooks."""

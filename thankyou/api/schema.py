def public_endpoints_only(endpoints, **kwargs):
    """Document our public API only, not the Wagtail admin's internal one."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]

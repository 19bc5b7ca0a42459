"""
The thank-you page server.

Packages, each importing only from those below it (``make lint`` checks
this with import-linter; see pyproject.toml):

    api | admin | management   the front doors: public API, Wagtail admin, commands
    pages          page models, which page an order gets, previews, the experience check
    render         a page's blocks rendered for one order, shared where orders agree
    blocks         the block protocol, the registry, the standard blocks and their answers
    targeting | analytics | webhooks | media
                   segments and sample customers; events and A/B tests; the
                   webhook outbox; images and documents
    tenancy        who works on which shop, and what of theirs they may see
    core           order contexts and claims, tokens, keys, the cache, errors, shops

The demo shop is an app of its own (``thankyou_demo``) that nothing here imports.
"""

"""Shopify shops: their checkout extension's session tokens and their orders from the Admin API."""

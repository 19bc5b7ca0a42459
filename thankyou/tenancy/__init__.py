"""Shops as tenants: who works on which shop, and what of theirs they may see."""

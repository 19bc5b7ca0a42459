"""Rendering a page's blocks for one order, sharing what orders have in common."""

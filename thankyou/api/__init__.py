"""The public front door: the render, actions and events API, the embed script, health."""

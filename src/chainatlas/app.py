"""Composition root: builds the application from settings (the web issue fills in the routes)."""

"""Page views, one module per area; each parses the request, calls services and renders a template."""

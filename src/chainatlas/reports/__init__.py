"""Report builders and renderers: chart options and page presenters that the web pages and the chain chief's
briefing both use (labels come in from the caller, in its language). Renders, never queries.

May import `domain` and `analytics` (constants and pure helpers), never `services`, `store` or the adapters.
"""

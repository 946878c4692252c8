"""Renders results for people: chart option data, money and other presenters the pages and the briefing share.

Renders, never queries: may import `domain` and `analytics` (constants, result types); never `services`,
`store` or the adapters, and no database library.
"""

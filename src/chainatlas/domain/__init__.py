"""Pure types and rules of the registry (Pydantic v2); no I/O, no clock, no settings.

May import only the standard library and pydantic.
"""

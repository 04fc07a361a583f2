"""Turning results into what people and programs read: text, tables, JSON and CSV."""

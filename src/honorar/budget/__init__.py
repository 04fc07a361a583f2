"""Budgets: a plan of meetings (`plans`) priced ahead against the rate tables (`estimate`)."""

"""Accounts: young people (optional accounts), professionals, staff roles."""

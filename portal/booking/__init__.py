"""Appointment booking with professionals (issue 7)."""

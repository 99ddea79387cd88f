"""Mutations of the CRM; each returns a payload with the object and a list of typed errors."""

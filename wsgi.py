"""WSGI entry point: ``gunicorn -w 1 --threads 100 wsgi:app`` (see README)."""

from portal import create_app

app = create_app()

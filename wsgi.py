"""WSGI entry point: ``gunicorn -k gevent -w 1 --worker-connections 5000 wsgi:app`` (see README).

gunicorn's gevent worker monkey-patches the standard library before it loads
this module, so Socket.IO runs in gevent mode; the same process settings as
``flask portal serve`` then apply (portal/core/serving.py)."""

from portal import create_app
from portal.config import gevent_patched

app = create_app()

if gevent_patched():
    from portal.core.serving import tune_gevent

    tune_gevent()

"""WSGI entry point, used by `dwarsverband serve` and by any WSGI server in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dwarsverband.conf.base")

application = get_wsgi_application()

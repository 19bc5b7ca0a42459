import os

from django.core.wsgi import get_wsgi_application

from cms.startup import refuse_development_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

application = get_wsgi_application()
refuse_development_key()

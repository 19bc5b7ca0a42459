import os

from django.core.asgi import get_asgi_application

from cms.startup import refuse_development_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

application = get_asgi_application()
refuse_development_key()

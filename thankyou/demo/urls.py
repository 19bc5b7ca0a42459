from django.urls import path

from . import views

urlpatterns = [path("", views.confirmation_page, name="confirmation")]

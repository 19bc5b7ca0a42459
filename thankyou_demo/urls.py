from django.urls import path

from thankyou_demo import receiver, views

urlpatterns = [
    path("", views.confirmation_page, name="confirmation"),
    path("webhook-receiver/", receiver.webhook_receiver, name="webhook-receiver"),
    path("register/", receiver.registration_page, name="register"),
]

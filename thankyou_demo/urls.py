from django.urls import path

from thankyou_demo import inbox, receiver, views

urlpatterns = [
    path("", views.confirmation_page, name="confirmation"),
    path("webhook-receiver/", receiver.webhook_receiver, name="webhook-receiver"),
    path("register/", receiver.registration_page, name="register"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<str:name>/", inbox.message_html, name="inbox-message"),
]

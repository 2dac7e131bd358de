from django.urls import path

from journeys import views

urlpatterns = [
    path("imports/ssda903/", views.import_upload, name="ssda903-upload"),
    path("imports/<int:pk>/", views.import_detail, name="ssda903-record"),
]

from django.urls import path

from recruitment import views

urlpatterns = [path("recruitment/", views.recruitment, name="recruitment")]

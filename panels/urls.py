from django.urls import path

from panels import views

urlpatterns = [
    path("panels/", views.calendar, name="panel-calendar"),
    path("panels/meetings/<int:pk>/", views.meeting, name="panel-meeting"),
    path("panels/quorum-rule/", views.quorum_rule, name="panel-quorum-rule"),
]

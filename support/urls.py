from django.urls import path

from support import views

urlpatterns = [
    path("support/", views.referrals, name="support-referrals"),
    path("support/referrals/<int:pk>/", views.referral, name="support-referral"),
]

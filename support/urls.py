from django.urls import path

from support import contact_group_views, views

urlpatterns = [
    path("support/", views.referrals, name="support-referrals"),
    path("support/referrals/<int:pk>/", views.referral, name="support-referral"),
    path("support/contact/", contact_group_views.contact_arrangements, name="support-contact-list"),
    path(
        "support/contact/<int:pk>/",
        contact_group_views.contact_arrangement,
        name="support-contact",
    ),
    path("support/groups/", contact_group_views.support_groups, name="support-groups"),
    path("support/groups/<int:pk>/", contact_group_views.support_group, name="support-group"),
]

from django.urls import path

from agencies import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/token/", views.account_token_create, name="account-token-create"),
    path("account/token/revoke/", views.account_token_revoke, name="account-token-revoke"),
]

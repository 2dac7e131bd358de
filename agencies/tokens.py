"""API tokens: they expire, and are revoked when the password changes, when the account is locked
out (axes) and when the role changes. A token of a role that must use two factors is made only
after the second factor, lives for hours rather than days, and stops working if the user has no
confirmed authenticator app (docs/security.md, tokens)."""

from datetime import timedelta

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from agencies.models import StaffRole

TOKEN_EXPIRED = "The API token has expired: make a new one on the Your account page."
TOKEN_NEEDS_SECOND_FACTOR = (
    "Your role must use two-factor sign-in: set up your authenticator app, then make a new token."
)


def token_lifetime(user) -> timedelta:
    """How long a token made now stays valid: hours for two-factor roles, days for others."""
    # Imported here: two_factor imports the API plumbing, which loads this module through
    # DRF's settings.
    from agencies.two_factor import two_factor_required

    if two_factor_required(user):
        return timedelta(hours=settings.API_TOKEN_TWO_FACTOR_HOURS)
    return timedelta(days=settings.API_TOKEN_DAYS)


def token_expires(token: Token):
    return token.created + token_lifetime(token.user)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing expired tokens and the tokens of two-factor roles
    whose user has no confirmed second factor."""

    def authenticate_credentials(self, key):
        from agencies.two_factor import confirmed_device, two_factor_required

        user, token = super().authenticate_credentials(key)
        if token_expires(token) <= timezone.now():
            token.delete()
            raise AuthenticationFailed(TOKEN_EXPIRED)
        if two_factor_required(user) and confirmed_device(user) is None:
            raise AuthenticationFailed(TOKEN_NEEDS_SECOND_FACTOR)
        return user, token


@receiver(user_locked_out, dispatch_uid="agencies.tokens.revoke_on_lockout")
def revoke_on_lockout(sender, request=None, username=None, **kwargs):
    """A locked-out account's token stops working with it."""
    if username:
        Token.objects.filter(user__username=username).delete()


@receiver(pre_save, sender=User, dispatch_uid="agencies.tokens.revoke_on_password_change")
def revoke_on_password_change(sender, instance: User, raw=False, **kwargs):
    """A new password (from any page, command or the admin) revokes the token made under the
    old one."""
    if raw or instance.pk is None:
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()


@receiver(post_save, sender=StaffRole, dispatch_uid="agencies.tokens.revoke_on_role_change")
def revoke_on_role_change(sender, instance: StaffRole, raw=False, **kwargs):
    """A token carries the scope of the role it was made under: a new role needs a new token."""
    if not raw:
        Token.objects.filter(user_id=instance.user_id).delete()

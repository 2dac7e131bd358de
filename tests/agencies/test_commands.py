"""The set-up commands: add_raa, add_la and grant_role, including their one-line errors."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import LocalAuthority, RegionalAdoptionAgency, Role


@pytest.mark.django_db
class TestCommands:
    def test_add_raa_add_la_and_grant_role_set_up_a_working_user(self):
        call_command("add_raa", "north", "North Adoption")
        call_command("add_la", "101", "Riverside", "--raa", "north")
        call_command(
            "grant_role",
            "sam",
            "la_manager",
            "--la",
            "101",
            "--password",
            "a long s3cret passphrase",
        )
        la = LocalAuthority.objects.get(code="101")
        assert la.raa == RegionalAdoptionAgency.objects.get(slug="north")
        user = User.objects.get(username="sam")
        assert user.check_password("a long s3cret passphrase")
        assert (user.staff_role.role, user.staff_role.la) == (Role.LA_MANAGER, la)

    def test_grant_role_replaces_the_previous_role(self, world):
        call_command("grant_role", "sam", "family_finder", "--raa", "north")
        call_command("grant_role", "sam", "raa_manager", "--raa", "north")
        user = User.objects.get(username="sam")
        assert user.staff_role.role == Role.RAA_MANAGER
        assert not user.is_staff  # the admin is for superusers (docs/adr/0007-admin.md)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["sam", "wizard", "--raa", "north"], "Unknown role 'wizard'"),
            (["sam", "la_manager", "--la", "999"], "Unknown LA code '999'"),
            (["sam", "la_manager", "--raa", "north"], "scoped to an LA: give --la"),
            (["sam", "raa_manager", "--la", "101"], "scoped to an RAA: give --raa"),
            (["sam", "family_finder"], "needs a scope"),
            (["sam", "board_member", "--raa", "nowhere"], "Unknown RAA 'nowhere'"),
            (["sam", "board_member", "--raa", "north", "--la", "101"], "not both"),
            (["sam", "board_member", "--raa", "north", "--password", "s3cret-pw!"], "too short"),
            (["sam", "board_member", "--raa", "north", "--password", "1234567890123"], "numeric"),
        ],
    )
    def test_grant_role_refuses_bad_input_with_one_line(self, world, args, message):
        with pytest.raises(CommandError, match=message) as error:
            call_command("grant_role", *args)
        assert "\n" not in str(error.value)
        assert not User.objects.filter(username="sam").exists()

    def test_add_la_refuses_a_code_that_is_not_three_digits(self, world):
        with pytest.raises(CommandError, match="three-digit"):
            call_command("add_la", "12", "Tiny")

    def test_add_la_refuses_an_unknown_raa(self):
        with pytest.raises(CommandError, match="Unknown RAA 'nowhere'"):
            call_command("add_la", "123", "Town", "--raa", "nowhere")

    def test_add_raa_refuses_a_duplicate_slug(self, world):
        with pytest.raises(CommandError, match="slug"):
            call_command("add_raa", "north", "Again")

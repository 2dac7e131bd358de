"""The RAA manager's quorum-rule page (it was in the admin, docs/adr/0007-admin.md)."""

import pytest
from django.core.exceptions import PermissionDenied

from panels.models import QuorumRule
from panels.services import quorum_rule_save
from tests.factories import ROLES

pytestmark = pytest.mark.django_db

RULE = {"min_members": "4", "min_members_joint": "6", "needs_chair_or_vice": "on"}


def test_an_raa_manager_sets_their_raas_quorum_rule(client, world, users):
    client.force_login(users.raa_manager)
    assert client.post("/panels/quorum-rule/", RULE).status_code == 302
    rule = QuorumRule.objects.get(raa=world.north)
    assert (rule.min_members, rule.needs_chair_or_vice, rule.needs_independent) == (4, True, False)


def test_a_quorum_rule_cannot_be_set_for_another_raa(world, users):
    with pytest.raises(PermissionDenied):
        quorum_rule_save(user=users.raa_manager, raa=world.south, min_members=40)
    assert not QuorumRule.objects.filter(raa=world.south).exists()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "raa_manager"])
def test_other_roles_cannot_set_a_quorum_rule(client, users, role):
    client.force_login(getattr(users, role))
    response = client.post("/panels/quorum-rule/", RULE)
    assert response.status_code in (403, 404)
    assert not QuorumRule.objects.exists()

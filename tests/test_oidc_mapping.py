"""Sign-in through the organisation's identity provider maps to our user record, or is refused."""

from __future__ import annotations

import pytest

from data_model.access import Role, User
from data_model.accounts import NOT_REGISTERED, SignInFailed, add_user, get_account, set_disabled
from data_model.sign_in import user_for_oidc
from data_model.store import Store, open_store


@pytest.fixture
def store(sqlite_url: str) -> Store:
    store = open_store(sqlite_url)
    add_user(store, "pat", Role.PRACTITIONER, agency_id="HEALTH", email="Pat.Jones@Northbrook.nhs.uk")
    return store


def test_first_sign_in_matches_by_email_and_remembers_the_subject(store: Store) -> None:
    user = user_for_oidc(store, {"sub": "abc-123", "email": "pat.jones@northbrook.nhs.uk", "email_verified": True})
    assert user == User("pat", Role.PRACTITIONER, "HEALTH")
    assert get_account(store, "pat").oidc_subject == "abc-123"


def test_entra_id_users_match_by_their_principal_name(store: Store) -> None:
    assert user_for_oidc(store, {"sub": "x1", "preferred_username": "PAT.JONES@northbrook.nhs.uk"}).username == "pat"


def test_later_sign_ins_match_by_subject_even_if_the_email_changed(store: Store) -> None:
    user_for_oidc(store, {"sub": "abc-123", "email": "pat.jones@northbrook.nhs.uk"})
    assert user_for_oidc(store, {"sub": "abc-123", "email": "p.jones@new.nhs.uk"}).username == "pat"


def test_another_identity_with_the_same_email_is_refused(store: Store) -> None:
    user_for_oidc(store, {"sub": "abc-123", "email": "pat.jones@northbrook.nhs.uk"})
    with pytest.raises(SignInFailed, match="not registered"):
        user_for_oidc(store, {"sub": "someone-else", "email": "pat.jones@northbrook.nhs.uk"})


def test_an_unknown_identity_is_refused(store: Store) -> None:
    with pytest.raises(SignInFailed) as caught:
        user_for_oidc(store, {"sub": "zzz", "email": "stranger@example.org"})
    assert str(caught.value) == NOT_REGISTERED


def test_an_unverified_email_does_not_match(store: Store) -> None:
    with pytest.raises(SignInFailed):
        user_for_oidc(store, {"sub": "zzz", "email": "pat.jones@northbrook.nhs.uk", "email_verified": False})


def test_a_disabled_account_cannot_sign_in_through_the_provider(store: Store) -> None:
    set_disabled(store, "pat")
    with pytest.raises(SignInFailed, match="does not allow sign-in"):
        user_for_oidc(store, {"sub": "abc-123", "email": "pat.jones@northbrook.nhs.uk"})

"""Shared fixtures: one persona per role, as the council's users are."""

import pytest

from indicators import roles
from tests.factories import DirectorateFactory, DivisionFactory, IndicatorFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Tests create many users; a deliberately slow hash would dominate the run."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def tasks_run_in_process():
    """Tasks run as they are called, even when CELERY_BROKER_URL names a broker (CI's PostgreSQL + Redis run).

    The worker test in tests/test_alerts.py turns this off to go through the real broker.
    """
    from config.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated files (Cabinet papers, uploads) go to a fresh folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def directorate(db):
    return DirectorateFactory(name="Children, Young People and Education", slug="cype",
                              cabinet_member="Sue Chandler", corporate_director="Matt Dunkley")


@pytest.fixture
def division(directorate):
    return DivisionFactory(directorate=directorate, name="Children's Integrated Services")


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", first_name="Olive", last_name="Officer", roles=[roles.OFFICER])


@pytest.fixture
def other_officer(db):
    return UserFactory(username="other_officer", first_name="Oscar", last_name="Other", roles=[roles.OFFICER])


@pytest.fixture
def performance_officer(db):
    return UserFactory(username="perf", first_name="Priya", last_name="Analyst", roles=[roles.PERFORMANCE_TEAM])


@pytest.fixture
def director(db, directorate):
    user = UserFactory(username="director", first_name="Dana", last_name="Director", roles=[roles.DIRECTOR])
    directorate.directors.add(user)
    return user


@pytest.fixture
def member(db):
    return UserFactory(username="member", first_name="Cllr Mo", last_name="Member", roles=[roles.MEMBER])


@pytest.fixture
def pat_chair(db):
    return UserFactory(username="patchair", first_name="Pat", last_name="Chair", roles=[roles.PAT_CHAIR])


@pytest.fixture
def kpi(directorate, officer):
    return IndicatorFactory(code="CS01", title="Percentage of phone calls answered", directorate=directorate,
                            accountable_officer=officer, unit="percentage", decimal_places=1, polarity="higher")


@pytest.fixture
def others_kpi(directorate, other_officer):
    return IndicatorFactory(code="CS02", title="Percentage of complaints responded to within timescale",
                            directorate=directorate, accountable_officer=other_officer)


def login(client, user):
    client.force_login(user)
    return client

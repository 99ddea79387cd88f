import threading

import pytest
from django.db import connection

from cms.models import ServicePage
from crm.models import StaffRole
from tests.crm.factories import BranchFactory, CustomerFactory, UserFactory

POSTGRES_ONLY_REASON = (
    "needs PostgreSQL: SQLite ignores SELECT ... FOR UPDATE and lets one transaction write at a "
    "time, so parallel requests fail with 'database is locked' instead of waiting for the row lock"
)


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_other_databases(request):
    if request.node.get_closest_marker("postgres_only") and connection.vendor != "postgresql":
        pytest.skip(POSTGRES_ONLY_REASON)


@pytest.fixture
def branch(db):
    return BranchFactory()


@pytest.fixture
def customer(db):
    return CustomerFactory()


@pytest.fixture
def front_desk(db):
    return UserFactory(role=StaffRole.FRONT_DESK)


@pytest.fixture
def therapist(db):
    return UserFactory(role=StaffRole.THERAPIST)


@pytest.fixture
def doctor(db):
    return UserFactory(role=StaffRole.DOCTOR)


@pytest.fixture
def marketing(db):
    return UserFactory(role=StaffRole.MARKETING)


@pytest.fixture
def manager(db):
    return UserFactory(role=StaffRole.MANAGER)


@pytest.fixture
def facial_service(db):
    """A live facial service from the demo clinic (category facial, queue prefix A)."""
    return ServicePage.objects.get(slug="facial-glow-brightening")


@pytest.fixture
def run_in_parallel():
    """Run `work(index)` in `count` threads released at the same moment.

    Returns (results, errors) in completion order. Each thread uses and then closes its own
    database connection, as Django gives every thread its own.
    """

    def run(count: int, work):
        barrier = threading.Barrier(count)
        results, errors = [], []
        lock = threading.Lock()

        def worker(index):
            try:
                barrier.wait(timeout=30)
                result = work(index)
                with lock:
                    results.append(result)
            except Exception as error:  # collected and asserted on by the test
                with lock:
                    errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
        return results, errors

    return run

"""The API and page clients of tests/api and tests/web, for the upload tests here."""

from tests.api.conftest import api  # noqa: F401  # a fixture, used by name
from tests.web.conftest import pages  # noqa: F401  # a fixture, used by name

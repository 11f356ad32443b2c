# The downloads' tests use the postings' tests' fully stated posting.
from tests.postings.conftest import full_posting  # noqa: F401

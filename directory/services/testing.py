"""Deprecated: tests, generate_services and the benchmark make services with tests/factories (ServicePageFactory,
get_directory). This module only forwards to them for tests/integration/test_visibility.py, which another change
owns; delete it once that test imports from tests.factories."""

from tests.factories import ServicePageFactory, get_directory

__all__ = ["get_directory", "make_service"]


def make_service(directory=None, publish=True, needs=(), categories=("health",), **fields):
    """ServicePageFactory under its old name: `publish=False` is `draft=True`, `needs` is `need_types`."""
    return ServicePageFactory(parent=directory, draft=not publish, need_types=needs, categories=categories, **fields)

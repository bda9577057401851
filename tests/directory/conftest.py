"""The guide's tests use the shared factories' fixtures (tests/conftest.py:
``create_structure``, ``create_person``, ``create_service``)."""

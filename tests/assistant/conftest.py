from tests.knowledge.conftest import all_articles, all_sheets, sample_articles  # noqa: F401

"""docs/sitewide.md documents every column of every download, so the page and the docs cannot drift apart."""

from django.conf import settings

from sitewide.downloads import DATASETS


def test_the_docs_name_every_download_column():
    docs = (settings.BASE_DIR / "docs" / "sitewide.md").read_text()
    for name, dataset in DATASETS.items():
        assert f"`{name}.csv`" in docs
        for column in dataset.columns:
            assert f"| `{column.name}` | {column.type} | {column.meaning} |" in docs, (name, column.name)

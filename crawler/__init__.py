"""gupress: crawler and versioned SQL archive of Korean district (자치구) press releases.

The package hands the archive layer its district tagger here (``storage.tagging``), so that
``storage`` never imports ``crawler`` and still stamps, mirrors and rebuilds district tags.
"""

__version__ = "0.1.0"


def _district_tagger():
    from crawler.districts import storage_tagger

    return storage_tagger()


def _install_tagger() -> None:
    from storage import tagging

    tagging.install(_district_tagger)


_install_tagger()

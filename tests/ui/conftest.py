"""UI fixtures: a real window with the real analysis service, settings in a temp folder."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path_factory):
    from viewer.ui.settings import Settings

    # In a folder of its own, so tests may check that nothing else was written to tmp_path.
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return Settings(QSettings(str(folder / "test.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings, tmp_path_factory):
    from viewer.core.cache import AnalysisCache
    from viewer.ui.analysis_service import AnalysisService
    from viewer.ui.main_window import MainWindow

    # A cache of its own, so each test sees the analysis path it expects.
    service = AnalysisService(cache=AnalysisCache(tmp_path_factory.mktemp("cache")))
    service.preload_model()
    main_window = MainWindow(service, settings)
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    main_window.close()
    service.shutdown()


@pytest.fixture
def analysed_window(qtbot, window, sample_path):
    with qtbot.waitSignal(window.analysis_shown, timeout=120_000):
        assert window.open_source(sample_path)
    return window


@pytest.fixture(autouse=True)
def no_corrections_left_behind():
    """A correction made in one test (by a key it presses) must not change what the next one sees."""
    yield
    from viewer.core.corrections import CorrectionStore

    CorrectionStore().clear()

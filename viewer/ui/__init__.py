"""The Qt side of Article Viewer: windows, widgets, models, actions and background workers.

It depends on viewer.core; viewer.core never depends on it.
"""

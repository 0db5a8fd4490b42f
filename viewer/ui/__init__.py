"""The Qt side of Article Viewer: windows, widgets, models, actions and background workers.

It depends on viewer.core; viewer.core never depends on it.
"""
from .qtfix import guard_none_refcount

guard_none_refcount()

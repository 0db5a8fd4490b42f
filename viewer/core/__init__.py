"""The Qt-free heart of Article Viewer: loading articles, analysing them, caching.

Nothing in this package imports Qt, so the command line, the tests and the
background worker can use it without a display.
"""

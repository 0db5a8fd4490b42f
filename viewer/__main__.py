"""`python -m viewer [FILE|URL]` opens the window; `python -m viewer analyze ...` and `library ...` run headless,
`python -m viewer corrections ...` lists and undoes the reader's entity corrections.

run() is also what main.py and the installed `article-viewer` launcher call.
"""
import gc
import sys


def run() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["analyze"]:
        from .cli import main as analyze_main

        return analyze_main(argv[1:])
    if argv[:1] == ["corrections"]:
        from .cli import corrections_main

        return corrections_main(argv[1:])
    if argv[:1] == ["library"]:
        from .library_cli import main as library_main

        return library_main(argv[1:])
    # The window's start-up makes many long-lived objects (modules, Qt types, enums) and no cycles
    # worth collecting: without the collector from here, its full passes over them during these
    # imports cost about 4 ms before the first paint. The window switches it back on once the
    # article text is painted (viewer/ui/launch.py).
    gc.disable()
    from .app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(run())

"""`python -m viewer [FILE|URL]` opens the window; `python -m viewer analyze ...` runs headless."""
import sys


def run() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["analyze"]:
        from .cli import main as analyze_main

        return analyze_main(argv[1:])
    from .app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(run())

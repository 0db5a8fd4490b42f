#!/usr/bin/env python3
"""Launch Article Viewer from a source checkout: `python main.py [FILE|URL]`."""
import sys

from viewer.__main__ import run

if __name__ == "__main__":
    sys.exit(run())

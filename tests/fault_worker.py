"""The real analysis worker (viewer/core/worker.py) with a fault made in its own process, for the tests.

A pool started with worker_module="tests.fault_worker" runs this instead of the
worker's own main(); ARTICLE_VIEWER_TEST_FAULT says which fault:

- "keypoints-once": the key-point step raises RuntimeError("injected fault") the
  first time it runs in this process, as a bug would, and works after that;
- "no-installed-models": no installed model is found, so only ARTICLE_VIEWER_MODEL
  is tried (as on a machine where the app was installed without its model).
"""
from __future__ import annotations

import os
import sys

from viewer.core import worker


def main() -> int:
    fault = os.environ.get("ARTICLE_VIEWER_TEST_FAULT", "")
    if fault == "keypoints-once":
        from viewer.core import keypoints

        real_select = keypoints.select
        calls = []

        def fails_once(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("injected fault")
            return real_select(*args, **kwargs)

        keypoints.select = fails_once
    elif fault == "no-installed-models":
        from viewer.core import language_model

        language_model.CANDIDATES = ()
    return worker.main()


if __name__ == "__main__":
    sys.exit(main())

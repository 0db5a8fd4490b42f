"""The one error type the core raises for input it cannot use.

Its message is a single sentence meant for the user, shown in the window or
printed on stderr by the command line, never a traceback.
"""


class ArticleError(Exception):
    """An article could not be opened or analysed; str(error) says why in one sentence."""


class ModelError(ArticleError):
    """No usable language model: the message says how to install one."""

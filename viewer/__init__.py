"""Article Viewer: a desktop reader that highlights an article's entities and key points."""

__version__ = "0.1.0"
APP_NAME = "Article Viewer"
APP_ID = "io.github.articleviewer.ArticleViewer"
ORGANISATION = "Article Viewer"

"""The reader's own messages: widgets say what the user chose, the app decides what follows."""

from __future__ import annotations

from textual.message import Message


class OpenArticle(Message):
    """Open this article in the reader pane (Enter on the list or on a search hit)."""

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id


class EntityChosen(Message):
    """Filter the list to the articles that mention this entity (its normalised name)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class ViewChosen(Message):
    """Show this entry of the feeds pane in the list ('all', 'unread', 'source:NAME', …)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class StoryChosen(Message):
    """List this story's articles (Enter on the story list)."""

    def __init__(self, story_id: int) -> None:
        super().__init__()
        self.story_id = story_id

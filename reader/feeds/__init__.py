"""Sources on the web: fetching over HTTP, RSS/Atom feeds, OPML lists, and refreshing them."""

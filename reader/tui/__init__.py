"""The Textual app: screens and widgets, no business logic."""

"""The command line: every stage from the shell, readable by default, `--json` for scripts.

`reader` alone opens the TUI. Heavy modules are imported inside the commands that need
them, so `reader list` stays quick.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from reader import __version__
from reader.model import normalise_lang
from reader.sanitize import strip_controls


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _open(ctx: click.Context):
    from reader.store import open_store
    from reader.store.schema import SchemaError

    def progress(task: str, done: int, total: int) -> None:
        if not total:
            return  # a new store: nothing to upgrade
        what = {"reindex": "rebuilding the search index", "rekey": "re-keying entities"}.get(task, task)
        click.echo(f"upgrading the store: {what}: {done:,}/{total:,} articles", err=True)

    from reader.store.store import StoreError

    try:
        return open_store(ctx.obj["home"], progress, db=ctx.obj.get("db"), user=ctx.obj.get("user"))
    except (SchemaError, StoreError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, …
        raise click.ClickException(f"cannot open the store: {exc}") from None


def _lang_option(value: str | None) -> str | None:
    return normalise_lang(value) if value else None


class _Guarded(click.Group):
    """Any command: a database error while reading or writing the store is one line naming the
    database and what to do (never a traceback), and the command stops there."""

    def invoke(self, ctx: click.Context):
        from reader.store.store import StoreError, database_errors

        try:
            return super().invoke(ctx)
        except (*database_errors(), StoreError) as exc:
            from reader.config import db_target
            from reader.store.postgres import redact
            from reader.store.store import describe

            target = db_target((ctx.obj or {}).get("home"), (ctx.obj or {}).get("db"))
            raise click.ClickException(describe(exc, redact(target) if isinstance(target, str) else target)) from None


@click.group(invoke_without_command=True, cls=_Guarded)
@click.option("--home", type=click.Path(file_okay=False), envvar="READER_HOME", help="Data folder (default: READER_HOME, else the user data dir).")
@click.option("--db", envvar="READER_DB", metavar="URL|FILE",
              help="The store: a postgresql:// URL (a team's server; password from PGPASSWORD, ~/.pgpass or a service file) "
                   "or an SQLite file (default: READER_DB, else config.toml's db, else reader.db in the data folder).")
@click.option("--user", envvar="READER_USER", help="Whose read, starred, tags and saved searches on a PostgreSQL store (default: READER_USER, else the login name).")
@click.version_option(__version__, prog_name="reader")
@click.pass_context
def cli(ctx: click.Context, home: str | None, db: str | None, user: str | None) -> None:
    """A terminal news reader for English, Ukrainian and Russian."""
    ctx.ensure_object(dict)
    ctx.obj.update(home=home, db=db, user=user)
    if ctx.invoked_subcommand is None:
        import gc

        # Off while Textual is imported and the first screen built (~10 ms of collections
        # over objects that all live on); ReaderApp.run turns it back on after the first paint.
        gc.disable()
        try:
            from reader.tui.app import run

            run(home, db, user)
        finally:
            gc.enable()


# --- ingestion ------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input, then a summary.")
@click.option("--source", help="Name the source these articles come from.")
@click.pass_context
def add(ctx: click.Context, paths: tuple[str, ...], as_json: bool, source: str | None) -> None:
    """Add articles from files, folders (recursively) and URLs; same URL or content = same article."""
    from reader.ingest.files import unexpected
    from reader.ingest.sources import read_sources
    from reader.pipeline import understand
    from reader.sanitize import clean_field

    # kept apart: a different text under a URL or GUID already stored, stored as its own article
    counts = {"added": 0, "updated": 0, "unchanged": 0, "kept apart": 0, "failed": 0}
    grouped: list[int] = []  # added or changed: (re)grouped into stories after the batch
    from reader.ingest.sitememory import StoredSiteMemory

    with _open(ctx) as store, _Progress() as progress:
        for item in progress.track(read_sources(list(paths), StoredSiteMemory(store))):
            if item.article is not None:
                article = item.article
                if source:
                    article.source = source
                try:
                    spans, warning = understand(article)
                except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop the batch
                    item.article, item.error = None, unexpected(exc)
            if item.article is None:
                counts["failed"] += 1
                click.echo(clean_field(f"error: {item.label}: {item.error}"), err=True)
                if as_json:
                    click.echo(_dump({"path": clean_field(item.label), "error": clean_field(item.error)}))
                continue
            if warning:
                click.echo(clean_field(f"warning: {item.label}: {warning}"), err=True)
            try:
                article_id, status = store.add(article, entities=spans)
            except Exception as exc:  # a store error on one article must not stop the batch
                counts["failed"] += 1
                click.echo(clean_field(f"error: {item.label}: cannot store: {exc}"), err=True)
                continue
            counts[status] += 1
            if status != "unchanged":
                grouped.append(article_id)
            if as_json:
                click.echo(_dump({"path": clean_field(item.label), "id": article_id, "status": status, "title": article.title}))
        _group_stories(store, grouped)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n or k != "kept apart")
    if as_json:
        click.echo(_dump(counts))
    else:
        click.echo(summary, err=True)
    ctx.exit(1 if counts["failed"] else 0)


class _Progress:
    """A progress line on stderr that appears only when a batch takes more than a moment."""

    DELAY = 0.7

    def __enter__(self) -> "_Progress":
        self.progress = None
        return self

    def track(self, items):
        start = time.monotonic()
        done = 0
        for item in items:
            yield item
            done += 1
            if self.progress is None and time.monotonic() - start > self.DELAY and sys.stderr.isatty():
                from rich.console import Console
                from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

                self.progress = Progress(SpinnerColumn(), TextColumn("{task.completed} done"), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
                self.progress.start()
                self.task = self.progress.add_task("add")
            if self.progress is not None:
                self.progress.update(self.task, completed=done)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line, in the order given.")
def clean(paths: tuple[str, ...], as_json: bool) -> None:
    """Run the cleaner on files without storing anything."""
    from reader.ingest.files import read_file, unexpected
    from reader.pipeline import detect_languages
    from reader.sanitize import clean_field, sanitize_article

    failed = False
    for path in paths:
        for item in read_file(path):
            if item.article is not None:
                try:
                    article = detect_languages(sanitize_article(item.article))
                except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the others
                    item.article, item.error = None, unexpected(exc)
            if item.article is None:
                failed = True
                if as_json:
                    click.echo(_dump({"path": clean_field(item.label), "error": clean_field(item.error)}))
                click.echo(clean_field(f"error: {item.label}: {item.error}"), err=True)
                continue
            out = article.to_json() | {"path": clean_field(item.label)}
            if as_json:
                click.echo(_dump(out))
            else:
                click.echo(_article_text(article))
    sys.exit(1 if failed else 0)


# --- reading --------------------------------------------------------------------------


def _since_option(value: str | None) -> str | None:
    if not value:
        return None
    from reader.ingest.dates import parse_date

    if not parse_date(value):
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--since")
    return parse_date(value)


def _filter_options(f):
    """The filters `list` and `search` share (the same as the TUI's)."""
    for option in reversed([
        click.option("--lang", callback=lambda c, p, v: _lang_option(v), help="en, uk (or ua), ru, other."),
        click.option("--source", help="Only articles from this source."),
        click.option("--folder", help="Only articles from the feeds filed under this folder (a feed's --tag)."),
        click.option("--since", callback=lambda c, p, v: _since_option(v), help="Only articles dated on or after this date (YYYY-MM-DD)."),
        click.option("--entity", help="Only articles that mention this entity (any language, any form)."),
        click.option("--unread", is_flag=True, help="Only unread articles."),
        click.option("--starred", is_flag=True, help="Only starred articles."),
        click.option("--tag", "tags", multiple=True, help="Only articles with this tag (repeatable: all of them)."),
    ]):
        f = option(f)
    return f


def _filters(lang, source, folder, since, entity, unread, starred, tags=()) -> dict:
    """The filters in force, as `--json` reports them (those not set left out)."""
    given = {"lang": lang, "source": source, "folder": folder, "since": since, "entity": entity, "unread": unread,
             "starred": starred, "tag": list(tags)}
    return {k: v for k, v in given.items() if v}


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@_filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool, lang, source, folder, since, entity, unread, starred, tags, limit) -> None:
    """List stored articles, newest first; undated ones after them, by when they were added.

    --source matches any part of a source's name, in any case."""
    with _open(ctx) as store:
        filters = _filters(lang, source, folder, since, entity, unread, starred, tags)
        rows = store.list(**filters, limit=limit)
        tagged = store.tags_for([r.id for r in rows]) if as_json else {}
    if as_json:
        _print_rows_json(rows, tagged)
        return
    if not rows:
        click.echo("no articles" + ("" if filters else " yet: add some with `reader add PATH|URL`"), err=True)
    _print_rows(rows)


def _row_json(r, tags: list[str]) -> dict:
    return {"id": r.id, "date": r.date, "date_kind": r.date_kind, "lang": r.lang, "source": r.source,
            "title": r.title, "url": r.url, "read": r.is_read, "starred": r.starred, "tags": tags}


def _print_rows_json(rows, tagged: dict[int, list[str]]) -> None:
    click.echo(_dump([_row_json(r, tagged.get(r.id, [])) for r in rows]))


def _print_rows(rows) -> None:
    for r in rows:
        # An undated article shows when it was added, marked as such: never as if published then.
        date = r.date[:10] if r.dated else f"added {r.date[:10]}"
        click.echo(f"{r.id:>6}  {date:16}  {(r.lang or '?'):5}  {(r.source or '-')[:16]:16}  {strip_controls(r.title)}")


def _article_text(article, texts: dict[int, str] | None = None, title: str | None = None, lang: str | None = None) -> str:
    """An article for people: title, byline, captions, body; headings and quotes marked.

    With `texts` (a translation: block seq → text, captions numbered after the body) and
    `title`, the translation is shown and the byline names its language.
    """
    texts = texts or {}
    shown_lang = f"{lang} (from {article.lang})" if lang and texts else article.lang
    lines = [title or article.title]
    byline = " · ".join(x for x in (article.author, article.published, getattr(article, "source", None), shown_lang) if x)
    if byline:
        lines.append(byline)
    if article.site_languages:
        lines.append("site languages: " + " ".join(article.site_languages))
    lines.append("")
    n = len(article.body)
    for i, c in enumerate(article.captions):
        lines.append(f"[photo] {texts.get(n + i, c.text)}" + (f" ({c.credit})" if c.credit else ""))
    for i, b in enumerate(article.body):
        prefix = {"h": "## ", "quote": "> ", "li": "• "}.get(b.kind, "")
        lines += [prefix + texts.get(i, b.text), ""]
    return strip_controls("\n".join(lines).rstrip() + "\n")


def _translation_json(article, target: str, package: str, title: str, texts: dict[int, str]) -> dict:
    """A translation in the shape of `clean --json`: blocks and captions in the article's order."""
    n = len(article.body)
    return {
        "lang": target, "package": package, "title": title,
        "body": [{"kind": b.kind, "text": texts.get(i, b.text)} for i, b in enumerate(article.body)],
        "captions": [{"text": texts.get(n + i, c.text), "credit": c.credit} for i, c in enumerate(article.captions)],
    }


@cli.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.option("--lang", "target", callback=lambda c, p, v: _lang_option(v), help="Show the cached translation into this language.")
@click.pass_context
def show(ctx: click.Context, article_id: int, as_json: bool, target: str | None) -> None:
    """Show one article (or its cached translation with --lang)."""
    with _open(ctx) as store:
        article = store.get(article_id)
        if article is None:
            raise click.ClickException(f"no article with id {article_id}")
        cached = store.get_translation(article_id, target) if target and target != article.lang else None
        story = store.story_of(article_id)
        tags = store.tags_of(article_id)
    if target and target != article.lang and cached is None:
        raise click.ClickException(f"article {article_id} has no cached translation into {target}: run `reader translate {article_id} --to {target}`")
    if as_json:
        from reader.export import article_json

        out = article_json(article)
        if cached:
            out |= {"translation": _translation_json(article, target, *cached)}
        out["story"] = story
        out["tags"] = tags
        click.echo(_dump(out))
        return
    if cached:
        click.echo(_article_text(article, cached[2], cached[1], target))
    else:
        click.echo(_article_text(article))
    if tags:
        click.echo("tags: " + ", ".join(strip_controls(t) for t in tags))
    if story:
        click.echo(_story_line(story, article_id))


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True)
@_filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, as_json: bool, lang, source, folder, since, entity, unread, starred, tags, limit: int) -> None:
    """Search words in any form (Москва finds в Москве), any case, any script; best first.

    "Quoted words" match exactly, in that order. The filters are those of `list`.
    """
    filters = _filters(lang, source, folder, since, entity, unread, starred, tags)
    with _open(ctx) as store:
        hits = store.search(query, limit=limit, **filters)
    if as_json:
        click.echo(_dump({"query": query, "filters": filters, "hits": [
            {"id": h.id, "title": h.title, "date": h.date, "date_kind": h.date_kind, "lang": h.lang, "read": h.is_read, "starred": h.starred,
             "snippet": h.snippet, "score": h.score, "matches": h.matches, "variant": h.variant or None} for h in hits]}))
        return
    scope = ("  (filters: " + ", ".join(f"{k}={v}" if v is not True else k for k, v in filters.items()) + ")") if filters else ""
    if not hits:
        shown = strip_controls(" ".join(query.split()))
        click.echo(f"nothing matches {shown[:80] + ('…' if len(shown) > 80 else '')!r}{scope}", err=True)
    elif scope:
        click.echo(f"{len(hits)} result{'' if len(hits) == 1 else 's'}{scope}", err=True)
    for h in hits:
        snippet = h.snippet
        for start, end in reversed(h.matches):
            snippet = snippet[:start] + click.style(snippet[start:end], bold=True) + snippet[end:]
        marks = ("*" if h.starred else " ") + (" " if h.is_read else "N")
        date = (h.date or "")[:10] if h.date_kind == "published" else f"added {(h.date or '')[:10]}"
        click.echo(f"{h.id:>6} {marks} {date:16}  {(h.lang or '?'):5}  {strip_controls(h.title)}" + (f"  [in the {h.variant} translation]" if h.variant else ""))
        click.echo(f"        {snippet}")


@cli.command()
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, article_ids: tuple[int, ...]) -> None:
    """Remove articles (and their translations and entities) from the store."""
    missing = []
    with _open(ctx) as store:
        for article_id in article_ids:
            if not store.remove(article_id):
                missing.append(article_id)
    for article_id in missing:
        click.echo(f"error: {article_id}: no such article", err=True)
    ctx.exit(1 if missing else 0)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "md"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: standard output).")
@click.option("--id", "article_ids", type=int, multiple=True, help="This article (repeatable).")
@click.option("--story", "story_id", type=int, help="The articles of this story (`reader stories` lists them).")
@_filter_options
@click.pass_context
def export(ctx: click.Context, fmt: str, output, article_ids, story_id, lang, source, folder, since, entity, unread, starred, tags) -> None:
    """Export articles as JSON Lines (the corpus record shape, and more) or Markdown.

    Every stored article by default; --id and --story choose articles (in the order given, a
    story's newest first), the filters of `list` keep those that pass (alone: the filtered list,
    newest first). An unknown id is one error line and exit status 1; the others are written."""
    from reader import export as out

    filters = _filters(lang, source, folder, since, entity, unread, starred, tags)
    missing: list[int] = []
    with _open(ctx) as store:
        if article_ids or story_id is not None:
            ids = list(dict.fromkeys(article_ids))
            missing = [i for i in ids if store.get(i) is None]
            if story_id is not None:
                members = store.story_articles(story_id)
                if not members:
                    raise click.ClickException(f"no story with id {story_id}")
                ids += [r.id for r in members if r.id not in ids]
            ids = [i for i in ids if i not in missing]
            if filters:
                passing = {r.id for r in store.list(**filters)}
                ids = [i for i in ids if i in passing]
        elif filters:
            ids = [r.id for r in store.list(**filters)]
        else:
            ids = store.ids()
        out.write(store, ids, fmt, output)
    for article_id in missing:
        click.echo(f"error: no article with id {article_id}", err=True)
    ctx.exit(1 if missing else 0)


# --- tags, read state and saved searches --------------------------------------------------


@cli.command()
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.option("--read/--unread", "read", default=None, help="Mark read, or unread.")
@click.option("--star/--unstar", "star", default=None, help="Star, or take the star off.")
@click.option("--tag", "tags", multiple=True, help="Put this tag on them (repeatable).")
@click.option("--untag", "untags", multiple=True, help="Take this tag off them (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print each marked article's state and the unknown ids.")
@click.pass_context
def mark(ctx: click.Context, article_ids: tuple[int, ...], read, star, tags, untags, as_json: bool) -> None:
    """Mark articles read/unread, star or unstar them, tag or untag them (several at once).

    An unknown id is one line on stderr and exit status 1; the others are still marked."""
    if read is None and star is None and not tags and not untags:
        raise click.UsageError("nothing to do: give --read, --unread, --star, --unstar, --tag or --untag")
    with _open(ctx) as store:
        try:
            unknown = store.mark(article_ids, read=read, starred=star, tag=tags, untag=untags)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        marked = [i for i in dict.fromkeys(article_ids) if i not in unknown]
        rows = store.rows(marked)
        tagged = store.tags_for(marked)
    for article_id in unknown:
        click.echo(f"error: no article with id {article_id}", err=True)
    if as_json:
        click.echo(_dump({"marked": [{"id": r.id, "read": r.is_read, "starred": r.starred, "tags": tagged.get(r.id, [])} for r in rows],
                          "unknown": unknown}))
    elif marked:
        click.echo(f"marked {len(marked)} article{'' if len(marked) == 1 else 's'}", err=True)
    ctx.exit(1 if unknown else 0)


@cli.group()
def saved() -> None:
    """Saved searches: a query kept under a name, e.g. lang:uk entity:"Антоні Блінкен" unread.

    Keys: lang:, source: (any part of the name), entity:, tag: (repeatable), since:YYYY-MM-DD;
    flags: unread, starred; other words are searched ("quoted words" exactly)."""


@saved.command(name="add")
@click.argument("name")
@click.argument("query")
@click.option("--replace", is_flag=True, help="Replace a saved search of that name.")
@click.pass_context
def saved_add(ctx: click.Context, name: str, query: str, replace: bool) -> None:
    """Save QUERY under NAME."""
    with _open(ctx) as store:
        try:
            store.save_search(name, query, replace=replace)
        except ValueError as exc:  # QueryError too
            raise click.ClickException(str(exc)) from None
    click.echo(f"saved {' '.join(name.split())!r}", err=True)


@saved.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def saved_list(ctx: click.Context, as_json: bool) -> None:
    """The saved searches, by name."""
    with _open(ctx) as store:
        found = store.saved_searches()
    if as_json:
        click.echo(_dump([{"name": s.name, "query": s.query} for s in found]))
        return
    if not found:
        click.echo("no saved searches: add one with `reader saved add NAME 'QUERY'`", err=True)
    width = max((len(s.name) for s in found), default=0)
    for s in found:
        click.echo(f"{strip_controls(s.name):{width}}  {strip_controls(s.query)}")


@saved.command(name="remove")
@click.argument("name")
@click.pass_context
def saved_remove(ctx: click.Context, name: str) -> None:
    """Forget a saved search."""
    with _open(ctx) as store:
        if not store.remove_search(name):
            raise click.ClickException(f"no saved search named {name!r}")


@saved.command(name="run")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.pass_context
def saved_run(ctx: click.Context, name: str, as_json: bool, limit: int | None) -> None:
    """List a saved search's articles: with words, best match first; else newest first."""
    from reader.store.query import QueryError, parse_query

    with _open(ctx) as store:
        found = store.saved_search(name)
        if found is None:
            raise click.ClickException(f"no saved search named {name!r}")
        try:
            query = parse_query(found.query)  # the search just read, not looked up again
        except QueryError as exc:
            raise click.ClickException(f"saved search {name!r}: {exc}") from None
        rows = store.run_query(query, limit=limit)
        tagged = store.tags_for([r.id for r in rows]) if as_json else {}
    if as_json:
        click.echo(_dump({"name": found.name, "query": found.query, "filters": query.filters, "words": query.words,
                          "articles": [_row_json(r, tagged.get(r.id, [])) for r in rows]}))
        return
    if not rows:
        click.echo(f"nothing matches {found.name!r} ({strip_controls(found.query)})", err=True)
    _print_rows(rows)


# --- feeds: subscriptions, OPML, refresh ----------------------------------------------


@cli.group()
def feed() -> None:
    """Subscribe to RSS/Atom feeds (a URL, or a feed file on disk); `reader refresh` fetches them."""


@feed.command(name="add")
@click.argument("location")
@click.option("--name", help="Name for the feed (default: the feed's own title).")
@click.option("--tag", help="A folder or label for the feed (kept in OPML).")
@click.pass_context
def feed_add(ctx: click.Context, location: str, name: str | None, tag: str | None) -> None:
    """Subscribe to a feed; a URL is fetched once to check that it is a feed."""
    from reader.feeds.subscriptions import SubscriptionError, add_feed

    with _open(ctx) as store:
        try:
            added = add_feed(store, location, name, tag)
        except (SubscriptionError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(strip_controls(f"added feed {added.name!r} ({added.items} items now): `reader refresh` fetches its articles"), err=True)


@feed.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def feed_list(ctx: click.Context, as_json: bool) -> None:
    """The feeds you follow: articles stored, when last checked, and the last error."""
    with _open(ctx) as store:
        rows = store.sources(kind="feed")
    if as_json:
        click.echo(_dump([{"name": r.name, "url": r.url, "tag": r.tag, "articles": r.articles,
                           "last_checked": r.last_checked, "last_error": r.last_error} for r in rows]))
        return
    if not rows:
        click.echo("no feeds yet: add one with `reader feed add URL|FILE`", err=True)
    for r in rows:
        status = f"error: {r.last_error}" if r.last_error else (f"checked {r.last_checked[:16]}" if r.last_checked else "never checked")
        click.echo(strip_controls(f"{r.name[:30]:30}  {r.articles:>5}  {(r.tag or '-')[:12]:12}  {status}  {r.url}"))


@feed.command(name="remove")
@click.argument("name")
@click.pass_context
def feed_remove(ctx: click.Context, name: str) -> None:
    """Unsubscribe; the feed's stored articles stay."""
    with _open(ctx) as store:
        if store.source(name) is None or store.source(name).kind != "feed":
            raise click.ClickException(f"no feed named {name!r}")
        store.remove_source(name)
    click.echo(strip_controls(f"removed feed {name!r}; its articles stay"), err=True)


@cli.command(name="import-opml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_opml_(ctx: click.Context, file: str) -> None:
    """Subscribe to every feed in an OPML file (nothing is fetched until `reader refresh`)."""
    from reader.feeds.subscriptions import OpmlError, import_opml

    try:
        data = Path(file).read_bytes()
        with _open(ctx) as store:
            added, skipped = import_opml(store, data)
    except OpmlError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    except OSError as exc:
        raise click.ClickException(f"{file}: {exc.strerror or exc}") from None
    for name in added:
        click.echo(strip_controls(name))
    click.echo(f"{len(added)} feeds added, {len(skipped)} already subscribed", err=True)


@cli.command(name="export-opml")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@click.pass_context
def export_opml_(ctx: click.Context, file) -> None:
    """Write the feeds you follow as OPML (to FILE, or standard output)."""
    from reader.feeds.subscriptions import export_opml

    with _open(ctx) as store:
        file.write(export_opml(store))


@cli.command()
@click.option("--feed", "feeds", multiple=True, help="Only this feed (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed, then the totals.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True, help="Seconds to wait for a server.")
@click.option("--no-pages", is_flag=True, help="Store what the feed says; do not fetch the full pages of summary-only items.")
@click.option("--loop", is_flag=True, help="Keep refreshing, as a service: each feed again once it is --every minutes old. "
              "Several refreshers may run at once on a PostgreSQL store; none takes a feed another holds. Stops on SIGTERM or Ctrl-C.")
@click.option("--every", type=click.FloatRange(min=0.05), default=None, metavar="MINUTES",
              help="With --loop: how often each feed is refreshed (default: config.toml's refresh_minutes, else 15).")
@click.option("--batch", type=click.IntRange(min=1), default=10, show_default=True, help="With --loop: feeds taken at a time.")
@click.pass_context
def refresh(ctx: click.Context, feeds: tuple[str, ...], as_json: bool, timeout: float, no_pages: bool, loop: bool,
            every: float | None, batch: int) -> None:
    """Fetch new articles from your feeds (full pages for summary-only feeds); exit 1 if a feed failed."""
    from reader.feeds.fetch import make_client
    from reader.feeds.refresh import refresh as run_refresh

    if loop:
        return _refresh_loop(ctx, every, batch, timeout, no_pages, as_json)
    with _open(ctx) as store, make_client(timeout) as client, _RefreshProgress() as progress:
        if not store.sources(kind="feed"):
            click.echo("no feeds yet: add one with `reader feed add URL|FILE`", err=True)
            return
        try:
            report = run_refresh(store, list(feeds) or None, progress.update, client=client, fetch_pages=not no_pages)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        _group_stories(store, None)
    for result in report.feeds:
        if as_json:
            click.echo(_dump(result.to_json()))
        elif result.error:
            click.echo(strip_controls("error: " + result.line()), err=True)
        else:
            click.echo(strip_controls(result.line()))
    if as_json:
        click.echo(_dump({"feeds": len(report.feeds), "new": report.new, "failed": len(report.failed)}))
    else:
        click.echo(report.summary(), err=True)
    ctx.exit(1 if report.failed else 0)


def _refresh_loop(ctx: click.Context, every: float | None, batch: int, timeout: float, no_pages: bool, as_json: bool) -> None:
    """`refresh --loop`: claim the feeds that are due (Store.claim_feeds), refresh them, group
    their articles into stories, repeat; when none is due, wait. Every article is committed
    as it is stored, so a refresher killed mid-run loses nothing: what it had not stored,
    the next refresher fetches (its feeds are due still, and free once its connection goes)."""
    import signal
    from datetime import datetime, timedelta, timezone

    from reader.config import load_settings
    from reader.feeds.fetch import make_client
    from reader.feeds.refresh import refresh as run_refresh

    minutes = every or load_settings().refresh_minutes or 15
    stop = False

    def on_term(signum, frame) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    with _open(ctx) as store, make_client(timeout) as client:
        click.echo(f"refreshing each feed every {minutes:g} minutes ({store.engine} store); SIGTERM or Ctrl-C stops", err=True)
        try:
            while not stop:
                due = (datetime.now(timezone.utc) - timedelta(minutes=minutes)).replace(microsecond=0).isoformat()
                with store.claim_feeds(due, batch) as claimed:
                    if claimed:
                        report = run_refresh(store, [f.name for f in claimed], client=client, fetch_pages=not no_pages)
                if not claimed:
                    time.sleep(min(5.0, minutes * 60))
                    continue
                _group_stories(store, None)
                stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                for result in report.feeds:
                    click.echo(_dump(result.to_json()) if as_json else strip_controls(f"{stamp} {result.line()}"))
        except KeyboardInterrupt:
            pass
    click.echo("stopped", err=True)


class _RefreshProgress:
    """`done/total message` on stderr, shown once a refresh takes more than a moment."""

    DELAY = 0.7

    def __enter__(self) -> "_RefreshProgress":
        self.start, self.bar = time.monotonic(), None
        return self

    def update(self, done: int, total: int, message: str) -> None:
        if self.bar is None and time.monotonic() - self.start > self.DELAY and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("")
        if self.bar is not None:
            from rich.markup import escape

            self.bar.update(self.task, completed=done, total=total, description=escape(strip_controls(message))[:60])

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- translation: packages and articles ------------------------------------------------


@cli.group()
def models() -> None:
    """Translation packages (argos .argosmodel format): list, install, remove."""


@models.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def models_list(ctx: click.Context, as_json: bool) -> None:
    """Installed packages: direction, version, size, folder."""
    from reader.translate.packages import broken, installed

    packages = installed(ctx.obj["home"])
    unusable = broken(ctx.obj["home"])
    if as_json:
        click.echo(_dump([p.to_json() for p in packages]
                         + [{"path": str(path), "folder": path.name, "error": why} for path, why in unusable]))
    elif not packages:
        click.echo("no translation packages installed: `reader models install FILE.argosmodel` or `reader models install en uk`")
    for p in packages if not as_json else []:
        click.echo(f"{p.source}→{p.target}  {p.version:8}  {p.size / 1e6:7.1f} MB  {p.path}")
    for path, why in unusable if not as_json else []:
        click.echo(strip_controls(f"error: {path}: {why} (`reader models remove {path.name}` deletes it)"), err=True)


@models.command(name="install")
@click.argument("what", nargs=-1, required=True)
@click.pass_context
def models_install(ctx: click.Context, what: tuple[str, ...]) -> None:
    """Install FILE.argosmodel, or SRC TGT from the Argos package index (downloads)."""
    from reader.translate.packages import PackageError, install_file, install_from_index

    try:
        if len(what) == 1:
            pkg = install_file(what[0], ctx.obj["home"])
        elif len(what) == 2:
            source, target = (normalise_lang(x) for x in what)
            with _Download() as bar:
                pkg = install_from_index(source, target, ctx.obj["home"], on_progress=bar.update)
        else:
            raise click.UsageError("give a .argosmodel file, or two language codes (e.g. `en uk`)")
    except PackageError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"installed {pkg.source}→{pkg.target} {pkg.version} in {pkg.path}")


class _Download:
    """Download progress on stderr (bytes of total)."""

    def __enter__(self) -> "_Download":
        self.bar = None
        return self

    def update(self, done: int, total: int | None) -> None:
        if self.bar is None:
            from rich.console import Console
            from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

            self.bar = Progress(*Progress.get_default_columns()[:2], DownloadColumn(), TransferSpeedColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("download", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


@models.command(name="remove")
@click.argument("what", nargs=-1, required=True)
@click.pass_context
def models_remove(ctx: click.Context, what: tuple[str, ...]) -> None:
    """Remove the package for SOURCE TARGET, or the folder NAME in the packages folder (usable or not)."""
    from reader.translate.packages import PackageError, remove

    if len(what) > 2:
        raise click.UsageError("give two language codes (e.g. `en uk`), or a folder name from `reader models list`")
    try:
        if len(what) == 1:
            path = remove(what[0], None, ctx.obj["home"])
            click.echo(strip_controls(f"removed {path}"))
            return
        pkg = remove(normalise_lang(what[0]), normalise_lang(what[1]), ctx.obj["home"])
    except PackageError as exc:
        raise click.ClickException(strip_controls(str(exc))) from None
    except OSError as exc:
        raise click.ClickException(f"cannot remove: {exc.strerror or exc}: {exc.filename}") from None
    click.echo(f"removed {pkg.source}→{pkg.target} {pkg.version}")


@cli.command()
@click.argument("article_id", type=int, required=False)
@click.option("--to", "target", required=True, callback=lambda c, p, v: _lang_option(v), help="en, uk (or ua), ru.")
@click.option("--all", "all_", is_flag=True, help="Translate every stored article not yet translated.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def translate(ctx: click.Context, article_id: int | None, target: str, all_: bool, as_json: bool) -> None:
    """Translate one article (printed) or --all (cached), offline; results are cached."""
    from reader.translate import CannotTranslate, NoPackage, translate_article

    if target not in ("en", "uk", "ru"):
        raise click.BadParameter(f"{target!r}: translate to en, uk or ru", param_hint="--to")
    if (article_id is None) == (not all_):
        raise click.UsageError("give an article ID or --all")
    home = ctx.obj["home"]
    with _open(ctx) as store:
        if not all_:
            try:
                package, title, texts = translate_article(store, article_id, target, home)
            except (CannotTranslate, NoPackage) as exc:
                raise click.ClickException(str(exc)) from None
            article = store.get(article_id)
            if as_json:
                click.echo(_dump({"id": article_id} | _translation_json(article, target, package, title, texts)))
            else:
                click.echo(_article_text(article, texts, title, target))
            return
        ids = store.untranslated(target)
        counts = {"translated": 0, "skipped": 0}
        missing: set[str] = set()
        with click.progressbar(ids, label=f"translating into {target}", file=sys.stderr) as bar:
            for i in bar:
                try:
                    translate_article(store, i, target, home)
                    counts["translated"] += 1
                except NoPackage as exc:
                    missing.add(str(exc))
                    counts["skipped"] += 1
                except CannotTranslate:
                    counts["skipped"] += 1
    for message in sorted(missing):
        click.echo(message, err=True)
    click.echo(_dump(counts) if as_json else f"{counts['translated']} translated, {counts['skipped']} skipped")


# --- language detection ---------------------------------------------------------------


@cli.command()
@click.option("--json", "as_json", is_flag=True, help='One {"lang", "confidence"} object per line.')
def detect(as_json: bool) -> None:
    """Read one text per line on standard input; print `lang<TAB>confidence` for each."""
    from reader.lang import detect as detect_lang

    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(errors="replace")  # undecodable bytes become U+FFFD, not a crash
    out = []
    for line in stdin:
        lang, confidence = detect_lang(line.rstrip("\r\n"))
        out.append(_dump({"lang": lang, "confidence": confidence}) if as_json else f"{lang}\t{confidence:.3f}")
        if len(out) >= 1000:
            click.echo("\n".join(out))
            out.clear()
    if out:
        click.echo("\n".join(out))


# --- named entities ---------------------------------------------------------------------


def _read_text(path: str) -> str:
    """The text of PATH (`-` = standard input), undecodable bytes replaced, controls stripped."""
    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot read: {exc.strerror or exc}") from None
    return strip_controls(data.decode("utf-8", errors="replace"))


@cli.command()
@click.argument("path", required=False)
@click.option("--lang", callback=lambda c, p, v: _lang_option(v), help="en, uk (or ua), ru; detected when absent.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the language and the spans.")
@click.option("--jsonl", is_flag=True, help='Read JSON Lines with a "text" field on standard input; write {"entities": [[start, end, label], ...]} per line.')
@click.option("--top", "top", type=click.IntRange(min=1), is_flag=False, flag_value=20, help="List the most mentioned entities in the store (default 20).")
@click.option("--label", type=click.Choice(["PER", "ORG", "LOC", "DATE", "MISC"]), help="With --top: only this type.")
@click.pass_context
def entities(ctx: click.Context, path: str | None, lang: str | None, as_json: bool, jsonl: bool, top: int | None, label: str | None) -> None:
    """Print the named entities of a text (PATH or - for standard input), offsets into it."""
    from reader.entities import SUPPORTED, find_entities

    if top:
        with _open(ctx) as store:
            rows = store.top_entities(limit=top, label=label)
        for name, lab, mentions, articles in rows:
            click.echo(_dump({"name": name, "label": lab, "mentions": mentions, "articles": articles}) if as_json else f"{lab}\t{articles}\t{mentions}\t{strip_controls(name)}")
        return
    if lang is not None and lang not in SUPPORTED:
        raise click.BadParameter(f"{lang!r}: no entity recogniser for it (have: {', '.join(SUPPORTED)})", param_hint="--lang")
    if jsonl:
        if lang is None:
            raise click.UsageError("--jsonl needs --lang")
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):
            stdin.reconfigure(errors="replace")
        for n, line in enumerate(stdin, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                raise click.ClickException(f"line {n}: not a JSON object with a string \"text\" field") from None
            click.echo(_dump({"entities": [[e.start, e.end, e.label] for e in find_entities(text, lang)]}))
        return
    if path is None:
        raise click.UsageError("give a PATH, - for standard input, --jsonl or --top")
    text = _read_text(path)
    if lang is None:
        from reader.lang import detect as detect_lang

        lang, _ = detect_lang(text)
    found = find_entities(text, lang) if lang in SUPPORTED else []
    if as_json:
        spans = [{"start": e.start, "end": e.end, "label": e.label, "text": e.text, "norm": e.norm} for e in found]
        click.echo(_dump({"lang": lang, "entities": spans}))
        return
    for e in found:
        click.echo(f"{e.start}\t{e.end}\t{e.label}\t{e.text}" + (f"\t{e.norm}" if e.norm != e.text else ""))


@cli.command()
@click.argument("name", required=False)
@click.option("--lang", callback=lambda c, p, v: _lang_option(v), help="en, uk (or ua), ru; detected when absent.")
@click.option("--label", type=click.Choice(["PER", "ORG", "LOC", "MISC", "EVT", "PRO"]), default="PER", show_default=True,
              help="The type of name: EVT and PRO (events, products) read as MISC does.")
@click.option("--jsonl", is_flag=True, help='Read JSON Lines {"name", "lang", "label"} on standard input; write {"norm", "key"} per line, '
              "each key resolved over all the lines as the store resolves its names (a lone surname, another script).")
def names(name: str | None, lang: str | None, label: str, jsonl: bool) -> None:
    """A name's nominative and the key every spelling of its entity shares (the index's own code).

    With --jsonl the lines are read as one store's names: a form that reads several ways
    takes the reading the other lines' forms bear out (`nominative.consensus`), a lone
    surname takes the key of the one person the lines know by it, and names the
    cross-script readings make one name share a key (`names.entities_of`, what the entity
    filter and `entities --top` do)."""
    from reader.entities.nominative import consensus, normalise
    from reader.model import normalise_lang
    from reader.store.names import entities_of, entity_key

    def code_of(text: str, code: str | None) -> str:
        if code is None:
            from reader.lang import detect as detect_lang

            code = detect_lang(text)[0]
        return normalise_lang(code)

    if not jsonl:
        if name is None:
            raise click.UsageError("give a NAME or --jsonl")
        norm = normalise(name, code_of(name, lang), label)
        click.echo(f"{strip_controls(norm)}\t{entity_key(norm, label)}")
        return
    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(errors="replace")
    lines: list[tuple[str, str, str]] = []
    for n, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, code, lab = record["name"], record.get("lang", lang), record.get("label", label) or label
            if not isinstance(text, str) or not isinstance(lab, str) or (code is not None and not isinstance(code, str)):
                raise TypeError
        except (ValueError, KeyError, TypeError, AttributeError):
            raise click.ClickException(f'line {n}: not a JSON object with a string "name" field') from None
        lines.append((text, code_of(text, code), lab.upper()))
    found = [(lab, {"norm": norm, "key": entity_key(norm, lab)}) for (_, _, lab), norm in zip(lines, consensus(lines))]
    entity = entities_of((lab, out["key"], out["norm"]) for lab, out in found)
    for lab, out in found:
        click.echo(_dump({**out, "key": entity.get((lab, out["key"]), out["key"])}))


# --- stories --------------------------------------------------------------------------


def _group_stories(store, ids: list[int] | None) -> None:
    """Put new and changed articles into stories (`ids`; None: every article not yet grouped).
    Grouping is derived data: a failure is said on one line and never fails the command."""
    from reader import stories as grouping

    try:
        grouping.update(store, ids)
    except Exception as exc:  # noqa: BLE001 - the articles are stored; the next add or refresh groups them
        click.echo(strip_controls(f"warning: stories not updated: {exc}"), err=True)


def _story_line(story: dict, article_id: int | None = None) -> str:
    others = [i for i in story["articles"] if i != article_id]
    langs = ", ".join(story["languages"]) or "?"
    sources = ", ".join(story["sources"][:4]) + ("…" if len(story["sources"]) > 4 else "")
    line = f"story {story['id']}: {story['title']} ({len(story['articles'])} article{'s' if len(story['articles']) != 1 else ''}; {langs}"
    line += (f"; {sources})" if sources else ")")
    if article_id is not None:
        line += ("; also " + " ".join(map(str, others[:12])) + (" …" if len(others) > 12 else "")) if others else "; no other article yet"
    return strip_controls(line)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help='A list of {"id", "title", "articles", "languages", "sources", "first", "last"}.')
@click.option("--since", callback=lambda c, p, v: _since_option(v), help="Only stories with an article dated on or after this date (YYYY-MM-DD).")
@click.option("--lang", callback=lambda c, p, v: _lang_option(v), help="Only stories with an article in this language (en, uk or ua, ru).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.option("--all", "all_", is_flag=True, help="Also stories of one article.")
@click.option("--why", nargs=2, type=int, metavar="A B", help="Say why articles A and B are, or are not, in one story.")
@click.pass_context
def stories(ctx: click.Context, as_json: bool, since, lang, limit, all_: bool, why) -> None:
    """Stories: articles about one event, across sources and languages; latest first.

    Without --all, stories of a single article are left out (--json lists them all)."""
    if why:
        return _why(ctx, *why, as_json)
    with _open(ctx) as store:
        found = store.stories(since=since, lang=lang, limit=None if not as_json and not all_ else limit)
    if as_json:
        click.echo(_dump(found))
        return
    shown = [s for s in found if all_ or len(s["articles"]) > 1][:limit]
    if not shown:
        click.echo("no stories" + (" of more than one article (--all lists every story)" if found else " yet: add some articles"), err=True)
    for s in shown:
        date = (s["last"] or "")[:10]
        click.echo(f"{s['id']:>6}  {date:10}  {len(s['articles']):>3}  {','.join(s['languages']) or '?':8}  {strip_controls(s['title'])}")


def _why(ctx: click.Context, a: int, b: int, as_json: bool) -> None:
    from reader import stories as grouping

    with _open(ctx) as store:
        for i in (a, b):
            if store.get(i) is None:
                raise click.ClickException(f"no article with id {i}")
        members = {}
        for i in (a, b):
            members[i] = store.story_member(i)
            if members[i] is None:  # not grouped yet (an older store): group it now
                grouping.assign(store, i)
                members[i] = store.story_member(i)
        (sa, _, day_a, va), (sb, _, day_b, vb) = members[a], members[b]
        days = None if day_a < 0 or day_b < 0 else day_b - day_a
        why = grouping.explain(va, vb, days)
        story = store.story_of(a) if sa == sb else None
    same = sa == sb
    if as_json:
        click.echo(_dump({"a": a, "b": b, "same_story": same, "stories": [sa, sb], "score": why.score,
                          "threshold": why.threshold, "compared_on": why.compared_on, "days_apart": days, "window": why.window,
                          "shared": [{"feature": f, "what": grouping.describe(f), "part": p} for f, p in why.shared],
                          "verdict": why.verdict}))
        return
    click.echo(f"articles {a} and {b}: " + (f"in one story ({story['id']}: {strip_controls(story['title'])})" if same
                                             else f"in different stories ({sa} and {sb})"))
    click.echo(f"score {why.score:.3f} (threshold {why.threshold:.2f}), compared on "
               + ", ".join({"e": "names", "n": "numbers", "g": "words the glossaries translate",
                                         "w:en": "English words", "w:cy": "Cyrillic words"}.get(k, k) for k in why.compared_on))
    click.echo("dates: " + ("one or both undated" if days is None else f"{abs(days)} day{'s' if abs(days) != 1 else ''} apart (window {why.window})"))
    if why.shared:
        click.echo("shared: " + ", ".join(f"{strip_controls(grouping.describe(f))} {p:.3f}" for f, p in why.shared[:15]))
    else:
        click.echo("shared: nothing")
    for i, only in ((a, why.only_a), (b, why.only_b)):
        if only:
            click.echo(f"only in {i}: " + ", ".join(strip_controls(grouping.describe(f)) for f in only))
    click.echo(("so: " + why.verdict) if not same or why.score >= why.threshold else
               f"so: joined through the story as a whole (pair score {why.score:.3f}; the story's other articles link them)")


# --- the store's health ---------------------------------------------------------------


@cli.group()
def db() -> None:
    """Move a store: SQLite into PostgreSQL and back."""


@db.command(name="copy")
@click.argument("src")
@click.argument("dst")
@click.option("--json", "as_json", is_flag=True, help="Print {table: rows copied} as JSON.")
@click.pass_context
def db_copy(ctx: click.Context, src: str, dst: str, as_json: bool) -> None:
    """Copy every row of the store SRC into the new, empty store DST (each an SQLite file or a
    postgresql:// URL), with the same ids; counts are verified table by table. Per-person
    state is --user's on a PostgreSQL side. A copy that fails leaves DST empty."""
    from reader.store.copy import copy, open_target
    from reader.store.store import StoreError

    def progress(table: str, done: int, total: int) -> None:
        if done == total or done % 50_000 == 0:
            click.echo(f"{table}: {done:,}/{total:,}", err=True)

    try:
        with open_target(src, ctx.obj.get("user")) as source, open_target(dst, ctx.obj.get("user")) as target:
            copied = copy(source, target, progress)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(_dump({"tables": copied.tables, "search_rebuilt": copied.search_rebuilt}))
    else:
        rows = sum(copied.tables.values())
        click.echo(f"copied {copied.tables.get('articles', 0):,} articles ({rows:,} rows in {len(copied.tables)} tables,"
                   f" every count verified){'; search index rebuilt' if copied.search_rebuilt else ''}")


@cli.command()
@click.option("--recover", "out", type=click.Path(dir_okay=False), help="Copy what can be read into a new store at OUT (the original is not touched).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def doctor(ctx: click.Context, out: str | None, as_json: bool) -> None:
    """Check the store (SQLite's quick_check and integrity_check); --recover copies what can be read."""
    from reader.config import db_target
    from reader.store import doctor as D
    from reader.store.store import database_errors

    path = db_target(ctx.obj["home"], ctx.obj.get("db"))
    if isinstance(path, str):
        raise click.ClickException("reader doctor checks SQLite stores; a PostgreSQL store is checked by its server's tools (pg_amcheck)")
    if not path.is_file():
        raise click.ClickException(f"{path}: no store here (nothing to check)")
    result = D.check(path)
    recovered = None
    if out:
        try:
            recovered = D.recover(path, out, None if as_json else (lambda line: click.echo(strip_controls(line), err=True)))
        except (OSError, *database_errors()) as exc:
            raise click.ClickException(strip_controls(f"cannot recover {path} into {out}: {exc}")) from None
    if as_json:
        click.echo(_dump({"path": str(path), "ok": result.ok, "problems": result.problems,
                          "recovered": None if recovered is None else {
                              "out": str(recovered.out), "notes": recovered.notes,
                              "tables": {t: {"rows": n, "unreadable": u} for t, (n, u) in recovered.tables.items()}}}))
    else:
        for problem in result.problems:
            click.echo(strip_controls(f"error: {path}: {problem}"), err=True)
        if result.ok:
            click.echo(f"{path}: ok (quick_check and integrity_check)")
        elif recovered is None:
            click.echo(f"{path}: {len(result.problems)} problem{'s' * (len(result.problems) != 1)}: "
                       f"`reader doctor --recover NEW.db` copies what can be read into a new store", err=True)
        if recovered is not None:
            for note in recovered.notes:
                click.echo(note, err=True)
            articles = recovered.tables.get("articles", (0, 0))[0]
            click.echo(f"recovered {articles:,} articles into {recovered.out}; {path} is untouched "
                       f"(to use the copy, keep the original aside and move the copy to {path})")
    ctx.exit(0 if result.ok else 1)


def main() -> None:
    cli(obj={})

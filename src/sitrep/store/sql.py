"""The SQLAlchemy store: one implementation, dialect differences kept to `engine.insert_for`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Select, func, or_, select
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from sitrep.errors import NotFoundError, StoreError
from sitrep.records import (
    Article,
    BatchResult,
    CodedEvent,
    Correction,
    Duplicate,
    Extraction,
    OutletHome,
    Skipped,
    SkippedEntry,
    SkipReason,
)
from sitrep.store.article_rows import article_from_row, article_row, extraction_from_document, skipped_row
from sitrep.store.base import ArticleQuery, ControlRow, EventQuery, FusedQuery, FusedRow, country_code_of
from sitrep.store.engine import describe_error, insert_for
from sitrep.store.folding import contains_folded, equals_folded
from sitrep.store.schema import articles, control_periods, events, extractions, fused, fusion_items, skipped
from sitrep.store.sql_actors import names_no_actor
from sitrep.store.sql_aliases import current_id, earlier_ids
from sitrep.store.sql_changes import CONTROL, change_serial, mark_changed
from sitrep.store.sql_corrections import insert_correction, mark_undone, select_correction, select_corrections
from sitrep.store.sql_events import event_from_row, filter_events, write_extractions
from sitrep.store.sql_fusion import (
    FUSED_COLUMNS,
    ITEM_KINDS,
    SqlFusionSession,
    chunks,
    clear_fusion,
    control_row,
    filter_control,
    filter_fused,
    fused_row,
    unfused_article_ids_statement,
)
from sitrep.store.sql_outlets import read_outlet_homes
from sitrep.store.sql_totals import country_totals, day_totals

MIN_ID_PREFIX = 4
STREAM_CHUNK = 200


class SqlStore:
    """A `Store` on SQLite or PostgreSQL through SQLAlchemy Core."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._insert = insert_for(engine.dialect.name)

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def save_batch(self, articles_in: Sequence[Article], skipped_in: Sequence[Skipped]) -> BatchResult:
        """Write a batch in one transaction; if the database refuses a row, write one by one.

        An article whose id is already stored, or that repeats an earlier one of the same batch,
        is reported as a duplicate and not written again. An article the database refuses (and
        that cleaning could not make acceptable) becomes an `unstorable` skip; the rest are stored.
        A database that cannot be reached or written at all is a `StoreError`.
        """
        now = datetime.now(UTC)
        first_of_each = list({article.id: article for article in reversed(articles_in)}.values())
        refused: list[Skipped] = []
        try:
            with self.engine.begin() as connection:
                inserted = self._insert_articles(connection, first_of_each, now)
                self._upsert_skipped(connection, skipped_in, now)
        except (OperationalError, InterfaceError) as error:
            raise self._write_error(error) from error
        except (SQLAlchemyError, ValueError, OverflowError) as error:
            inserted, refused = self._save_one_by_one(first_of_each, skipped_in, now, error)
        stored: list[str] = []
        duplicates: list[Duplicate] = []
        refused_ids = {item.input for item in refused}
        for article in articles_in:
            if article.id in inserted:
                inserted.discard(article.id)
                stored.append(article.id)
            elif article.input not in refused_ids:
                duplicates.append(Duplicate(article.input, article.id))
        return BatchResult(stored=tuple(stored), duplicates=tuple(duplicates), skipped=tuple(refused))

    def _save_one_by_one(
        self, batch: list[Article], skipped_in: Sequence[Skipped], now: datetime, cause: Exception
    ) -> tuple[set[str], list[Skipped]]:
        """Each article in its own transaction after a batch failed; refused ones become skips."""
        inserted: set[str] = set()
        refused: list[Skipped] = []
        for article in batch:
            try:
                with self.engine.begin() as connection:
                    inserted |= self._insert_articles(connection, [article], now)
            except (OperationalError, InterfaceError) as error:
                raise self._write_error(error) from error
            except (SQLAlchemyError, ValueError, OverflowError) as error:
                refused.append(Skipped(article.input, SkipReason.UNSTORABLE,
                                       f"{article.input}: the database refused the article: "
                                       f"{describe_error(error)}"))
        try:
            with self.engine.begin() as connection:
                self._upsert_skipped(connection, [*skipped_in, *refused], now)
        except (SQLAlchemyError, ValueError, OverflowError) as error:
            raise self._write_error(error) from cause
        return inserted, refused

    def _write_error(self, error: Exception) -> StoreError:
        return StoreError(f"could not write to {self.url}: {describe_error(error)}",
                          fix="check the database is reachable and has space")

    def _insert_articles(self, connection: Any, batch: list[Article], now: datetime) -> set[str]:
        if not batch:
            return set()
        statement = (
            self._insert(articles)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(articles.c.id)
        )
        rows = [article_row(article, now) for article in batch]
        return set(connection.execute(statement, rows).scalars())

    def _upsert_skipped(self, connection: Any, batch: Sequence[Skipped], now: datetime) -> None:
        latest = {(item.input, item.reason): item for item in batch}
        if not latest:
            return
        statement = self._insert(skipped)
        statement = statement.on_conflict_do_update(
            index_elements=["input", "reason"],
            set_={"detail": statement.excluded.detail, "last_seen": statement.excluded.last_seen,
                  "times": skipped.c.times + 1},
        )
        # keyed again after cleaning: two inputs that differ only by a NUL are one row
        cleaned = (skipped_row(item, now) for item in latest.values())
        rows = {(row["input"], row["reason"]): row for row in cleaned}
        connection.execute(statement, list(rows.values()))

    def get_article(self, article_id: str) -> Article:
        """The article with this id (or a unique prefix of it); `NotFoundError` if none."""
        key = article_id.strip().lower()
        if len(key) < MIN_ID_PREFIX:
            raise NotFoundError(f"no article {article_id!r}",
                                fix=f"give at least {MIN_ID_PREFIX} characters of the id")
        # A full id is looked up through the primary key; only a prefix needs the (scanning) LIKE.
        rows = self._fetch(select(articles).where(articles.c.id == key))
        if not rows:
            statement = select(articles).where(articles.c.id.startswith(key, autoescape=True)).limit(2)
            rows = self._fetch(statement)
        if not rows:
            raise NotFoundError(f"no article {article_id!r} in {self.url}",
                                fix="list ids with `sitrep articles`")
        if len(rows) > 1:
            raise NotFoundError(f"the id prefix {article_id!r} matches several articles",
                                fix="give more of the id")
        return article_from_row(rows[0])

    def list_articles(self, query: ArticleQuery) -> list[Article]:
        """Articles matching `query`, newest publication first, unknown dates last."""
        statement = _filtered(select(articles), query).order_by(
            articles.c.published_date.desc().nulls_last(), articles.c.published.desc(), articles.c.id
        ).offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        return [article_from_row(row) for row in self._fetch(statement)]

    def count_articles(self, query: ArticleQuery | None = None) -> int:
        """How many articles match `query` (all when None), ignoring its limit and offset."""
        statement = _filtered(select(func.count()).select_from(articles), query or ArticleQuery())
        with self._connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def list_skipped(self, reason: str | None = None) -> list[SkippedEntry]:
        """Skipped inputs, most recently seen first."""
        statement = select(skipped).order_by(skipped.c.last_seen.desc(), skipped.c.id)
        if reason:
            statement = statement.where(skipped.c.reason == reason)
        return [
            SkippedEntry(row.input, SkipReason(row.reason), row.detail, row.first_seen,
                         row.last_seen, row.times)
            for row in self._fetch(statement)
        ]

    def save_extractions(self, items: Sequence[tuple[Extraction, Sequence[CodedEvent]]]) -> None:
        """Store extractions and their coded events, replacing earlier ones of the same articles."""
        try:
            with self.engine.begin() as connection:
                write_extractions(connection, items, datetime.now(UTC))
        except SQLAlchemyError as error:
            raise StoreError(f"could not write extractions to {self.url}: {describe_error(error)}",
                             fix="check the database is reachable and has space") from error

    def outlet_homes(
        self, outlets: Sequence[str] | None = None, *, exclude: Sequence[str] = ()
    ) -> dict[str, OutletHome]:
        """Where each outlet (all when None) usually reports from, learned without the `exclude`d articles."""
        try:
            with self._connect() as connection:
                return read_outlet_homes(connection, outlets, exclude)
        except SQLAlchemyError as error:
            raise StoreError(f"could not read outlet homes from {self.url}: {describe_error(error)}",
                             fix="check the database is reachable; run `sitrep db upgrade`") from error

    def get_extraction(self, article_id: str) -> Extraction | None:
        """The stored extraction of an article, or None when it has not been extracted."""
        rows = self._fetch(select(extractions.c.data).where(extractions.c.article_id == article_id))
        return extraction_from_document(rows[0].data) if rows else None

    def list_events(self, query: EventQuery) -> list[CodedEvent]:
        """Coded events matching `query`, by event date then article."""
        statement = filter_events(select(events), query).order_by(
            events.c.event_date.desc().nulls_last(), events.c.article_id, events.c.trigger_start, events.c.id
        ).offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        return [event_from_row(row) for row in self._fetch(statement)]

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many coded events match `query`, ignoring its limit and offset."""
        statement = filter_events(select(func.count()).select_from(events), query or EventQuery())
        with self._connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def iter_articles(self, *, without_extraction: bool = False) -> Iterator[Article]:
        """Every stored article (or only those not extracted yet), streamed in id order."""
        statement = select(articles).order_by(articles.c.id)
        if without_extraction:
            done = select(extractions.c.article_id)
            statement = statement.where(articles.c.id.not_in(done))
        with self._connect() as connection:
            for row in connection.execution_options(yield_per=STREAM_CHUNK).execute(statement):
                yield article_from_row(row)

    @contextmanager
    def fusion(self) -> Iterator[SqlFusionSession]:
        """A fusion transaction: everything written inside it is committed together, or nothing."""
        try:
            with self.engine.begin() as connection:
                session = SqlFusionSession(connection)
                yield session
                if session.control_changed:
                    mark_changed(connection, CONTROL)  # the last write: see `sql_changes`
        except SQLAlchemyError as error:
            raise StoreError(f"could not write fused records to {self.url}: {describe_error(error)}",
                             fix="check the database is reachable and has space") from error

    def clear_fusion(self) -> None:
        """Forget every fused record, so that `sitrep fuse --all` rebuilds them from the extractions."""
        with self.fusion() as session:
            clear_fusion(session.connection)

    def unfused_article_ids(self) -> list[str]:
        """Extracted articles that fusion has not seen yet, in id order."""
        with self._connect() as connection:
            return list(connection.execute(unfused_article_ids_statement()).scalars())

    def list_fused(self, query: FusedQuery) -> list[FusedRow]:
        """Fused records matching `query`, newest first (by first day, then by id, last first)."""
        if self._names_no_actor(query):
            return []
        columns = select(fused) if query.with_data else select(*FUSED_COLUMNS)
        # The order of the (kind, [country_code,] first_day, record_id) indexes, read backwards.
        statement = filter_fused(columns, query).order_by(
            fused.c.first_day.desc().nulls_last(), fused.c.record_id.desc()).offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        return [fused_row(row) for row in self._fetch(statement)]

    def count_fused(self, query: FusedQuery, *, most: int | None = None) -> int:
        """How many fused records match `query`, ignoring its limit and offset (up to `most` + 1)."""
        if self._names_no_actor(query):
            return 0
        statement = filter_fused(select(func.count()).select_from(fused), query)
        if most is not None:
            matching = filter_fused(select(fused.c.record_id), query).limit(most + 1).subquery()
            statement = select(func.count()).select_from(matching)
        with self._connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def _names_no_actor(self, query: FusedQuery) -> bool:
        """An actor filter no stored name answers (`sql_actors`, migration 0010): no list to read."""
        if not query.actor:
            return False
        with self._connect() as connection:
            return names_no_actor(connection, query)

    def fused_countries(self, kind: str) -> list[tuple[str | None, str | None, int]]:
        """(country, country code, how many records) of `kind`, most records first."""
        with self._connect() as connection:
            counted = country_totals(connection, kind)  # running totals, one row's name per code after
        found = []
        for code, records in counted:
            names = self._fetch(select(fused.c.country).where(
                fused.c.kind == kind, fused.c.country_code == code, fused.c.country.is_not(None)).limit(1))
            found.append((names[0][0] if names and code else None, code, int(records)))
        return found

    def fused_day_counts(self, query: FusedQuery) -> list[tuple[date, int]]:
        """How many records matching `query` start on each day (undated ones left out), by day."""
        code = country_code_of(query.country) if query.country else None
        if code and query == FusedQuery(query.kind, country=query.country, limit=query.limit,
                                        offset=query.offset, with_data=query.with_data):
            with self._connect() as connection:
                return day_totals(connection, query.kind, code)  # a country's days: the running totals
        statement = filter_fused(select(fused.c.first_day, func.count()), query).where(
            fused.c.first_day.is_not(None)).group_by(fused.c.first_day).order_by(fused.c.first_day)
        return [(row[0], int(row[1])) for row in self._fetch(statement)]

    def get_fused(self, kind: str, record_id: str) -> FusedRow:
        """The fused record of `kind` with this id, or that an earlier id of it now stands for.

        The row returned carries its current id: a caller that was given an old one sees the change.
        `NotFoundError` if neither.
        """
        rows = self._fetch(select(fused).where(fused.c.kind == kind, fused.c.record_id == record_id))
        if not rows:
            with self._connect() as connection:
                current = current_id(connection, kind, record_id)
            if current is not None:
                rows = self._fetch(select(fused).where(fused.c.kind == kind, fused.c.record_id == current))
        if not rows:
            raise NotFoundError(f"no {kind} {record_id!r} in {self.url}",
                                fix=f"list the {kind} ids with the list command or endpoint")
        return fused_row(rows[0])

    def earlier_ids(self, kind: str, record_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each record's earlier ids, oldest first (records whose id never changed are left out)."""
        with self._connect() as connection:
            return earlier_ids(connection, kind, record_ids)

    def fused_of_articles(self, kind: str, article_ids: Sequence[str]) -> list[FusedRow]:
        """The fused records of `kind` that these articles contributed to, by id."""
        found: dict[str, FusedRow] = {}
        for part in chunks(sorted(set(article_ids))):
            members = select(fusion_items.c.record_id).where(
                fusion_items.c.kind == ITEM_KINDS.get(kind, kind), fusion_items.c.article_id.in_(part))
            statement = select(fused).where(fused.c.kind == kind, fused.c.record_id.in_(members))
            found.update((row.record_id, fused_row(row)) for row in self._fetch(statement))
        return [found[record_id] for record_id in sorted(found)]

    def list_control(self, *, country: str | None = None, as_of: date | None = None) -> list[ControlRow]:
        """Control periods of a country (name or code), only those in force on `as_of` when given."""
        statement = filter_control(select(control_periods), country, as_of).order_by(
            control_periods.c.geonameid, control_periods.c.start)
        return [control_row(row) for row in self._fetch(statement)]

    def control_serial(self) -> int:
        """A number that moves whenever fusion rewrites control periods (`sql_changes`)."""
        with self._connect() as connection:
            return change_serial(connection, CONTROL)

    def save_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction; returns it with its id and time."""
        try:
            with self.engine.begin() as connection:
                return insert_correction(connection, correction)
        except SQLAlchemyError as error:
            raise self._write_error(error) from error

    def list_corrections(self, *, target: str | None = None, active: bool = True) -> list[Correction]:
        """Corrections, oldest first: of `target` when given, only those in force when `active`."""
        with self._connect() as connection:
            return select_corrections(connection, target=target, active=active)

    def get_correction(self, correction_id: int) -> Correction:
        """The correction with this id; `NotFoundError` if none."""
        with self._connect() as connection:
            return select_correction(connection, correction_id)

    def undo_correction(self, correction_id: int, *, by: str) -> Correction:
        """Mark a correction undone (it is kept); `NotFoundError` if none, returns it as now stored."""
        with self.engine.begin() as connection:
            return mark_undone(connection, correction_id, by)

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def _fetch(self, statement: Select[Any]) -> list[Any]:
        with self._connect() as connection:
            return list(connection.execute(statement))

    def _connect(self) -> Any:
        try:
            return self.engine.connect()
        except SQLAlchemyError as error:
            raise StoreError(f"cannot open {self.url}: {describe_error(error)}",
                             fix="check --db and that the database server is running") from error


def _filtered(statement: Select[Any], query: ArticleQuery) -> Select[Any]:
    if query.source:
        statement = statement.where(equals_folded(articles.c.source, query.source))
    if query.language:
        statement = statement.where(articles.c.language == query.language.lower())
    if query.since:
        statement = statement.where(articles.c.published_date >= query.since)
    if query.until:
        statement = statement.where(articles.c.published_date <= query.until)
    if query.text and query.text.strip():
        statement = statement.where(or_(contains_folded(articles.c.title, query.text),
                                        contains_folded(articles.c.text, query.text)))
    if query.ids is not None:
        statement = statement.where(articles.c.id.in_(query.ids))
    return statement

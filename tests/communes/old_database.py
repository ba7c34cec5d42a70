"""Run inside an install on PostgreSQL: the old single-commune database, made on PostgreSQL.

`python -m tests.communes.old_database OLD.sqlite3` migrates the empty PostgreSQL database of
DATABASE_URL to the migrations recorded in OLD.sqlite3 (those of the commit that made it, no
further), copies every row of every table into it, moves the sequences past the copied ids
and computes what only PostgreSQL holds (the search vectors and words, as portal's migration
0005 computes them): the database a PostgreSQL install of that commit would have had.
"""

import importlib
import sqlite3
import sys

import django


def recorded_migrations(source):
    return {tuple(row) for row in source.execute("SELECT app, name FROM django_migrations")}


def migrate_to(recorded):
    """Apply exactly the recorded migrations (their leaves' forward plans, nothing after)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    unknown = recorded - set(graph.nodes)
    if unknown:
        sys.exit(f"Migration đã ghi nhưng không còn trong mã: {sorted(unknown)}")
    leaves = sorted(
        node
        for node in recorded
        if not any(child in recorded for child in graph.node_map[node].children)
    )
    plan, planned = [], set()
    for leaf in leaves:
        for node in graph.forwards_plan(leaf):
            if node not in planned:
                planned.add(node)
                plan.append((graph.nodes[node], False))
    executor.migrate(leaves, plan=plan)
    applied = set(executor.recorder.applied_migrations())
    if applied != recorded:
        sys.exit(f"Trạng thái migration khác bản ghi: {sorted(applied ^ recorded)}")


def copy_rows(source):
    """Every row of every table but django_migrations, in one transaction (keys deferred)."""
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'django_migrations' ORDER BY name"
        )
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor)) - {"django_migrations"}
        if present != set(tables):
            sys.exit(f"Bảng khác nhau giữa hai cơ sở dữ liệu: {sorted(present ^ set(tables))}")
        # Rows the migrations themselves made are replaced by the old database's.
        cursor.execute(f"TRUNCATE {', '.join(map(quote, tables))} RESTART IDENTITY CASCADE")
        for table in tables:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({quote(table)})")]
            described = connection.introspection.get_table_description(cursor, table)
            if {column.name for column in described} != set(columns):
                sys.exit(f"Cột của bảng {table} khác nhau giữa hai cơ sở dữ liệu.")
            names = ", ".join(map(quote, columns))
            # COPY's text form: PostgreSQL parses each value for its column (0/1 as booleans,
            # SQLite's UTC date-times in the connection's UTC time zone).
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {names} FROM {quote(table)}"):
                    copy.write_row(row)
        reset_sequences(cursor, tables)
        search = importlib.import_module("portal.migrations.0005_search_suggestions")
        for statement in search.FORWARD:
            cursor.execute(statement)


def reset_sequences(cursor, tables):
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() "
        "AND (is_identity = 'YES' OR column_default LIKE 'nextval%')"
    )
    for table, column in cursor.fetchall():
        if table not in tables:
            continue
        cursor.execute(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX("{column}"), 1), '
            f'MAX("{column}") IS NOT NULL) FROM "{table}"',
            [f'"{table}"', column],
        )


if __name__ == "__main__":
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Cần DATABASE_URL trỏ tới một cơ sở dữ liệu PostgreSQL rỗng.")
    with sqlite3.connect(sys.argv[1]) as old:
        migrate_to(recorded_migrations(old))
        copy_rows(old)

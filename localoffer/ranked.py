"""Several ranked querysets read in one SQL query. The site search runs what was typed and each rewording from the
families' words (localoffer/synonyms/); a query per search would make a page's query count grow with the
rewordings (issue 11: at most 10 on any public page)."""

from collections.abc import Sequence
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, Window
from django.db.models.functions import RowNumber


def rows_in_one_query(rankings: Sequence[QuerySet[Any]], fields: Sequence[str]) -> list[list[tuple[Any, ...]]]:
    """The `fields` of each queryset's rows, in that queryset's own order (a search's best first), read in one
    query: each queryset (ordered, and sliced if need be, as it is) numbers its rows by its own ORDER BY, and the
    querysets are joined by UNION ALL, each as a derived table (SQLite allows no ORDER BY or LIMIT in the parts of a
    compound statement otherwise). A queryset that can match nothing costs nothing. One database for all."""
    found: list[list[tuple[Any, ...]]] = [[] for _ in rankings]
    parts: list[str] = []
    params: list[Any] = []
    using = None
    for number, queryset in enumerate(rankings):
        order_by = cast(list[Any], list(queryset.query.order_by))  # names or expressions, as Window takes them
        position = Window(RowNumber(), order_by=order_by or None)
        numbered = queryset.annotate(_position=position).values_list(*fields, "_position")
        using = numbered.db
        try:
            sql, part_params = numbered.query.get_compiler(using=using).as_sql(with_col_aliases=True)
        except EmptyResultSet:
            continue
        # Django's own SQL with its parameters apart, and our own number: nothing from the request is in the text.
        parts.append(f"SELECT {int(number)} AS search_number, numbered.* FROM ({sql}) numbered")  # noqa: S608
        params.extend(part_params)
    if not parts:
        return found
    last = len(fields) + 2  # the row's position in its own search
    with connections[using or "default"].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + f" ORDER BY 1, {last}", params)
        for number, *row in cursor.fetchall():
            found[number].append(tuple(row[:-1]))
    return found

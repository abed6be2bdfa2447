"""A directory search read from a query string with the directory's own FilterSet: What's new, its feed and the email
alerts take the same addresses as the directory's results page (/services/?age=7&need=autism) and clean them the
same way. Four queries (the need types, areas of need, categories and towns and areas the filters offer)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from ..ages import age_text
from ..places.models import Locality
from ..services.filters import FILTER_GROUPS, DirectoryFilterSet
from ..taxonomy.models import AreaOfNeed, NeedType, ServiceCategory

FLAGS = ("free", "self_referral")


@dataclass
class DirectorySearch:
    filterset: DirectoryFilterSet
    active: dict
    keyword: str
    errors: dict = field(default_factory=dict)

    @property
    def form(self):
        return self.filterset.form

    @property
    def query_string(self) -> str:
        """The search as a tidy query string: only what was understood, in a fixed order ("" for everything)."""
        pairs = [("q", self.keyword)] if self.keyword else []
        for name in FILTER_GROUPS:
            if name not in self.active:
                continue
            value = self.active[name]
            if name in FLAGS:
                pairs.append((name, "on"))
            elif isinstance(value, list):
                pairs.extend((name, item) for item in value)
            else:
                pairs.append((name, str(value)))
        return urlencode(pairs)

    def describe(self) -> list[str]:
        """The search in words, one line per part: ["Search words: “swimming”", "Type of need: Autism", ...]."""
        lines = [f"Search words: “{self.keyword}”"] if self.keyword else []
        fields = self.form.fields
        for name in FILTER_GROUPS:
            if name not in self.active:
                continue
            value = self.active[name]
            label = self.filterset.filters[name].label
            if name == "age":
                lines.append(f"Age: {age_text(value)}")
            elif name in FLAGS:
                lines.append(label)
            else:
                names = dict((str(k), v) for k, v in fields[name].choices)
                lines.append(f"{label}: " + ", ".join(names.get(item, item) for item in value))
        return lines


def read_search(data: QueryDict | dict | None) -> DirectorySearch:
    needs = list(NeedType.objects.select_related("area").order_by("area__sort_order", "sort_order", "name"))
    areas = list(AreaOfNeed.objects.all())
    categories = list(ServiceCategory.objects.all())
    localities = list(Locality.objects.all())
    filterset = DirectoryFilterSet(data or None, needs=needs, areas=areas, categories=categories, localities=localities)
    filterset.form.is_valid()
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return DirectorySearch(filterset, dict(filterset.active), cleaned.get("q") or "", dict(filterset.form.errors))


def parse_query_string(query_string: str) -> DirectorySearch:
    return read_search(QueryDict(query_string))

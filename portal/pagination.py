"""Pages of the public lists of groups."""

from django.core.paginator import Paginator


class FirstPageCountingPaginator(Paginator):
    """A Paginator that counts a list fitting on its first page by reading that page.

    Most searches with a filter or two, and most kelurahan, find fewer groups than a page
    shows. Their first page is read with one row more than it shows: when that row is
    missing, the rows read are the count, and the COUNT(*) of the search (as costly as
    reading the page) is not asked. Other pages are Django's.
    """

    def get_page(self, number):
        if self.orphans or not self.allow_empty_first_page or not _asks_first_page(number):
            return super().get_page(number)
        head = list(self.object_list[: self.per_page + 1])
        if len(head) <= self.per_page:
            self.count = len(head)
        return self._get_page(head[: self.per_page], 1, self)


def _asks_first_page(number) -> bool:
    # As get_page: no page number, or one that is not a whole number, is the first page.
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True

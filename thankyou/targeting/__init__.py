"""
Targeting: which page and which blocks an order sees.

Segments are shop-owned sets of conditions on the order context, combined
with "all" or "any". A shop's segments and the list of its live pages are
cached per shop generation and page set (``cached_targeting``); everything that depends
on the order is decided after the cache, per order, from that cached data:
which segments the order is in (``Audience``), which page it gets
(``Targeting.select``) and which blocks of the page it sees (``visibility``).
"""

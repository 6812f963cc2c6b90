"""What recorded traffic cost: the one place that decides how an interaction is priced.

``priced_as`` decides which model an interaction is priced as (the requested one, else the
one the response names, with the reason); ``lookup`` is the one form and order of a price
table lookup (URL without its query, provider id, a gateway's upstream); ``price_index``
answers "which table entry prices this model?" from a compact index of the installed
genai-prices that ``index_cache`` builds once per version, without importing genai-prices
(lint, ``show``); ``estimate`` prices that entry with genai-prices itself (frames and
reports), with the charges of ``published`` prices genai-prices lacks.
"""

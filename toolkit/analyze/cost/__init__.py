"""What recorded traffic cost: estimates from the genai-prices table, and which models it knows.

``price_index`` answers "does the table know this model?" without importing genai-prices
(for lint); ``estimate`` prices a usage with genai-prices itself (for frames and reports).
"""

"""The audit report: summary tables of frames, and their renderers (text, markdown, json, html, csv)."""

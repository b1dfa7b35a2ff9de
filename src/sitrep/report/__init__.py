"""Situation reports (flash-update style) from the store: ``build_report`` → ``render_markdown`` / ``render_html``."""

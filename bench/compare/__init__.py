"""Processes `bench/webhook_compare.py` starts: fake Bot API, bare echo bot, counted serve."""

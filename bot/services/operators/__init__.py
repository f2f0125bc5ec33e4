"""Operators: escalation to a human, the desk they work at, its queue view and live events."""

"""Sapar: a bilingual Kyrgyz/Russian chatbot for safe labour migration."""

__version__ = "0.1.0"

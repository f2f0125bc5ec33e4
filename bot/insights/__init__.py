"""Programme managers' room at /insights: anonymous figures as charts, tables and CSV."""

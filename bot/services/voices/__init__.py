"""Voice notes: kept for the operator while a hand-off is open, gone when it ends."""

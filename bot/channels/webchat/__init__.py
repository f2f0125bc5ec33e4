"""The browser chat: a JSON API for the page at `/` and a deliverer that wakes its polls."""

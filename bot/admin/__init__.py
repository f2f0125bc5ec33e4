"""The content staff's admin at /admin; `bot.admin.mount.install` adds it to the web app."""

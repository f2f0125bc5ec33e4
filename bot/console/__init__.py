"""The operators' console at /console; `bot.console.mount.install` adds it to the web app."""

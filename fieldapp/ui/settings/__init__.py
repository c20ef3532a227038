"""Settings (设置): language, map tiles, account, server, sign-out."""

"""Sign-in (登录): email and password, or a demo user."""

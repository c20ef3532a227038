"""Meetings (业务座谈会) and the feedback summary (客户意见) of area managers and managers."""

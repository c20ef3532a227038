"""辅导支援: the area manager's and manager's support desk."""

"""The project's one error family: every error has a title and a message in Chinese and English."""

from __future__ import annotations


class FieldSalesError(Exception):
    """An error a user can read: a short title and a message, each in Chinese and English."""

    title_zh = "出错了"
    title_en = "Something went wrong"

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def one_line(self) -> str:
        """Both languages on one line, for a CLI's stderr."""
        return f"{self.title_zh}：{self.message_zh} | {self.title_en}: {self.message_en}"


class ConnectionFailed(FieldSalesError):
    """The database or server could not be reached."""

    title_zh = "无法连接数据库"
    title_en = "Cannot connect to the database"


class InvalidInput(FieldSalesError):
    """Input that was rejected before anything was written."""

    title_zh = "输入有误"
    title_en = "Invalid input"

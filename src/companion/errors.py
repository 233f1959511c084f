"""One error type per area, each carrying a stable code and a human message.

Tests and the UI branch on ``code``; pages translate it through ``i18n`` and the
CLI prints ``message``. Nobody parses message text.
"""


class CompanionError(Exception):
    """Base of every error the domain raises on purpose."""

    area = "general"

    def __init__(self, code: str, message: str = "", **details: object):
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.details = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class ConfigError(CompanionError):
    area = "config"


class EventDataError(CompanionError):
    """A data/ file is malformed; message names the file, the line and the problem."""

    area = "event"


class StoreError(CompanionError):
    area = "store"


class AuthError(CompanionError):
    area = "auth"


class ImportFileError(CompanionError):
    area = "import"


class ScanError(CompanionError):
    """A camera photo could not be turned into exactly one QR payload."""

    area = "scan"


class CheckInError(CompanionError):
    area = "checkin"


class GroupError(CompanionError):
    area = "groups"


class QuestionError(CompanionError):
    area = "questions"


class BackupError(CompanionError):
    area = "backup"


class EvaluationError(CompanionError):
    area = "evaluation"


class PrivacyError(CompanionError):
    """Purge and one person's data (access, erasure)."""

    area = "privacy"


class HallError(CompanionError):
    """Group notes, polls, messages to phones and presentations."""

    area = "hall"

"""Operations: logs, request ids, surviving cache and database faults, backup and restore."""

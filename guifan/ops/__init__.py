"""Operations: backup and restore, the read-replica router."""

"""Operations on a deployed stack (AWS or the local one): dead-letter redrive, reprocessing raw objects."""

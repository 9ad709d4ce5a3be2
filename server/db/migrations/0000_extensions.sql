-- Extensions drizzle-kit cannot express. PGlite loads the same ones from its contrib bundle.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

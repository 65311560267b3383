#!/bin/sh
# Stand-in for Prisma's native schema-engine, which can't be downloaded here.
# Its presence lets `prisma generate/validate/format` skip the download; any real
# schema-engine use (prisma migrate/db push) fails loudly instead of silently.
echo "schema-engine unavailable offline: use 'pnpm db:migrate' (prisma/scripts/migrate.ts)" >&2
exit 1

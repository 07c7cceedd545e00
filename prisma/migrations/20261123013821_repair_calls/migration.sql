-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "sourceMessageLink" TEXT;


-- Written by hand below this line: what Prisma's schema language cannot describe (see the
-- comments on Customer and Assignment in schema.prisma). The tool above diffs schema files, so
-- later migrations leave these objects alone.

-- Customer type-ahead: substring search on the name and on the phone's digits
-- (services/tickets/search-customers.ts). pg_trgm is a trusted extension (PostgreSQL 13+), so
-- the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING GIN ("name" gin_trgm_ops);

CREATE INDEX "Customer_phone_digits_trgm_idx" ON "Customer" USING GIN ((regexp_replace("phone", '[^0-9]', '', 'g')) gin_trgm_ops);

-- R5: a ticket has at most one open assignment, even if two dispatchers assign at once.
CREATE UNIQUE INDEX "Assignment_one_open_per_ticket_key" ON "Assignment"("ticketId") WHERE "endedAt" IS NULL;

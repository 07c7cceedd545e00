-- AlterTable
ALTER TABLE "Branch" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "locale" TEXT;


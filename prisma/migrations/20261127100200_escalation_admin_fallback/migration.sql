-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "sentToAdminsFor" "Role"[] DEFAULT ARRAY[]::"Role"[];


-- AlterTable
ALTER TABLE "ComponentRegion" ADD COLUMN     "historyRevision" INTEGER NOT NULL DEFAULT 0;

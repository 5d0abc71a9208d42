-- AlterTable
ALTER TABLE "OrgSettings" ADD COLUMN "brandColor" TEXT;
ALTER TABLE "OrgSettings" ADD COLUMN "brandName" TEXT;

-- CreateTable
CREATE TABLE "BrandLogo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "bytes" BLOB NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);


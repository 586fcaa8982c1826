CREATE TABLE "training"."placements" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"hired_on" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "placements_resident_idx" ON "training"."placements" USING btree ("resident_id");
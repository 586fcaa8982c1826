CREATE TABLE "residents"."employer_grants" (
	"resident_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"granted_on" date NOT NULL,
	CONSTRAINT "employer_grants_resident_id_employer_id_pk" PRIMARY KEY("resident_id","employer_id")
);
--> statement-breakpoint
ALTER TABLE "residents"."employer_grants" ADD CONSTRAINT "employer_grants_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "residents"."centre_grants" (
	"resident_id" uuid NOT NULL,
	"centre_id" uuid NOT NULL,
	"granted_on" date NOT NULL,
	CONSTRAINT "centre_grants_resident_id_centre_id_pk" PRIMARY KEY("resident_id","centre_id")
);
--> statement-breakpoint
ALTER TABLE "residents"."centre_grants" ADD CONSTRAINT "centre_grants_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;
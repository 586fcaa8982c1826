CREATE SCHEMA IF NOT EXISTS "residents";
--> statement-breakpoint
CREATE TABLE "residents"."households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_code" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents"."regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"community_kind" text
);
--> statement-breakpoint
CREATE TABLE "residents"."resident_skills" (
	"resident_id" uuid NOT NULL,
	"name" text NOT NULL,
	"certificate_level" integer,
	CONSTRAINT "resident_skills_resident_id_name_pk" PRIMARY KEY("resident_id","name")
);
--> statement-breakpoint
CREATE TABLE "residents"."residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"identity_number" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"employment_status" text NOT NULL,
	"status_since" date DEFAULT current_date NOT NULL,
	"job_intention" jsonb,
	"declared_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_identity_number_unique" UNIQUE("identity_number")
);
--> statement-breakpoint
ALTER TABLE "residents"."households" ADD CONSTRAINT "households_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "residents"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."resident_skills" ADD CONSTRAINT "resident_skills_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."residents" ADD CONSTRAINT "residents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "residents"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."residents" ADD CONSTRAINT "residents_community_code_regions_code_fk" FOREIGN KEY ("community_code") REFERENCES "residents"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_community_idx" ON "residents"."households" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "residents"."regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents"."residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_community_idx" ON "residents"."residents" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "residents_status_idx" ON "residents"."residents" USING btree ("employment_status");
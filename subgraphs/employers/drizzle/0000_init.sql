CREATE SCHEMA IF NOT EXISTS "employers";
--> statement-breakpoint
CREATE TABLE "employers"."employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"district_code" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "employers"."vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"headcount" integer NOT NULL,
	"filled_count" integer DEFAULT 0 NOT NULL,
	"wage_min" integer NOT NULL,
	"wage_max" integer NOT NULL,
	"location_code" text NOT NULL,
	"gender_requirement" text,
	"gender_reason" text,
	"age_min" integer,
	"age_max" integer,
	"min_education" text,
	"public_welfare" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vacancies_headcount_positive" CHECK ("employers"."vacancies"."headcount" > 0),
	CONSTRAINT "vacancies_filled_within_headcount" CHECK ("employers"."vacancies"."filled_count" between 0 and "employers"."vacancies"."headcount"),
	CONSTRAINT "vacancies_wage_range" CHECK ("employers"."vacancies"."wage_min" >= 0 and "employers"."vacancies"."wage_max" >= "employers"."vacancies"."wage_min")
);
--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD CONSTRAINT "vacancies_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "employers"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vacancies_employer_idx" ON "employers"."vacancies" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "vacancies_location_idx" ON "employers"."vacancies" USING btree ("location_code");
CREATE SCHEMA IF NOT EXISTS "training";
--> statement-breakpoint
CREATE TABLE "training"."courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"capacity" integer NOT NULL,
	"location_code" text NOT NULL,
	"employer_id" uuid,
	"vacancy_id" uuid,
	"committed_hires" integer,
	"target_occupation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_capacity_positive" CHECK ("training"."courses"."capacity" > 0),
	CONSTRAINT "courses_dates_ordered" CHECK ("training"."courses"."end_date" >= "training"."courses"."start_date"),
	CONSTRAINT "courses_order_complete" CHECK ("training"."courses"."mode" <> 'ORDER_BASED' or ("training"."courses"."employer_id" is not null and "training"."courses"."vacancy_id" is not null and "training"."courses"."committed_hires" between 1 and "training"."courses"."capacity"))
);
--> statement-breakpoint
CREATE TABLE "training"."training_centres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"district_code" text NOT NULL,
	"accreditation_number" text,
	"accredited_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_centres_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "training"."courses" ADD CONSTRAINT "courses_centre_id_training_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "training"."training_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "courses_centre_idx" ON "training"."courses" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "courses_vacancy_idx" ON "training"."courses" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "courses_employer_idx" ON "training"."courses" USING btree ("employer_id");
CREATE TABLE "training"."enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" text DEFAULT 'ENROLLED' NOT NULL,
	"enrolled_on" date NOT NULL,
	"enrolled_by" text NOT NULL,
	"withdrawn_on" date
);
--> statement-breakpoint
CREATE TABLE "training"."inbox" (
	"source" text NOT NULL,
	"event_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "training"."jobseekers" (
	"resident_id" uuid PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"education" text,
	"employment_status" text NOT NULL,
	"status_since" date NOT NULL,
	"declared_groups" text[] NOT NULL,
	"zero_employment_household" boolean NOT NULL,
	"registered_on" date,
	"profile_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training"."courses" ADD COLUMN "status" text DEFAULT 'OPEN' NOT NULL;--> statement-breakpoint
ALTER TABLE "training"."courses" ADD COLUMN "hours" integer;--> statement-breakpoint
ALTER TABLE "training"."courses" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "training"."courses" ADD COLUMN "fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "training"."courses" ADD COLUMN "free_for_hard_to_employ" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "training"."enrolments" ADD CONSTRAINT "enrolments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "training"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_course_idx" ON "training"."enrolments" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "enrolments_resident_idx" ON "training"."enrolments" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_one_active" ON "training"."enrolments" USING btree ("course_id","resident_id") WHERE "training"."enrolments"."status" = 'ENROLLED';
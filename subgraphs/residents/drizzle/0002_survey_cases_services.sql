CREATE TABLE "residents"."assistance_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"resident_id" uuid,
	"household_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"reasons" text[] NOT NULL,
	"opened_on" date NOT NULL,
	"helper" text,
	"agreement_signed_on" date,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"closed_on" date,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "residents"."case_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitor" text NOT NULL,
	"note" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents"."certificate_sequences" (
	"district_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "certificate_sequences_district_code_year_pk" PRIMARY KEY("district_code","year")
);
--> statement-breakpoint
CREATE TABLE "residents"."group_declarations" (
	"resident_id" uuid NOT NULL,
	"group" text NOT NULL,
	"evidence" text NOT NULL,
	"declared_on" date NOT NULL,
	"declared_by" text NOT NULL,
	CONSTRAINT "group_declarations_resident_id_group_pk" PRIMARY KEY("resident_id","group")
);
--> statement-breakpoint
CREATE TABLE "residents"."inbox" (
	"source" text NOT NULL,
	"event_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "residents"."registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"certificate_number" text NOT NULL,
	"registered_on" date NOT NULL,
	"registered_by" text NOT NULL,
	"closed_on" date,
	"close_reason" text,
	CONSTRAINT "registrations_certificate_number_unique" UNIQUE("certificate_number")
);
--> statement-breakpoint
CREATE TABLE "residents"."resident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents"."service_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"registration_id" uuid,
	"kind" text NOT NULL,
	"delivered_on" date NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents"."training_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"requested_on" date NOT NULL,
	"note" text,
	"answered_on" date,
	"answer" text
);
--> statement-breakpoint
ALTER TABLE "residents"."households" ADD COLUMN "situation" text;--> statement-breakpoint
ALTER TABLE "residents"."households" ADD COLUMN "last_surveyed_on" date;--> statement-breakpoint
ALTER TABLE "residents"."residents" ADD COLUMN "monthly_income" integer;--> statement-breakpoint
ALTER TABLE "residents"."residents" ADD COLUMN "migration_destination" text;--> statement-breakpoint
ALTER TABLE "residents"."assistance_cases" ADD CONSTRAINT "assistance_cases_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."assistance_cases" ADD CONSTRAINT "assistance_cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "residents"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."case_visits" ADD CONSTRAINT "case_visits_case_id_assistance_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "residents"."assistance_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."group_declarations" ADD CONSTRAINT "group_declarations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."registrations" ADD CONSTRAINT "registrations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."resident_events" ADD CONSTRAINT "resident_events_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."service_deliveries" ADD CONSTRAINT "service_deliveries_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."service_deliveries" ADD CONSTRAINT "service_deliveries_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "residents"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents"."training_requests" ADD CONSTRAINT "training_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "residents"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_community_idx" ON "residents"."assistance_cases" USING btree ("community_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_person" ON "residents"."assistance_cases" USING btree ("resident_id") WHERE "residents"."assistance_cases"."status" = 'OPEN' and "residents"."assistance_cases"."kind" = 'PERSON';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_household" ON "residents"."assistance_cases" USING btree ("household_id") WHERE "residents"."assistance_cases"."status" = 'OPEN' and "residents"."assistance_cases"."kind" = 'HOUSEHOLD';--> statement-breakpoint
CREATE INDEX "case_visits_case_idx" ON "residents"."case_visits" USING btree ("case_id","visited_on");--> statement-breakpoint
CREATE INDEX "registrations_resident_idx" ON "residents"."registrations" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_one_open" ON "residents"."registrations" USING btree ("resident_id") WHERE "residents"."registrations"."closed_on" is null;--> statement-breakpoint
CREATE INDEX "resident_events_resident_idx" ON "residents"."resident_events" USING btree ("resident_id","id");--> statement-breakpoint
CREATE INDEX "service_deliveries_resident_idx" ON "residents"."service_deliveries" USING btree ("resident_id","kind");--> statement-breakpoint
CREATE INDEX "training_requests_resident_idx" ON "residents"."training_requests" USING btree ("resident_id");--> statement-breakpoint
ALTER TABLE "residents"."residents" DROP COLUMN "declared_groups";
CREATE TABLE "employers"."vacancy_changes" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "nice_to_have_skills" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "working_time" text DEFAULT 'FULL_TIME' NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "valid_from" date DEFAULT current_date NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "review_reasons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."vacancies" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "vacancy_changes_vacancy_idx" ON "employers"."vacancy_changes" USING btree ("vacancy_id");
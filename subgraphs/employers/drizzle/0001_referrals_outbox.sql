CREATE TABLE "employers"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"topic" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "employers"."referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"referred_on" date NOT NULL,
	"referred_by" text NOT NULL,
	"outcome" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD CONSTRAINT "referrals_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "employers"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "employers"."outbox" USING btree ("delivered_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_aggregate_idx" ON "employers"."outbox" USING btree ("aggregate_id","id");--> statement-breakpoint
CREATE INDEX "referrals_vacancy_idx" ON "employers"."referrals" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "referrals_resident_idx" ON "employers"."referrals" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_per_vacancy" ON "employers"."referrals" USING btree ("vacancy_id","resident_id");
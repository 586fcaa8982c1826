CREATE TABLE "training"."outbox" (
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
ALTER TABLE "training"."enrolments" ADD COLUMN "completed_on" date;--> statement-breakpoint
ALTER TABLE "training"."enrolments" ADD COLUMN "passed" boolean;--> statement-breakpoint
ALTER TABLE "training"."enrolments" ADD COLUMN "certificate_number" text;--> statement-breakpoint
ALTER TABLE "training"."enrolments" ADD COLUMN "certificate_level" integer;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "training"."outbox" USING btree ("delivered_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_aggregate_idx" ON "training"."outbox" USING btree ("aggregate_id","id");
CREATE TABLE "subsidies"."application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "subsidies"."applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_code" text NOT NULL,
	"beneficiary_kind" text NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"applied_on" date NOT NULL,
	"period" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"base_fen" integer,
	"documents" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"met_conditions" text[] NOT NULL,
	"status" text DEFAULT 'SUBMITTED' NOT NULL,
	"rejection_reason" text,
	"submitted_by" text NOT NULL,
	"submitted_by_sub" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "applications_idempotency" UNIQUE("submitted_by_sub","idempotency_key"),
	CONSTRAINT "applications_amount" CHECK ("subsidies"."applications"."amount_fen" >= 0),
	CONSTRAINT "applications_period" CHECK ("subsidies"."applications"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "applications_rejection_reason" CHECK ("subsidies"."applications"."status" <> 'REJECTED' or "subsidies"."applications"."rejection_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "subsidies"."outbox" (
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
CREATE TABLE "subsidies"."payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"policy_code" text NOT NULL,
	"period" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reference" text NOT NULL,
	"paid_on" date NOT NULL,
	"reverses" uuid,
	"reason" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_sign" CHECK (("subsidies"."payouts"."kind" = 'PAYMENT' and "subsidies"."payouts"."amount_fen" > 0 and "subsidies"."payouts"."reverses" is null) or ("subsidies"."payouts"."kind" = 'REVERSAL' and "subsidies"."payouts"."amount_fen" < 0 and "subsidies"."payouts"."reverses" is not null and "subsidies"."payouts"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "subsidies"."policy_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"delivered_on" date NOT NULL,
	"note" text,
	"delivered_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subsidies"."subsidy_policies" DROP CONSTRAINT "subsidy_policies_code_unique";--> statement-breakpoint
-- Until now the table held only the shipped programmes, which the service writes again at start with their amounts and versions.
DELETE FROM "subsidies"."subsidy_policies";--> statement-breakpoint
ALTER TABLE "subsidies"."subsidy_policies" ADD COLUMN "amount" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidies"."subsidy_policies" ADD COLUMN "published_by" text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidies"."application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "subsidies"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidies"."applications" ADD CONSTRAINT "applications_policy_id_subsidy_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "subsidies"."subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidies"."payouts" ADD CONSTRAINT "payouts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "subsidies"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidies"."policy_deliveries" ADD CONSTRAINT "policy_deliveries_policy_id_subsidy_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "subsidies"."subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "subsidies"."application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_region_idx" ON "subsidies"."applications" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "applications_beneficiary_idx" ON "subsidies"."applications" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_approved_per_period" ON "subsidies"."applications" USING btree ("beneficiary_id","policy_code","period") WHERE "subsidies"."applications"."status" in ('APPROVED', 'PAID');--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "subsidies"."outbox" USING btree ("delivered_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_aggregate_idx" ON "subsidies"."outbox" USING btree ("aggregate_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_once_per_period" ON "subsidies"."payouts" USING btree ("beneficiary_id","policy_code","period") WHERE "subsidies"."payouts"."kind" = 'PAYMENT';--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_reversed_once" ON "subsidies"."payouts" USING btree ("reverses");--> statement-breakpoint
CREATE INDEX "payouts_application_idx" ON "subsidies"."payouts" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "policy_deliveries_resident_idx" ON "subsidies"."policy_deliveries" USING btree ("resident_id");--> statement-breakpoint
ALTER TABLE "subsidies"."subsidy_policies" ADD CONSTRAINT "subsidy_policies_code_version" UNIQUE("code","version");--> statement-breakpoint
ALTER TABLE "subsidies"."subsidy_policies" ADD CONSTRAINT "subsidy_policies_validity" CHECK ("subsidies"."subsidy_policies"."valid_to" is null or "subsidies"."subsidy_policies"."valid_to" >= "subsidies"."subsidy_policies"."valid_from");--> statement-breakpoint
-- The audit trail and the payout ledger are append-only: the database itself refuses edits and deletions.
CREATE FUNCTION "subsidies"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "application_events_append_only" BEFORE UPDATE OR DELETE ON "subsidies"."application_events" FOR EACH ROW EXECUTE FUNCTION "subsidies"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER "application_events_no_truncate" BEFORE TRUNCATE ON "subsidies"."application_events" FOR EACH STATEMENT EXECUTE FUNCTION "subsidies"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER "payouts_append_only" BEFORE UPDATE OR DELETE ON "subsidies"."payouts" FOR EACH ROW EXECUTE FUNCTION "subsidies"."refuse_change"();--> statement-breakpoint
CREATE TRIGGER "payouts_no_truncate" BEFORE TRUNCATE ON "subsidies"."payouts" FOR EACH STATEMENT EXECUTE FUNCTION "subsidies"."refuse_change"();
CREATE TABLE "employers"."idempotency_keys" (
	"subject" text NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_subject_operation_key_pk" PRIMARY KEY("subject","operation","key")
);
--> statement-breakpoint
CREATE TABLE "employers"."mutation_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"operation" text NOT NULL,
	"target_id" text,
	"outcome" text NOT NULL,
	"request_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employers"."search_queue" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "employers"."search_queue" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "employers"."search_queue" ADD COLUMN "quarantined_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "mutation_audit_actor_idx" ON "employers"."mutation_audit" USING btree ("actor","at");--> statement-breakpoint
CREATE INDEX "mutation_audit_target_idx" ON "employers"."mutation_audit" USING btree ("target_id");--> statement-breakpoint
CREATE FUNCTION "employers"."refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "mutation_audit_append_only" BEFORE UPDATE OR DELETE ON "employers"."mutation_audit" FOR EACH ROW EXECUTE FUNCTION "employers"."refuse_audit_change"();--> statement-breakpoint
CREATE TRIGGER "mutation_audit_no_truncate" BEFORE TRUNCATE ON "employers"."mutation_audit" FOR EACH STATEMENT EXECUTE FUNCTION "employers"."refuse_audit_change"();

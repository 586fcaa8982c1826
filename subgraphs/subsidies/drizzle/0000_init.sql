CREATE SCHEMA IF NOT EXISTS "subsidies";
--> statement-breakpoint
CREATE TABLE "subsidies"."subsidy_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"legal_basis" text NOT NULL,
	"rule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_policies_code_unique" UNIQUE("code")
);

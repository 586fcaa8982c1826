CREATE TABLE "employers"."inbox" (
	"source" text NOT NULL,
	"event_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
CREATE TABLE "employers"."jobseekers" (
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

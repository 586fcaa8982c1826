CREATE TABLE "training"."vacancies" (
	"vacancy_id" uuid PRIMARY KEY NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation" text NOT NULL,
	"status" text NOT NULL,
	"headcount" integer NOT NULL,
	"filled_count" integer NOT NULL,
	"location_code" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);

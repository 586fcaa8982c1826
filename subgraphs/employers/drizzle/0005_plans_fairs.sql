CREATE TABLE "employers"."hiring_plan_lines" (
	"employer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"occupation" text NOT NULL,
	"month" integer NOT NULL,
	"headcount" integer NOT NULL,
	CONSTRAINT "hiring_plan_lines_employer_id_year_occupation_month_pk" PRIMARY KEY("employer_id","year","occupation","month"),
	CONSTRAINT "hiring_plan_month" CHECK ("employers"."hiring_plan_lines"."month" between 1 and 12),
	CONSTRAINT "hiring_plan_headcount" CHECK ("employers"."hiring_plan_lines"."headcount" > 0)
);
--> statement-breakpoint
CREATE TABLE "employers"."job_fair_vacancies" (
	"job_fair_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	CONSTRAINT "job_fair_vacancies_job_fair_id_vacancy_id_pk" PRIMARY KEY("job_fair_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "employers"."job_fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"community_code" text NOT NULL,
	"held_on" date NOT NULL,
	"organised_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD COLUMN "registered_on" date;--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD COLUMN "job_fair_id" uuid;--> statement-breakpoint
ALTER TABLE "employers"."hiring_plan_lines" ADD CONSTRAINT "hiring_plan_lines_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "employers"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers"."job_fair_vacancies" ADD CONSTRAINT "job_fair_vacancies_job_fair_id_job_fairs_id_fk" FOREIGN KEY ("job_fair_id") REFERENCES "employers"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers"."job_fair_vacancies" ADD CONSTRAINT "job_fair_vacancies_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "employers"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_fairs_community_idx" ON "employers"."job_fairs" USING btree ("community_code","held_on");--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD CONSTRAINT "referrals_job_fair_id_job_fairs_id_fk" FOREIGN KEY ("job_fair_id") REFERENCES "employers"."job_fairs"("id") ON DELETE no action ON UPDATE no action;
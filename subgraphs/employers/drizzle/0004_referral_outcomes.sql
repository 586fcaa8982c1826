ALTER TABLE "employers"."referrals" ADD COLUMN "outcome_on" date;--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD COLUMN "outcome_reason" text;--> statement-breakpoint
ALTER TABLE "employers"."referrals" ADD COLUMN "outcome_by" text;
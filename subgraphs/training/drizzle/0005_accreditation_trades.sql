ALTER TABLE "training"."courses" ADD COLUMN "trade" text;--> statement-breakpoint
ALTER TABLE "training"."training_centres" ADD COLUMN "trades" text[] DEFAULT '{}'::text[] NOT NULL;
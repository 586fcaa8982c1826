-- Earlier deliveries kept neither the assessment nor the person's community, so there is nothing true to fill
-- them from: they stay null, and only administrators see them.
ALTER TABLE "subsidies"."policy_deliveries" ADD COLUMN "region_code" text;

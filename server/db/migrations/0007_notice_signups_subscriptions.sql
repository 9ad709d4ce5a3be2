CREATE TYPE "public"."signup_status" AS ENUM('confirmed', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."subscribe_template" AS ENUM('review_result', 'event_reminder', 'urgent_notice');--> statement-breakpoint
CREATE TABLE "notice_signups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notice_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"notice_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"people" integer NOT NULL,
	"status" "signup_status" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"attended_at" timestamp (3) with time zone,
	CONSTRAINT "notice_signups_people_ck" CHECK ("notice_signups"."people" > 0),
	CONSTRAINT "notice_signups_confirmed_ck" CHECK ("notice_signups"."status" <> 'confirmed' or "notice_signups"."confirmed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "subscribe_consents" (
	"user_id" integer NOT NULL,
	"template" "subscribe_template" NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"accepted_total" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscribe_consents_user_id_template_pk" PRIMARY KEY("user_id","template"),
	CONSTRAINT "subscribe_consents_remaining_ck" CHECK ("subscribe_consents"."remaining" >= 0)
);
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "publish_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "signup_capacity" integer;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "signup_deadline" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "signup_max_people" integer;--> statement-breakpoint
ALTER TABLE "notice_signups" ADD CONSTRAINT "notice_signups_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_signups" ADD CONSTRAINT "notice_signups_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_signups" ADD CONSTRAINT "notice_signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_signups" ADD CONSTRAINT "notice_signups_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_consents" ADD CONSTRAINT "subscribe_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_signups_live_uq" ON "notice_signups" USING btree ("notice_id","household_id") WHERE "notice_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "notice_signups_notice_idx" ON "notice_signups" USING btree ("notice_id","status","id");--> statement-breakpoint
CREATE INDEX "notice_signups_user_idx" ON "notice_signups" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notices_publish_at_idx" ON "notices" USING btree ("publish_at") WHERE "notices"."status" = 'draft' and "notices"."publish_at" is not null;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_signup_ck" CHECK (("notices"."signup_capacity" is null) = ("notices"."signup_deadline" is null) and ("notices"."signup_capacity" is null) = ("notices"."signup_max_people" is null) and coalesce("notices"."signup_capacity", 1) > 0 and coalesce("notices"."signup_max_people", 1) > 0);
CREATE TYPE "public"."rental_booking_status" AS ENUM('waiting', 'offered', 'pending', 'confirmed', 'on_loan', 'returned', 'cancelled', 'rejected', 'expired');--> statement-breakpoint
CREATE TYPE "public"."rental_category" AS ENUM('wheelchair', 'walker', 'cane', 'nursing_bed', 'commode_chair', 'shower_chair', 'oxygen', 'rehab_trainer', 'other');--> statement-breakpoint
CREATE TYPE "public"."rental_condition" AS ENUM('good', 'worn', 'needs_repair', 'scrapped');--> statement-breakpoint
CREATE TYPE "public"."rental_eligibility" AS ENUM('elderly', 'low_income', 'disabled', 'temporary');--> statement-breakpoint
CREATE TYPE "public"."rental_fee_kind" AS ENUM('free', 'per_day', 'per_period');--> statement-breakpoint
CREATE TYPE "public"."rental_handover" AS ENUM('pickup', 'delivery');--> statement-breakpoint
CREATE TYPE "public"."rental_hold_kind" AS ENUM('booking', 'offer', 'maintenance');--> statement-breakpoint
CREATE TYPE "public"."rental_unit_event_kind" AS ENUM('added', 'assigned', 'released', 'checked_out', 'checked_in', 'condition', 'maintenance', 'maintenance_end', 'retired');--> statement-breakpoint
CREATE TYPE "public"."rental_unit_status" AS ENUM('in_stock', 'on_loan', 'maintenance', 'retired');--> statement-breakpoint
ALTER TYPE "public"."subscribe_template" ADD VALUE 'rental_reminder';--> statement-breakpoint
CREATE TABLE "rental_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"point_id" integer NOT NULL,
	"item_type_id" integer NOT NULL,
	"unit_id" integer,
	"household_id" integer NOT NULL,
	"user_id" integer,
	"for_name" text,
	"for_relation" text,
	"eligibility" "rental_eligibility",
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"handover" "rental_handover" DEFAULT 'pickup' NOT NULL,
	"delivery_address" text,
	"note" text,
	"status" "rental_booking_status" NOT NULL,
	"reason" text,
	"quote" jsonb NOT NULL,
	"offer_expires_at" timestamp (3) with time zone,
	"checked_out_at" timestamp (3) with time zone,
	"checked_out_by" integer,
	"rent_paid_fen" integer,
	"deposit_taken_fen" integer,
	"eligibility_verified" boolean,
	"returned_at" timestamp (3) with time zone,
	"returned_on" date,
	"returned_by" integer,
	"damage_note" text,
	"settlement" jsonb,
	"due_reminder_at" timestamp (3) with time zone,
	"overdue_notice_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rental_bookings_dates_ck" CHECK ("rental_bookings"."end_on" >= "rental_bookings"."start_on"),
	CONSTRAINT "rental_bookings_agent_ck" CHECK (("rental_bookings"."for_name" is null) = ("rental_bookings"."for_relation" is null)),
	CONSTRAINT "rental_bookings_unit_ck" CHECK ("rental_bookings"."status" not in ('offered', 'confirmed', 'on_loan', 'returned') or "rental_bookings"."unit_id" is not null),
	CONSTRAINT "rental_bookings_deposit_ck" CHECK (coalesce("rental_bookings"."deposit_taken_fen", 0) >= 0 and coalesce("rental_bookings"."rent_paid_fen", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "rental_holds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_holds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"item_type_id" integer NOT NULL,
	"kind" "rental_hold_kind" NOT NULL,
	"booking_id" integer,
	"during" daterange NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rental_holds_booking_ck" CHECK (("rental_holds"."kind" = 'maintenance') = ("rental_holds"."booking_id" is null))
);
--> statement-breakpoint
CREATE TABLE "rental_item_photos" (
	"item_type_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "rental_item_photos_item_type_id_upload_id_pk" PRIMARY KEY("item_type_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "rental_item_types" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_item_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"point_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"category" "rental_category" NOT NULL,
	"name" text NOT NULL,
	"specs" text,
	"suitable_for" text,
	"fee_kind" "rental_fee_kind" NOT NULL,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"period_days" smallint,
	"deposit_fen" integer DEFAULT 0 NOT NULL,
	"subsidy_percent" smallint DEFAULT 0 NOT NULL,
	"subsidy_for" "rental_eligibility"[] DEFAULT '{}' NOT NULL,
	"max_days" smallint DEFAULT 30 NOT NULL,
	"per_household" smallint DEFAULT 1 NOT NULL,
	"self_service" boolean DEFAULT false NOT NULL,
	"buffer_days" smallint DEFAULT 1 NOT NULL,
	"delivery" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rental_item_types_money_ck" CHECK ("rental_item_types"."fee_fen" >= 0 and "rental_item_types"."deposit_fen" >= 0),
	CONSTRAINT "rental_item_types_subsidy_ck" CHECK ("rental_item_types"."subsidy_percent" between 0 and 100),
	CONSTRAINT "rental_item_types_period_ck" CHECK (("rental_item_types"."fee_kind" = 'per_period') = ("rental_item_types"."period_days" is not null) and ("rental_item_types"."period_days" is null or "rental_item_types"."period_days" between 1 and 366)),
	CONSTRAINT "rental_item_types_limits_ck" CHECK ("rental_item_types"."max_days" between 1 and 732 and "rental_item_types"."per_household" between 1 and 20),
	CONSTRAINT "rental_item_types_buffer_ck" CHECK ("rental_item_types"."buffer_days" between 0 and 14)
);
--> statement-breakpoint
CREATE TABLE "rental_point_communities" (
	"point_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	CONSTRAINT "rental_point_communities_point_id_community_id_pk" PRIMARY KEY("point_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "rental_points" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"hours" text NOT NULL,
	"phone" text NOT NULL,
	"delivers" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rental_unit_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_unit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"booking_id" integer,
	"kind" "rental_unit_event_kind" NOT NULL,
	"condition" "rental_condition",
	"note" text,
	"upload_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" integer,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rental_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rental_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_type_id" integer NOT NULL,
	"point_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"asset_tag" text NOT NULL,
	"condition" "rental_condition" DEFAULT 'good' NOT NULL,
	"status" "rental_unit_status" DEFAULT 'in_stock' NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_point_id_rental_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."rental_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_item_type_id_rental_item_types_id_fk" FOREIGN KEY ("item_type_id") REFERENCES "public"."rental_item_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_unit_id_rental_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."rental_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_bookings" ADD CONSTRAINT "rental_bookings_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_unit_id_rental_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."rental_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_item_type_id_rental_item_types_id_fk" FOREIGN KEY ("item_type_id") REFERENCES "public"."rental_item_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_booking_id_rental_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."rental_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_item_photos" ADD CONSTRAINT "rental_item_photos_item_type_id_rental_item_types_id_fk" FOREIGN KEY ("item_type_id") REFERENCES "public"."rental_item_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_item_photos" ADD CONSTRAINT "rental_item_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_item_types" ADD CONSTRAINT "rental_item_types_point_id_rental_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."rental_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_item_types" ADD CONSTRAINT "rental_item_types_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_point_communities" ADD CONSTRAINT "rental_point_communities_point_id_rental_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."rental_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_point_communities" ADD CONSTRAINT "rental_point_communities_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_points" ADD CONSTRAINT "rental_points_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_unit_events" ADD CONSTRAINT "rental_unit_events_unit_id_rental_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."rental_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_unit_events" ADD CONSTRAINT "rental_unit_events_booking_id_rental_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."rental_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_unit_events" ADD CONSTRAINT "rental_unit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_units" ADD CONSTRAINT "rental_units_item_type_id_rental_item_types_id_fk" FOREIGN KEY ("item_type_id") REFERENCES "public"."rental_item_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_units" ADD CONSTRAINT "rental_units_point_id_rental_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."rental_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_units" ADD CONSTRAINT "rental_units_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rental_bookings_community_idx" ON "rental_bookings" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "rental_bookings_household_idx" ON "rental_bookings" USING btree ("household_id","status");--> statement-breakpoint
CREATE INDEX "rental_bookings_point_idx" ON "rental_bookings" USING btree ("point_id","status","start_on");--> statement-breakpoint
CREATE INDEX "rental_bookings_type_idx" ON "rental_bookings" USING btree ("item_type_id","status","id");--> statement-breakpoint
CREATE INDEX "rental_bookings_unit_idx" ON "rental_bookings" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_holds_booking_uq" ON "rental_holds" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "rental_holds_type_idx" ON "rental_holds" USING btree ("item_type_id");--> statement-breakpoint
CREATE INDEX "rental_item_types_point_idx" ON "rental_item_types" USING btree ("point_id","category");--> statement-breakpoint
CREATE INDEX "rental_point_communities_community_idx" ON "rental_point_communities" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "rental_points_community_idx" ON "rental_points" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "rental_unit_events_unit_idx" ON "rental_unit_events" USING btree ("unit_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_units_tag_uq" ON "rental_units" USING btree ("point_id","asset_tag");--> statement-breakpoint
CREATE INDEX "rental_units_type_idx" ON "rental_units" USING btree ("item_type_id","status");--> statement-breakpoint
-- No two holds of one unit on one day, on both engines (PGlite loads btree_gist from its contrib bundle).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_no_overlap" EXCLUDE USING gist ("unit_id" WITH =, "during" WITH &&);--> statement-breakpoint
ALTER TABLE "rental_holds" ADD CONSTRAINT "rental_holds_not_empty_ck" CHECK (NOT isempty("during") AND NOT lower_inf("during") AND NOT upper_inf("during"));

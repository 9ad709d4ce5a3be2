CREATE TYPE "public"."notice_audience" AS ENUM('all', 'buildings');--> statement-breakpoint
CREATE TYPE "public"."notice_category" AS ENUM('notice', 'event', 'reminder', 'urgent', 'publicity');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('draft', 'published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "notice_buildings" (
	"notice_id" integer NOT NULL,
	"building_id" integer NOT NULL,
	CONSTRAINT "notice_buildings_notice_id_building_id_pk" PRIMARY KEY("notice_id","building_id")
);
--> statement-breakpoint
CREATE TABLE "notice_reads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notice_reads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"notice_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"household_id" integer,
	"read_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_uploads" (
	"notice_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "notice_uploads_notice_id_upload_id_pk" PRIMARY KEY("notice_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"author_id" integer,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" "notice_category" NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"audience" "notice_audience" DEFAULT 'all' NOT NULL,
	"pinned_until" timestamp (3) with time zone,
	"status" "notice_status" DEFAULT 'draft' NOT NULL,
	"withdraw_reason" text,
	"published_at" timestamp (3) with time zone,
	"edited_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_published_ck" CHECK ("notices"."status" = 'draft' or "notices"."published_at" is not null),
	CONSTRAINT "notices_withdrawn_ck" CHECK (("notices"."status" = 'withdrawn') = ("notices"."withdraw_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "notice_buildings" ADD CONSTRAINT "notice_buildings_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_buildings" ADD CONSTRAINT "notice_buildings_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_uploads" ADD CONSTRAINT "notice_uploads_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_uploads" ADD CONSTRAINT "notice_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_buildings_building_idx" ON "notice_buildings" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_reads_notice_user_uq" ON "notice_reads" USING btree ("notice_id","user_id");--> statement-breakpoint
CREATE INDEX "notice_reads_notice_household_idx" ON "notice_reads" USING btree ("notice_id","household_id");--> statement-breakpoint
CREATE INDEX "notice_reads_user_idx" ON "notice_reads" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_uploads_position_uq" ON "notice_uploads" USING btree ("notice_id","position");--> statement-breakpoint
CREATE INDEX "notice_uploads_upload_idx" ON "notice_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "notices_list_idx" ON "notices" USING btree ("community_id","status","published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notices_top_idx" ON "notices" USING btree ("community_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notices"."status" = 'published' and ("notices"."pinned_until" is not null or "notices"."category" = 'urgent');--> statement-breakpoint
CREATE INDEX "notices_text_trgm" ON "notices" USING gin (("title" || ' ' || "body") gin_trgm_ops);
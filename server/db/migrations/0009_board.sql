CREATE TYPE "public"."author_shown" AS ENUM('name', 'building', 'room', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."content_state" AS ENUM('visible', 'held', 'hidden', 'deleted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."content_subject" AS ENUM('post', 'comment');--> statement-breakpoint
CREATE TYPE "public"."held_reason" AS ENUM('wechat_review', 'wechat_unavailable', 'images_pending', 'quota');--> statement-breakpoint
CREATE TYPE "public"."matter_category" AS ENUM('lighting', 'sanitation', 'fire_lane', 'leak', 'noise', 'other');--> statement-breakpoint
CREATE TYPE "public"."media_check_status" AS ENUM('pending', 'pass', 'review', 'risky');--> statement-breakpoint
CREATE TYPE "public"."moderation_action" AS ENUM('auto_hidden', 'hidden', 'deleted', 'restored', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."moderation_rule" AS ENUM('reports', 'moderator', 'screening', 'appeal');--> statement-breakpoint
CREATE TYPE "public"."post_actor_role" AS ENUM('resident', 'moderator', 'handler', 'system');--> statement-breakpoint
CREATE TYPE "public"."post_category" AS ENUM('help', 'suggestion', 'complaint', 'chat', 'praise');--> statement-breakpoint
CREATE TYPE "public"."post_kind" AS ENUM('post', 'matter');--> statement-breakpoint
CREATE TYPE "public"."post_status" AS ENUM('awaiting_reply', 'replied', 'accepted', 'in_progress', 'done', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."report_reason" AS ENUM('ad', 'abuse', 'false_info', 'privacy', 'other');--> statement-breakpoint
ALTER TYPE "public"."membership_role" ADD VALUE 'handler';--> statement-breakpoint
ALTER TYPE "public"."subscribe_template" ADD VALUE 'post_reply';--> statement-breakpoint
ALTER TYPE "public"."subscribe_template" ADD VALUE 'matter_progress';--> statement-breakpoint
CREATE TABLE "board_mutes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "board_mutes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"until" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "board_settings" (
	"community_id" integer PRIMARY KEY NOT NULL,
	"report_threshold" smallint DEFAULT 3 NOT NULL,
	"matter_routes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sec_check_daily_limit" integer DEFAULT 2000 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_settings_threshold_ck" CHECK ("board_settings"."report_threshold" between 1 and 50),
	CONSTRAINT "board_settings_limit_ck" CHECK ("board_settings"."sec_check_daily_limit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "content_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"subject" "content_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"reporter_id" integer,
	"reason" "report_reason" NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "media_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "media_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"subject" "content_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"trace_id" text,
	"status" "media_check_status" DEFAULT 'pending' NOT NULL,
	"label" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderation_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"subject" "content_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"action" "moderation_action" NOT NULL,
	"rule" "moderation_rule" NOT NULL,
	"reason" text,
	"actor_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "post_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"author_id" integer,
	"household_id" integer,
	"author_shown" "author_shown" DEFAULT 'name' NOT NULL,
	"author_label" text NOT NULL,
	"is_official" boolean DEFAULT false NOT NULL,
	"body" text NOT NULL,
	"body_hash" text NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"edited_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_comments_held_ck" CHECK (("post_comments"."state" = 'held') = ("post_comments"."held_reason" is not null)),
	CONSTRAINT "post_comments_report_ck" CHECK ("post_comments"."report_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "post_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "post_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"actor_id" integer,
	"actor_role" "post_actor_role" NOT NULL,
	"from_status" "post_status",
	"to_status" "post_status" NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_plus_ones" (
	"post_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"user_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_plus_ones_post_id_household_id_pk" PRIMARY KEY("post_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "post_uploads" (
	"post_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "post_uploads_post_id_upload_id_pk" PRIMARY KEY("post_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"kind" "post_kind" NOT NULL,
	"category" "post_category",
	"matter_category" "matter_category",
	"author_id" integer,
	"household_id" integer,
	"author_shown" "author_shown" DEFAULT 'name' NOT NULL,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	"body_hash" text NOT NULL,
	"place" text,
	"route" text,
	"status" "post_status" NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"edited_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"activity_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"first_reply_at" timestamp (3) with time zone,
	"status_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"close_warned_at" timestamp (3) with time zone,
	"handled_by" integer,
	"done_at" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"official_count" integer DEFAULT 0 NOT NULL,
	"plus_count" integer DEFAULT 0 NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posts_kind_ck" CHECK (("posts"."kind" = 'post' and "posts"."category" is not null and "posts"."matter_category" is null and "posts"."route" is null and "posts"."status" in ('awaiting_reply', 'replied', 'resolved'))
       or ("posts"."kind" = 'matter' and "posts"."category" is null and "posts"."matter_category" is not null and "posts"."route" in ('committee', 'property') and "posts"."place" is not null and "posts"."status" in ('accepted', 'in_progress', 'done', 'resolved'))),
	CONSTRAINT "posts_held_ck" CHECK (("posts"."state" = 'held') = ("posts"."held_reason" is not null)),
	CONSTRAINT "posts_rating_ck" CHECK ("posts"."rating" is null or "posts"."rating" between 1 and 5),
	CONSTRAINT "posts_counts_ck" CHECK ("posts"."comment_count" >= 0 and "posts"."official_count" >= 0 and "posts"."plus_count" >= 0 and "posts"."report_count" >= 0 and "posts"."reopen_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "screening_usage" (
	"community_id" integer NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "screening_usage_community_id_day_pk" PRIMARY KEY("community_id","day")
);
--> statement-breakpoint
CREATE TABLE "screening_words" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "screening_words_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer,
	"word" text NOT NULL,
	"normalized" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_mutes" ADD CONSTRAINT "board_mutes_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_mutes" ADD CONSTRAINT "board_mutes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_mutes" ADD CONSTRAINT "board_mutes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_settings" ADD CONSTRAINT "board_settings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_checks" ADD CONSTRAINT "media_checks_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_checks" ADD CONSTRAINT "media_checks_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_comments" ADD CONSTRAINT "post_comments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_events" ADD CONSTRAINT "post_events_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_events" ADD CONSTRAINT "post_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_events" ADD CONSTRAINT "post_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_plus_ones" ADD CONSTRAINT "post_plus_ones_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_plus_ones" ADD CONSTRAINT "post_plus_ones_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_plus_ones" ADD CONSTRAINT "post_plus_ones_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_uploads" ADD CONSTRAINT "post_uploads_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_uploads" ADD CONSTRAINT "post_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_usage" ADD CONSTRAINT "screening_usage_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_words" ADD CONSTRAINT "screening_words_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_words" ADD CONSTRAINT "screening_words_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_mutes_user_idx" ON "board_mutes" USING btree ("community_id","user_id","until");--> statement-breakpoint
CREATE UNIQUE INDEX "content_reports_once_uq" ON "content_reports" USING btree ("subject","subject_id","reporter_id");--> statement-breakpoint
CREATE INDEX "content_reports_open_idx" ON "content_reports" USING btree ("community_id","settled_at","id");--> statement-breakpoint
CREATE INDEX "content_reports_reporter_idx" ON "content_reports" USING btree ("reporter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_checks_trace_uq" ON "media_checks" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "media_checks_subject_idx" ON "media_checks" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "media_checks_pending_idx" ON "media_checks" USING btree ("created_at") WHERE "media_checks"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "moderation_log_community_idx" ON "moderation_log" USING btree ("community_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "moderation_log_subject_idx" ON "moderation_log" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "post_comments_post_idx" ON "post_comments" USING btree ("post_id","is_official","id");--> statement-breakpoint
CREATE INDEX "post_comments_author_idx" ON "post_comments" USING btree ("author_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "post_comments_author_hash_idx" ON "post_comments" USING btree ("author_id","body_hash","created_at");--> statement-breakpoint
CREATE INDEX "post_comments_community_state_idx" ON "post_comments" USING btree ("community_id","state","id");--> statement-breakpoint
CREATE INDEX "post_events_post_idx" ON "post_events" USING btree ("post_id","id");--> statement-breakpoint
CREATE INDEX "post_plus_ones_user_idx" ON "post_plus_ones" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_uploads_position_uq" ON "post_uploads" USING btree ("post_id","position");--> statement-breakpoint
CREATE INDEX "post_uploads_upload_idx" ON "post_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "posts_feed_idx" ON "posts" USING btree ("community_id","state","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_activity_idx" ON "posts" USING btree ("community_id","state","activity_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_kind_status_idx" ON "posts" USING btree ("community_id","kind","status","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_author_hash_idx" ON "posts" USING btree ("author_id","body_hash","created_at");--> statement-breakpoint
CREATE INDEX "posts_text_trgm" ON "posts" USING gin ("body" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "posts_closing_idx" ON "posts" USING btree ("status_at") WHERE "posts"."status" in ('replied', 'done');--> statement-breakpoint
CREATE UNIQUE INDEX "screening_words_uq" ON "screening_words" USING btree (coalesce("community_id", 0),"normalized");--> statement-breakpoint
CREATE INDEX "screening_words_community_idx" ON "screening_words" USING btree ("community_id");
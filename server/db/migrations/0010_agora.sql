CREATE TYPE "public"."ballot_channel" AS ENUM('self', 'proxy', 'paper');--> statement-breakpoint
CREATE TYPE "public"."motion_role" AS ENUM('yes', 'no', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."proxy_status" AS ENUM('pending', 'active', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."topic_comment_kind" AS ENUM('comment', 'question');--> statement-breakpoint
CREATE TYPE "public"."topic_event_kind" AS ENUM('stage', 'cosign_reached', 'merged_in', 'meeting', 'update', 'vote_opened', 'vote_closed');--> statement-breakpoint
CREATE TYPE "public"."topic_kind" AS ENUM('proposal', 'house_rules');--> statement-breakpoint
CREATE TYPE "public"."topic_stage" AS ENUM('collecting', 'reviewing', 'discussing', 'voting', 'publicized', 'implementing', 'rating', 'closed', 'declined', 'merged', 'lapsed');--> statement-breakpoint
CREATE TYPE "public"."vote_electorate" AS ENUM('resident', 'household', 'owner');--> statement-breakpoint
CREATE TYPE "public"."vote_kind" AS ENUM('single', 'multiple', 'motion');--> statement-breakpoint
CREATE TYPE "public"."vote_results_shown" AS ENUM('live', 'after_close');--> statement-breakpoint
CREATE TYPE "public"."vote_rule" AS ENUM('simple', 'quorum', 'residents_meeting', 'civil_278', 'civil_278_major');--> statement-breakpoint
CREATE TYPE "public"."vote_status" AS ENUM('draft', 'open', 'closed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."subscribe_template" ADD VALUE 'vote_reminder';--> statement-breakpoint
ALTER TYPE "public"."subscribe_template" ADD VALUE 'topic_progress';--> statement-breakpoint
ALTER TYPE "public"."content_subject" ADD VALUE 'topic';--> statement-breakpoint
ALTER TYPE "public"."content_subject" ADD VALUE 'topic_comment';--> statement-breakpoint
ALTER TYPE "public"."content_subject" ADD VALUE 'topic_rating';--> statement-breakpoint
CREATE TABLE "agora_settings" (
	"community_id" integer PRIMARY KEY NOT NULL,
	"cosign_threshold" integer,
	"cosign_days" smallint DEFAULT 30 NOT NULL,
	"rating_days" smallint DEFAULT 30 NOT NULL,
	"silent_majority" boolean DEFAULT false NOT NULL,
	"silent_majority_basis" text,
	"updated_by" integer,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agora_settings_threshold_ck" CHECK ("agora_settings"."cosign_threshold" is null or "agora_settings"."cosign_threshold" between 1 and 100000),
	CONSTRAINT "agora_settings_days_ck" CHECK ("agora_settings"."cosign_days" between 1 and 365 and "agora_settings"."rating_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "ballot_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"version" integer NOT NULL,
	"option_ids" integer[] NOT NULL,
	"channel" "ballot_channel" NOT NULL,
	"cast_by" integer,
	"recorded_by" integer,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vote_id" integer NOT NULL,
	"elector_id" integer NOT NULL,
	"option_ids" integer[] NOT NULL,
	"channel" "ballot_channel" NOT NULL,
	"cast_by" integer,
	"proxy_id" integer,
	"recorded_by" integer,
	"paper_signer" text,
	"paper_signed_on" date,
	"paper_upload_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "house_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "house_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"topic_id" integer NOT NULL,
	"vote_id" integer NOT NULL,
	"adopted_at" timestamp (3) with time zone NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"kind" "topic_comment_kind" DEFAULT 'comment' NOT NULL,
	"author_id" integer,
	"household_id" integer,
	"author_label" text NOT NULL,
	"official" boolean DEFAULT false NOT NULL,
	"answers_id" integer,
	"body" text NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "topic_cosigns" (
	"topic_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"user_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_cosigns_topic_id_household_id_pk" PRIMARY KEY("topic_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "topic_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic_id" integer NOT NULL,
	"kind" "topic_event_kind" NOT NULL,
	"from_stage" "topic_stage",
	"to_stage" "topic_stage",
	"actor_id" integer,
	"actor_role" "post_actor_role" NOT NULL,
	"note" text,
	"ref_id" integer,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"place" text,
	"attendees" text NOT NULL,
	"attendee_count" integer,
	"minutes" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"user_id" integer,
	"author_label" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_ratings_score_ck" CHECK ("topic_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "topic_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic_id" integer NOT NULL,
	"body" text NOT NULL,
	"happened_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_uploads" (
	"topic_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"meeting_id" integer,
	"update_id" integer,
	"position" smallint NOT NULL,
	CONSTRAINT "topic_uploads_topic_id_upload_id_pk" PRIMARY KEY("topic_id","upload_id"),
	CONSTRAINT "topic_uploads_owner_ck" CHECK ("topic_uploads"."meeting_id" is null or "topic_uploads"."update_id" is null)
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"kind" "topic_kind" DEFAULT 'proposal' NOT NULL,
	"author_id" integer,
	"household_id" integer,
	"author_shown" "author_shown" DEFAULT 'name' NOT NULL,
	"author_label" text NOT NULL,
	"by_committee" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"place" text,
	"stage" "topic_stage" NOT NULL,
	"stage_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"cosign_needed" integer NOT NULL,
	"cosign_count" integer DEFAULT 0 NOT NULL,
	"cosign_until" timestamp (3) with time zone,
	"plan" text,
	"decision" text,
	"merged_into_id" integer,
	"vote_id" integer,
	"result_notice_id" integer,
	"rating_until" timestamp (3) with time zone,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp (3) with time zone,
	CONSTRAINT "topics_cosign_ck" CHECK ("topics"."cosign_needed" >= 0 and "topics"."cosign_count" >= 0),
	CONSTRAINT "topics_rating_ck" CHECK ("topics"."rating_count" >= 0 and "topics"."rating_sum" between 0 and 5 * "topics"."rating_count")
);
--> statement-breakpoint
CREATE TABLE "vote_electors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_electors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vote_id" integer NOT NULL,
	"household_id" integer,
	"user_id" integer,
	"building_id" integer,
	"area" numeric(10, 2),
	"head_key" text NOT NULL,
	"served_at" timestamp (3) with time zone,
	"served_note" text,
	"served_upload_id" integer,
	CONSTRAINT "vote_electors_who_ck" CHECK ("vote_electors"."household_id" is not null or "vote_electors"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "vote_group_sightings" (
	"vote_id" integer NOT NULL,
	"group_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vote_group_sightings_vote_id_group_hash_user_id_pk" PRIMARY KEY("vote_id","group_hash","user_id")
);
--> statement-breakpoint
CREATE TABLE "vote_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vote_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"label" text NOT NULL,
	"motion_role" "motion_role"
);
--> statement-breakpoint
CREATE TABLE "vote_proxies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_proxies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vote_id" integer NOT NULL,
	"elector_id" integer NOT NULL,
	"grantor_id" integer,
	"delegate_id" integer,
	"code_hash" text NOT NULL,
	"upload_id" integer NOT NULL,
	"status" "proxy_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"topic_id" integer,
	"title" text NOT NULL,
	"description" text,
	"kind" "vote_kind" NOT NULL,
	"max_choices" smallint DEFAULT 1 NOT NULL,
	"electorate" "vote_electorate" DEFAULT 'household' NOT NULL,
	"rule" "vote_rule" NOT NULL,
	"quorum_percent" smallint,
	"civil_item" smallint,
	"building_ids" integer[],
	"results_shown" "vote_results_shown" DEFAULT 'after_close' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"proxy_cap" smallint DEFAULT 1 NOT NULL,
	"silent_majority" boolean DEFAULT false NOT NULL,
	"silent_majority_basis" text,
	"status" "vote_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp (3) with time zone,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"result" jsonb,
	"reminded_at" timestamp (3) with time zone,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_max_choices_ck" CHECK ("votes"."max_choices" between 1 and 50),
	CONSTRAINT "votes_quorum_ck" CHECK ("votes"."quorum_percent" is null or "votes"."quorum_percent" between 1 and 100),
	CONSTRAINT "votes_civil_item_ck" CHECK ("votes"."civil_item" is null or "votes"."civil_item" between 1 and 9),
	CONSTRAINT "votes_proxy_cap_ck" CHECK ("votes"."proxy_cap" between 0 and 20),
	CONSTRAINT "votes_closed_result_ck" CHECK ("votes"."status" <> 'closed' or "votes"."result" is not null)
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "owner_key" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "developer_unit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agora_settings" ADD CONSTRAINT "agora_settings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agora_settings" ADD CONSTRAINT "agora_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_changes" ADD CONSTRAINT "ballot_changes_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_changes" ADD CONSTRAINT "ballot_changes_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_changes" ADD CONSTRAINT "ballot_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_elector_id_vote_electors_id_fk" FOREIGN KEY ("elector_id") REFERENCES "public"."vote_electors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_proxy_id_vote_proxies_id_fk" FOREIGN KEY ("proxy_id") REFERENCES "public"."vote_proxies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_paper_upload_id_uploads_id_fk" FOREIGN KEY ("paper_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "house_rules" ADD CONSTRAINT "house_rules_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "house_rules" ADD CONSTRAINT "house_rules_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "house_rules" ADD CONSTRAINT "house_rules_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_comments" ADD CONSTRAINT "topic_comments_answers_id_topic_comments_id_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."topic_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_events" ADD CONSTRAINT "topic_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_meetings" ADD CONSTRAINT "topic_meetings_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_meetings" ADD CONSTRAINT "topic_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_updates" ADD CONSTRAINT "topic_updates_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_updates" ADD CONSTRAINT "topic_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_uploads" ADD CONSTRAINT "topic_uploads_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_uploads" ADD CONSTRAINT "topic_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_uploads" ADD CONSTRAINT "topic_uploads_meeting_id_topic_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."topic_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_uploads" ADD CONSTRAINT "topic_uploads_update_id_topic_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."topic_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_merged_into_id_topics_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_result_notice_id_notices_id_fk" FOREIGN KEY ("result_notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_electors" ADD CONSTRAINT "vote_electors_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_electors" ADD CONSTRAINT "vote_electors_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_electors" ADD CONSTRAINT "vote_electors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_electors" ADD CONSTRAINT "vote_electors_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_electors" ADD CONSTRAINT "vote_electors_served_upload_id_uploads_id_fk" FOREIGN KEY ("served_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_group_sightings" ADD CONSTRAINT "vote_group_sightings_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_group_sightings" ADD CONSTRAINT "vote_group_sightings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_options" ADD CONSTRAINT "vote_options_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxies" ADD CONSTRAINT "vote_proxies_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxies" ADD CONSTRAINT "vote_proxies_elector_id_vote_electors_id_fk" FOREIGN KEY ("elector_id") REFERENCES "public"."vote_electors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxies" ADD CONSTRAINT "vote_proxies_grantor_id_users_id_fk" FOREIGN KEY ("grantor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxies" ADD CONSTRAINT "vote_proxies_delegate_id_users_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_proxies" ADD CONSTRAINT "vote_proxies_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_changes_version_uq" ON "ballot_changes" USING btree ("ballot_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_elector_uq" ON "ballots" USING btree ("vote_id","elector_id");--> statement-breakpoint
CREATE INDEX "ballots_cast_by_idx" ON "ballots" USING btree ("cast_by");--> statement-breakpoint
CREATE UNIQUE INDEX "house_rules_version_uq" ON "house_rules" USING btree ("community_id","version");--> statement-breakpoint
CREATE INDEX "topic_comments_topic_idx" ON "topic_comments" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "topic_comments_author_idx" ON "topic_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "topic_events_topic_idx" ON "topic_events" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "topic_meetings_topic_idx" ON "topic_meetings" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_ratings_household_uq" ON "topic_ratings" USING btree ("topic_id","household_id");--> statement-breakpoint
CREATE INDEX "topic_ratings_user_idx" ON "topic_ratings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "topic_updates_topic_idx" ON "topic_updates" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "topic_uploads_upload_idx" ON "topic_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "topics_community_stage_idx" ON "topics" USING btree ("community_id","stage","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "topics_community_idx" ON "topics" USING btree ("community_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "topics_author_idx" ON "topics" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_electors_household_uq" ON "vote_electors" USING btree ("vote_id","household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_electors_user_uq" ON "vote_electors" USING btree ("vote_id","user_id");--> statement-breakpoint
CREATE INDEX "vote_electors_household_idx" ON "vote_electors" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_options_position_uq" ON "vote_options" USING btree ("vote_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_proxies_live_uq" ON "vote_proxies" USING btree ("vote_id","elector_id") WHERE "vote_proxies"."status" <> 'revoked';--> statement-breakpoint
CREATE INDEX "vote_proxies_delegate_idx" ON "vote_proxies" USING btree ("vote_id","delegate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_proxies_code_uq" ON "vote_proxies" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "votes_community_idx" ON "votes" USING btree ("community_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "votes_topic_idx" ON "votes" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "votes_open_closes_idx" ON "votes" USING btree ("closes_at") WHERE "votes"."status" = 'open';
CREATE TYPE "public"."neighbour_contact_state" AS ENUM('pending', 'accepted', 'declined', 'withdrawn', 'closed');--> statement-breakpoint
CREATE TYPE "public"."neighbour_field" AS ENUM('listed', 'name', 'avatar', 'building', 'room', 'intro', 'tags', 'help', 'serve', 'share_phone', 'share_wechat');--> statement-breakpoint
ALTER TYPE "public"."content_subject" ADD VALUE 'neighbour_card';--> statement-breakpoint
ALTER TYPE "public"."content_subject" ADD VALUE 'neighbour_message';--> statement-breakpoint
CREATE TABLE "neighbour_blocks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "neighbour_blocks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"blocker_id" integer NOT NULL,
	"blocked_id" integer NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neighbour_cards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "neighbour_cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"household_id" integer,
	"building_id" integer,
	"listed" boolean DEFAULT false NOT NULL,
	"listed_at" timestamp (3) with time zone,
	"display_name" text DEFAULT '' NOT NULL,
	"show_name" boolean DEFAULT true NOT NULL,
	"avatar_upload_id" integer,
	"show_avatar" boolean DEFAULT false NOT NULL,
	"show_building" boolean DEFAULT true NOT NULL,
	"show_room" boolean DEFAULT false NOT NULL,
	"intro" text,
	"show_intro" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"show_tags" boolean DEFAULT false NOT NULL,
	"hidden_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"can_help" text[] DEFAULT '{}'::text[] NOT NULL,
	"need_help" text[] DEFAULT '{}'::text[] NOT NULL,
	"show_help" boolean DEFAULT false NOT NULL,
	"serve" boolean DEFAULT false NOT NULL,
	"serve_since" timestamp (3) with time zone,
	"consent_version" text NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "neighbour_cards_reports_ck" CHECK ("neighbour_cards"."report_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "neighbour_consents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "neighbour_consents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"field" "neighbour_field" NOT NULL,
	"granted" boolean NOT NULL,
	"text_version" text NOT NULL,
	"contact_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neighbour_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "neighbour_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"requester_id" integer,
	"addressee_id" integer,
	"state" "neighbour_contact_state" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"closed_by" integer,
	"last_message_at" timestamp (3) with time zone,
	"requester_phone_enc" text,
	"requester_wechat_enc" text,
	"addressee_phone_enc" text,
	"addressee_wechat_enc" text,
	"requester_read_id" integer DEFAULT 0 NOT NULL,
	"addressee_read_id" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neighbour_daily_views" (
	"community_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"shown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "neighbour_daily_views_community_id_user_id_day_pk" PRIMARY KEY("community_id","user_id","day"),
	CONSTRAINT "neighbour_daily_views_ck" CHECK ("neighbour_daily_views"."shown" >= 0)
);
--> statement-breakpoint
CREATE TABLE "neighbour_message_uploads" (
	"message_id" integer NOT NULL,
	"upload_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "neighbour_message_uploads_message_id_position_pk" PRIMARY KEY("message_id","position")
);
--> statement-breakpoint
CREATE TABLE "neighbour_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "neighbour_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"author_id" integer,
	"household_id" integer,
	"is_request" boolean DEFAULT false NOT NULL,
	"body" text NOT NULL,
	"state" "content_state" DEFAULT 'visible' NOT NULL,
	"held_reason" "held_reason",
	"state_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp (3) with time zone,
	"appeal_decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "neighbour_blocks" ADD CONSTRAINT "neighbour_blocks_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_blocks" ADD CONSTRAINT "neighbour_blocks_blocker_id_users_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_blocks" ADD CONSTRAINT "neighbour_blocks_blocked_id_users_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_cards" ADD CONSTRAINT "neighbour_cards_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_cards" ADD CONSTRAINT "neighbour_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_cards" ADD CONSTRAINT "neighbour_cards_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_cards" ADD CONSTRAINT "neighbour_cards_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_cards" ADD CONSTRAINT "neighbour_cards_avatar_upload_id_uploads_id_fk" FOREIGN KEY ("avatar_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_consents" ADD CONSTRAINT "neighbour_consents_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_consents" ADD CONSTRAINT "neighbour_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_contacts" ADD CONSTRAINT "neighbour_contacts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_contacts" ADD CONSTRAINT "neighbour_contacts_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_contacts" ADD CONSTRAINT "neighbour_contacts_addressee_id_users_id_fk" FOREIGN KEY ("addressee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_contacts" ADD CONSTRAINT "neighbour_contacts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_daily_views" ADD CONSTRAINT "neighbour_daily_views_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_daily_views" ADD CONSTRAINT "neighbour_daily_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_message_uploads" ADD CONSTRAINT "neighbour_message_uploads_message_id_neighbour_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."neighbour_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_message_uploads" ADD CONSTRAINT "neighbour_message_uploads_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_messages" ADD CONSTRAINT "neighbour_messages_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_messages" ADD CONSTRAINT "neighbour_messages_contact_id_neighbour_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."neighbour_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_messages" ADD CONSTRAINT "neighbour_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbour_messages" ADD CONSTRAINT "neighbour_messages_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "neighbour_blocks_pair_uq" ON "neighbour_blocks" USING btree ("community_id","blocker_id","blocked_id");--> statement-breakpoint
CREATE INDEX "neighbour_blocks_blocked_idx" ON "neighbour_blocks" USING btree ("community_id","blocked_id");--> statement-breakpoint
CREATE UNIQUE INDEX "neighbour_cards_member_uq" ON "neighbour_cards" USING btree ("community_id","user_id");--> statement-breakpoint
CREATE INDEX "neighbour_cards_directory_idx" ON "neighbour_cards" USING btree ("community_id","id") WHERE "neighbour_cards"."listed" and "neighbour_cards"."state" = 'visible';--> statement-breakpoint
CREATE INDEX "neighbour_cards_building_idx" ON "neighbour_cards" USING btree ("community_id","building_id","id") WHERE "neighbour_cards"."listed" and "neighbour_cards"."state" = 'visible' and "neighbour_cards"."show_building";--> statement-breakpoint
CREATE INDEX "neighbour_cards_tags_idx" ON "neighbour_cards" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "neighbour_cards_serve_idx" ON "neighbour_cards" USING btree ("community_id") WHERE "neighbour_cards"."serve";--> statement-breakpoint
CREATE INDEX "neighbour_consents_user_idx" ON "neighbour_consents" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "neighbour_contacts_live_pair_uq" ON "neighbour_contacts" USING btree ("community_id",least("requester_id", "addressee_id"),greatest("requester_id", "addressee_id")) WHERE "neighbour_contacts"."state" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "neighbour_contacts_requester_idx" ON "neighbour_contacts" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "neighbour_contacts_addressee_idx" ON "neighbour_contacts" USING btree ("addressee_id","created_at");--> statement-breakpoint
CREATE INDEX "neighbour_contacts_community_idx" ON "neighbour_contacts" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "neighbour_message_uploads_upload_idx" ON "neighbour_message_uploads" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "neighbour_messages_contact_idx" ON "neighbour_messages" USING btree ("contact_id","id");--> statement-breakpoint
CREATE INDEX "neighbour_messages_author_idx" ON "neighbour_messages" USING btree ("author_id");
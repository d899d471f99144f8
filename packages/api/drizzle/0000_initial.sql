CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`outcome` text NOT NULL,
	`request_id` text,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contract_parties` (
	`version_id` integer NOT NULL,
	`ods` text NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `contract_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contract_parties_ods` ON `contract_parties` (`ods`);--> statement-breakpoint
CREATE TABLE `contract_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_name` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`sources` text NOT NULL,
	`model` text NOT NULL,
	`author` text NOT NULL,
	`effective_date` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`contract_name`) REFERENCES `contracts`(`name`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_versions_hash` ON `contract_versions` (`contract_name`,`content_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `contract_versions_number` ON `contract_versions` (`contract_name`,`version`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`name` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submission_blocks` (
	`submission_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`row_count` integer NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_blocks_order` ON `submission_blocks` (`submission_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`contract_name` text NOT NULL,
	`version_id` integer NOT NULL,
	`provider` text NOT NULL,
	`source` text NOT NULL,
	`period` text NOT NULL,
	`format` text NOT NULL,
	`content_hash` text NOT NULL,
	`row_count` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	FOREIGN KEY (`contract_name`) REFERENCES `contracts`(`name`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `contract_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_content` ON `submissions` (`contract_name`,`provider`,`source`,`period`,`content_hash`);--> statement-breakpoint
CREATE INDEX `submissions_lookup` ON `submissions` (`contract_name`,`source`,`provider`,`period`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`organisation` text NOT NULL,
	`role` text NOT NULL,
	`label` text,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_secret_hash_unique` ON `tokens` (`secret_hash`);
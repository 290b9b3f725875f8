-- Emails compare byte for byte: the database's default collation treats accented and full-width
-- letters as equal, so ädmin@… or ＡＤＭＩＮ@… found admin@…. Addresses are stored lowercased.
ALTER TABLE `users` MODIFY COLUMN `email` varchar(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;--> statement-breakpoint
-- Sessions older than this (a password reset, a disable) are refused.
ALTER TABLE `users` ADD `credentials_changed_at` datetime(3);--> statement-breakpoint
-- Throttle rows are transient (they are forgotten after an hour), so the table is replaced: one row
-- per key, `email:<address>` or `address:<client address>`, reserved atomically before a password is checked.
DROP TABLE `sign_in_throttles`;--> statement-breakpoint
CREATE TABLE `sign_in_throttles` (
	`throttle_key` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`failures` int NOT NULL DEFAULT 0,
	`last_failure_at` datetime(3) NOT NULL,
	`blocked_until` datetime(3),
	CONSTRAINT `sign_in_throttles_throttle_key` PRIMARY KEY(`throttle_key`)
);--> statement-breakpoint
-- Single sign-on identities: once linked, a person signs in by the provider's issuer and subject,
-- never again by an email the provider may later give to someone else.
CREATE TABLE `sso_identities` (
	`id` int AUTO_INCREMENT NOT NULL,
	`issuer` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`subject` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`user_id` int NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `sso_identities_id` PRIMARY KEY(`id`),
	CONSTRAINT `sso_identities_issuer_subject_uq` UNIQUE(`issuer`,`subject`),
	CONSTRAINT `sso_identities_user_issuer_uq` UNIQUE(`user_id`,`issuer`)
);--> statement-breakpoint
ALTER TABLE `sso_identities` ADD CONSTRAINT `sso_identities_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;

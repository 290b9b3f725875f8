ALTER TABLE `model_copies` ADD `attempts` int NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE `model_copies` ADD `verified_at` datetime(3);--> statement-breakpoint
ALTER TABLE `models` ADD `deleting_at` datetime(3);--> statement-breakpoint
CREATE INDEX `model_copies_status_idx` ON `model_copies` (`status`);

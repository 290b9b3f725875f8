ALTER TABLE `rollouts` ADD `routing` json;--> statement-breakpoint
ALTER TABLE `project_members` ADD `approver` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD `time_zone` varchar(64) DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD `allowed_window` json;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD `required_approvals` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD `require_healthy` boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD `next_run_at` datetime(3);--> statement-breakpoint
ALTER TABLE `promotion_policies` DROP COLUMN `requires_approval`;--> statement-breakpoint
ALTER TABLE `promotion_runs` ADD `tick_at` datetime(3) NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_runs` ADD `trigger` enum('schedule','manual') DEFAULT 'schedule' NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_runs` ADD `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);--> statement-breakpoint
ALTER TABLE `promotion_runs` ADD CONSTRAINT `promotion_runs_policy_tick_uq` UNIQUE(`policy_id`,`tick_at`);--> statement-breakpoint
CREATE TABLE `promotion_approvals` (
	`id` int AUTO_INCREMENT NOT NULL,
	`run_id` int NOT NULL,
	`user_id` int NOT NULL,
	`decision` enum('approve','reject') NOT NULL,
	`comment` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `promotion_approvals_id` PRIMARY KEY(`id`),
	CONSTRAINT `promotion_approvals_run_user_uq` UNIQUE(`run_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `promotion_pins` (
	`id` int AUTO_INCREMENT NOT NULL,
	`service_id` int NOT NULL,
	`model_id` int NOT NULL,
	`rollout_id` int,
	`reason` text,
	`pinned_by_label` varchar(320) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `promotion_pins_id` PRIMARY KEY(`id`),
	CONSTRAINT `promotion_pins_service_model_uq` UNIQUE(`service_id`,`model_id`)
);
--> statement-breakpoint
ALTER TABLE `promotion_approvals` ADD CONSTRAINT `promotion_approvals_run_id_promotion_runs_id_fk` FOREIGN KEY (`run_id`) REFERENCES `promotion_runs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_approvals` ADD CONSTRAINT `promotion_approvals_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_pins` ADD CONSTRAINT `promotion_pins_service_id_services_id_fk` FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON DELETE cascade ON UPDATE no action;

CREATE TABLE `applications` (
	`id` int AUTO_INCREMENT NOT NULL,
	`project_id` int NOT NULL,
	`name` varchar(40) NOT NULL,
	`description` text,
	`git_url` varchar(500),
	`git_branch` varchar(255),
	`boot_script` varchar(255),
	`git_ssh_key_sealed` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `applications_id` PRIMARY KEY(`id`),
	CONSTRAINT `applications_project_name_uq` UNIQUE(`project_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` bigint AUTO_INCREMENT NOT NULL,
	`project_id` int,
	`actor_type` enum('user','token','scheduler','system') NOT NULL,
	`actor_user_id` int,
	`actor_token_id` int,
	`actor_label` varchar(320) NOT NULL,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32) NOT NULL,
	`target_id` varchar(64),
	`target_label` varchar(255),
	`summary` text NOT NULL,
	`before` json,
	`after` json,
	`request_id` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` int AUTO_INCREMENT NOT NULL,
	`project_id` int NOT NULL,
	`name` varchar(63) NOT NULL,
	`description` text,
	`kubeconfig_sealed` text NOT NULL,
	`context_sealed` text,
	`api_server_url` varchar(500),
	`dns_name` varchar(253) NOT NULL,
	`ingress_class` varchar(63),
	`grpc_annotation_preset` varchar(32) NOT NULL DEFAULT 'nginx',
	`namespace_template` varchar(63) NOT NULL DEFAULT '{level}',
	`traffic_router` enum('none','gateway-api','istio') NOT NULL DEFAULT 'none',
	`gateway_name` varchar(253),
	`model_storage` json NOT NULL,
	`service_db_sealed` text,
	`health` enum('unknown','healthy','unreachable','forbidden') NOT NULL DEFAULT 'unknown',
	`kubernetes_version` varchar(64),
	`last_error` text,
	`last_checked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `clusters_id` PRIMARY KEY(`id`),
	CONSTRAINT `clusters_project_name_uq` UNIQUE(`project_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttles` (
	`email` varchar(320) NOT NULL,
	`failures` int NOT NULL DEFAULT 0,
	`last_failure_at` datetime(3) NOT NULL,
	`blocked_until` datetime(3),
	CONSTRAINT `sign_in_throttles_email` PRIMARY KEY(`email`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` int AUTO_INCREMENT NOT NULL,
	`email` varchar(320) NOT NULL,
	`name` varchar(200) NOT NULL,
	`password_hash` varchar(255),
	`disabled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `project_members` (
	`project_id` int NOT NULL,
	`user_id` int NOT NULL,
	`role` enum('viewer','editor','admin') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_members_pk` PRIMARY KEY(`project_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` int AUTO_INCREMENT NOT NULL,
	`name` varchar(63) NOT NULL,
	`description` text,
	`created_by` int,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `projects_id` PRIMARY KEY(`id`),
	CONSTRAINT `projects_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` int AUTO_INCREMENT NOT NULL,
	`project_id` int NOT NULL,
	`created_by` int NOT NULL,
	`name` varchar(100) NOT NULL,
	`role` enum('viewer','editor','admin') NOT NULL,
	`token_hash` char(64) NOT NULL,
	`prefix` varchar(16) NOT NULL,
	`expires_at` datetime(3),
	`last_used_at` datetime(3),
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `api_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` int AUTO_INCREMENT NOT NULL,
	`application_id` int NOT NULL,
	`cluster_id` int NOT NULL,
	`level` enum('development','beta','staging','production') NOT NULL,
	`k8s_name` varchar(63) NOT NULL,
	`display_name` varchar(200) NOT NULL,
	`spec` json NOT NULL,
	`current_model_id` int,
	`traffic_weight` int NOT NULL DEFAULT 100,
	`status` enum('pending','deploying','running','degraded','failed','deleting','deleted') NOT NULL DEFAULT 'pending',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`deleted_at` datetime(3),
	CONSTRAINT `services_id` PRIMARY KEY(`id`),
	CONSTRAINT `services_cluster_k8s_name_uq` UNIQUE(`cluster_id`,`k8s_name`)
);
--> statement-breakpoint
CREATE TABLE `model_copies` (
	`id` int AUTO_INCREMENT NOT NULL,
	`model_id` int NOT NULL,
	`cluster_id` int NOT NULL,
	`status` enum('pending','copying','ready','failed') NOT NULL DEFAULT 'pending',
	`bytes_copied` bigint NOT NULL DEFAULT 0,
	`error` text,
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `model_copies_id` PRIMARY KEY(`id`),
	CONSTRAINT `model_copies_model_cluster_uq` UNIQUE(`model_id`,`cluster_id`)
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` int AUTO_INCREMENT NOT NULL,
	`application_id` int NOT NULL,
	`name` varchar(200) NOT NULL,
	`version` varchar(100) NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`size` bigint NOT NULL,
	`sha256` char(64) NOT NULL,
	`storage_key` varchar(500) NOT NULL,
	`description` text,
	`uploaded_by` int,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `models_id` PRIMARY KEY(`id`),
	CONSTRAINT `models_application_name_version_uq` UNIQUE(`application_id`,`name`,`version`)
);
--> statement-breakpoint
CREATE TABLE `rollouts` (
	`id` int AUTO_INCREMENT NOT NULL,
	`service_id` int NOT NULL,
	`revision` int NOT NULL,
	`kind` enum('create','update','model_switch','restart','rollback','routing','promotion','delete','import') NOT NULL,
	`spec` json NOT NULL,
	`model_id` int,
	`rollback_to_rollout_id` int,
	`status` enum('queued','running','succeeded','failed','cancelled','superseded') NOT NULL DEFAULT 'queued',
	`progress` int NOT NULL DEFAULT 0,
	`progress_detail` json,
	`kube_revision` varchar(32),
	`error` text,
	`actor_type` enum('user','token','scheduler','system') NOT NULL,
	`actor_user_id` int,
	`actor_token_id` int,
	`reason` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`started_at` datetime(3),
	`finished_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `rollouts_id` PRIMARY KEY(`id`),
	CONSTRAINT `rollouts_service_revision_uq` UNIQUE(`service_id`,`revision`)
);
--> statement-breakpoint
CREATE TABLE `promotion_policies` (
	`id` int AUTO_INCREMENT NOT NULL,
	`application_id` int NOT NULL,
	`name` varchar(100) NOT NULL,
	`source_service_id` int NOT NULL,
	`target_service_id` int NOT NULL,
	`schedule` varchar(100) NOT NULL,
	`min_minutes_running` int NOT NULL DEFAULT 60,
	`requires_approval` boolean NOT NULL DEFAULT false,
	`enabled` boolean NOT NULL DEFAULT true,
	`created_by` int,
	`last_run_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `promotion_policies_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `promotion_runs` (
	`id` int AUTO_INCREMENT NOT NULL,
	`policy_id` int NOT NULL,
	`status` enum('skipped','awaiting_approval','promoted','rejected','failed') NOT NULL,
	`reason` text,
	`model_id` int,
	`rollout_id` int,
	`decided_by` int,
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `promotion_runs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `applications` ADD CONSTRAINT `applications_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `clusters` ADD CONSTRAINT `clusters_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_members` ADD CONSTRAINT `project_members_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_members` ADD CONSTRAINT `project_members_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD CONSTRAINT `api_tokens_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD CONSTRAINT `api_tokens_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `services` ADD CONSTRAINT `services_application_id_applications_id_fk` FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `services` ADD CONSTRAINT `services_cluster_id_clusters_id_fk` FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `model_copies` ADD CONSTRAINT `model_copies_model_id_models_id_fk` FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `model_copies` ADD CONSTRAINT `model_copies_cluster_id_clusters_id_fk` FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `models` ADD CONSTRAINT `models_application_id_applications_id_fk` FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `models` ADD CONSTRAINT `models_uploaded_by_users_id_fk` FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `rollouts` ADD CONSTRAINT `rollouts_service_id_services_id_fk` FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD CONSTRAINT `promotion_policies_application_id_applications_id_fk` FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD CONSTRAINT `promotion_policies_source_service_id_services_id_fk` FOREIGN KEY (`source_service_id`) REFERENCES `services`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD CONSTRAINT `promotion_policies_target_service_id_services_id_fk` FOREIGN KEY (`target_service_id`) REFERENCES `services`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_policies` ADD CONSTRAINT `promotion_policies_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `promotion_runs` ADD CONSTRAINT `promotion_runs_policy_id_promotion_policies_id_fk` FOREIGN KEY (`policy_id`) REFERENCES `promotion_policies`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `audit_events_project_time_idx` ON `audit_events` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_project_action_idx` ON `audit_events` (`project_id`,`action`);--> statement-breakpoint
CREATE INDEX `clusters_project_idx` ON `clusters` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_members_user_idx` ON `project_members` (`user_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_project_idx` ON `api_tokens` (`project_id`);--> statement-breakpoint
CREATE INDEX `services_application_level_idx` ON `services` (`application_id`,`level`);--> statement-breakpoint
CREATE INDEX `rollouts_status_idx` ON `rollouts` (`status`);--> statement-breakpoint
CREATE INDEX `promotion_policies_application_idx` ON `promotion_policies` (`application_id`);--> statement-breakpoint
CREATE INDEX `promotion_runs_policy_time_idx` ON `promotion_runs` (`policy_id`,`created_at`);
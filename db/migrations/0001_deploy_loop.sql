ALTER TABLE `services` DROP FOREIGN KEY `services_cluster_id_clusters_id_fk`;
--> statement-breakpoint
ALTER TABLE `services` DROP INDEX `services_cluster_k8s_name_uq`;--> statement-breakpoint
ALTER TABLE `clusters` MODIFY COLUMN `api_server_url` varchar(500) NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` MODIFY COLUMN `grpc_annotation_preset` enum('nginx','nghttpx','none') NOT NULL DEFAULT 'nginx';--> statement-breakpoint
ALTER TABLE `services` MODIFY COLUMN `cluster_id` int;--> statement-breakpoint
ALTER TABLE `model_copies` MODIFY COLUMN `status` enum('pending','copying','verified','failed') NOT NULL DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE `clusters` ADD `context` varchar(253) NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `node_pinning` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `gateway_namespace` varchar(63);--> statement-breakpoint
ALTER TABLE `clusters` ADD `model_storage_credentials_sealed` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `service_db` json;--> statement-breakpoint
ALTER TABLE `clusters` ADD `service_db_password_sealed` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `last_healthy_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD `namespace` varchar(63) NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `description` text;--> statement-breakpoint
ALTER TABLE `services` ADD `auto_rollback` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `rollouts` ADD `superseded_by_id` int;--> statement-breakpoint
ALTER TABLE `rollouts` ADD `actor_label` varchar(320) NOT NULL;--> statement-breakpoint
ALTER TABLE `rollouts` ADD `deadline_at` datetime(3);--> statement-breakpoint
ALTER TABLE `services` ADD CONSTRAINT `services_k8s_name_uq` UNIQUE(`k8s_name`);--> statement-breakpoint
ALTER TABLE `services` ADD CONSTRAINT `services_cluster_id_clusters_id_fk` FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `services_cluster_idx` ON `services` (`cluster_id`);--> statement-breakpoint
ALTER TABLE `clusters` DROP COLUMN `context_sealed`;--> statement-breakpoint
ALTER TABLE `clusters` DROP COLUMN `service_db_sealed`;
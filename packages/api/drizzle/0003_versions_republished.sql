-- An earlier version's text published again is a new version with the same content hash.
DROP INDEX `contract_versions_hash`;--> statement-breakpoint
CREATE INDEX `contract_versions_hash` ON `contract_versions` (`contract_name`,`content_hash`);
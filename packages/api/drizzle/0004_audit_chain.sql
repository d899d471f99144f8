-- Each audit entry is sealed to the one before it (hash chain, src/audit/chain.ts); entries from before this migration stay unsealed.
ALTER TABLE `audit_log` ADD `hash` text;
--> statement-breakpoint
-- A token row changed at the database other than by revocation, or deleted, leaves an unsealed audit entry that the chain check reports.
CREATE TRIGGER tokens_changed AFTER UPDATE ON tokens WHEN NOT (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL AND OLD.id = NEW.id AND OLD.secret_hash = NEW.secret_hash AND OLD.organisation = NEW.organisation AND OLD.role = NEW.role AND OLD.label IS NEW.label AND OLD.created_at = NEW.created_at) BEGIN INSERT INTO audit_log (at, actor, action, subject, outcome, detail) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'database', 'token.changed', OLD.id, 'ok', json_object('organisation', NEW.organisation, 'role', NEW.role, 'revokedAt', NEW.revoked_at)); END;
--> statement-breakpoint
CREATE TRIGGER tokens_deleted AFTER DELETE ON tokens BEGIN INSERT INTO audit_log (at, actor, action, subject, outcome, detail) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'database', 'token.deleted', OLD.id, 'ok', json_object('organisation', OLD.organisation, 'role', OLD.role)); END;

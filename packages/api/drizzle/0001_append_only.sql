-- History is never rewritten: versions, submissions, their rows and the audit log only grow.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER contract_versions_no_update BEFORE UPDATE ON contract_versions BEGIN SELECT RAISE(ABORT, 'contract versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER contract_versions_no_delete BEFORE DELETE ON contract_versions BEGIN SELECT RAISE(ABORT, 'contract versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are kept as submitted'); END;
--> statement-breakpoint
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions BEGIN SELECT RAISE(ABORT, 'submissions are kept as submitted'); END;
--> statement-breakpoint
CREATE TRIGGER submission_blocks_no_update BEFORE UPDATE ON submission_blocks BEGIN SELECT RAISE(ABORT, 'submissions are kept as submitted'); END;
--> statement-breakpoint
CREATE TRIGGER submission_blocks_no_delete BEFORE DELETE ON submission_blocks BEGIN SELECT RAISE(ABORT, 'submissions are kept as submitted'); END;

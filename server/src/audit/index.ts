/** The public API of audit: what other contexts and the composition root use of it. */
export type { RecordedAccess } from './access-outbox.ts';
export { accessOutboxInsert, recordAccesses } from './access-outbox.ts';
export { auditErrors } from './errors.ts';
export { storedLogVerifierKey } from './log/keys.ts';
export { verifyLog } from './log/verify.ts';
export { auditMigrations } from './migrations.ts';
export { auditPlugin } from './routes.ts';
export type { AuditLog } from './service.ts';
export { startAuditLog } from './service.ts';

import type { AuditStoreSetting } from "../config.ts";
import { type Failure, fail, ok, type Result } from "../core/result.ts";
import type { AuditLog } from "../ports/audit-log.ts";
import { directoryAuditLog } from "./directory-log.ts";

/**
 * The audit trail AUDIT_STORE names (by default beside the corpus store). The PostgreSQL driver is
 * loaded only for a PostgreSQL trail: a one-shot `ask` writing to a directory never pays for it.
 */
export async function openAuditLog(
  setting: AuditStoreSetting,
  process: string,
): Promise<Result<AuditLog, Failure<"service.unreachable">>> {
  if (setting.kind === "directory") return ok(directoryAuditLog(setting.path, process));
  try {
    const { openPostgresAuditLog } = await import("./postgres-log.ts");
    return ok(await openPostgresAuditLog({ url: setting.url }));
  } catch (err) {
    return fail({
      code: "service.unreachable",
      message: `The audit store (AUDIT_STORE, PostgreSQL) did not answer: ${(err as Error).message}`,
    });
  }
}

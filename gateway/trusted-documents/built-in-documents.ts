import { PLANS_QUERY, USAGE_QUERY } from '../dashboard/dashboard-queries';
import { REST_OPERATION_DOCUMENTS } from '../rest/rest-operations';

/**
 * The documents the gateway's own pages and endpoints send, exactly as they send them: trusted
 * whatever the manifest holds, so TRUSTED_DOCUMENTS=enforce never breaks the gateway's own
 * features (the scaling dashboard, the REST endpoints). A feature that sends a document of its own adds it here.
 */
export const BUILT_IN_DOCUMENTS: readonly string[] = [PLANS_QUERY, USAGE_QUERY, ...REST_OPERATION_DOCUMENTS];

// Every test process runs with Apollo's anonymous telemetry off, as production does.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
import 'reflect-metadata';

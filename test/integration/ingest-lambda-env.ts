/**
 * Environment of the ingest Lambda pointed at the loopback S3 server. Import it first in a test
 * file: ES modules evaluate in import order, so the handler reads these when it loads.
 */
process.env.LAKE_BUCKET = 'lake';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'PantauPKH';
process.env.POWERTOOLS_SERVICE_NAME = 'pantau-pkh-ingest';

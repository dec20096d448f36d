-- The roles and database of the cluster shape (the same as scripts/cluster/postgres.ts creates for
-- `npm run start:cluster`): the application's own role and database, and Temporal's role, which
-- creates its two databases (temporal, temporal_visibility) itself.
CREATE ROLE itsm LOGIN PASSWORD 'itsm';
CREATE DATABASE itsm OWNER itsm;
CREATE ROLE temporal LOGIN PASSWORD 'temporal' CREATEDB;

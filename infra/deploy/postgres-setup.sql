-- The database administrator's step before anything else connects, run once per PostgreSQL server
-- (and safe to run again): the logins and the records' database of the production shape. The
-- local shape (infra/bin/production), the compose file and the Kubernetes Job all run this file:
--   psql -v ON_ERROR_STOP=1 -f infra/deploy/postgres-setup.sql   (psql 15 or later, for \getenv)
-- Names and passwords come from the environment, so no secret sits on a command line:
--   TEMPORAL_DB_USER / TEMPORAL_DB_PASSWORD  Temporal's login; it creates its own two databases
--   PILOT_OWNER_USER / PILOT_OWNER_PASSWORD  owns the records' database, runs the migrations
--   PILOT_APP_USER   / PILOT_APP_PASSWORD    the API's and workers' login (a member of pilot_runtime)
--   PILOT_DB_NAME                            the records' database
-- An existing login keeps its password. The migrations make PILOT_APP_USER a member of
-- pilot_runtime, which a non-superuser owner may do only with the admin option given here.
SET client_min_messages = warning;
\getenv temporal_user TEMPORAL_DB_USER
\getenv temporal_password TEMPORAL_DB_PASSWORD
\getenv owner_user PILOT_OWNER_USER
\getenv owner_password PILOT_OWNER_PASSWORD
\getenv app_user PILOT_APP_USER
\getenv app_password PILOT_APP_PASSWORD
\getenv db_name PILOT_DB_NAME

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'temporal_user') AS found \gset
\if :found
ALTER ROLE :"temporal_user" LOGIN CREATEDB;
\else
CREATE ROLE :"temporal_user" LOGIN CREATEDB PASSWORD :'temporal_password';
\endif

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner_user') AS found \gset
\if :found
ALTER ROLE :"owner_user" LOGIN;
\else
CREATE ROLE :"owner_user" LOGIN PASSWORD :'owner_password';
\endif

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') AS found \gset
\if :found
ALTER ROLE :"app_user" LOGIN;
\else
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
\endif

-- packages/db's RUNTIME_ROLE: what the API and workers act as.
SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pilot_runtime') AS found \gset
\if :found
\else
CREATE ROLE pilot_runtime NOLOGIN;
\endif
GRANT pilot_runtime TO :"owner_user" WITH ADMIN OPTION;

SELECT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') AS found \gset
\if :found
\else
CREATE DATABASE :"db_name" OWNER :"owner_user";
\endif

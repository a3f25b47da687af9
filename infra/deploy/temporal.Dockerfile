# Temporal for the production shape: the server, its SQL schema tool, the CLI, the module's configs
# and schemas — built from Go modules by the same scripts the local shape uses
# (infra/temporal/ensure-server.sh, ensure-cli.sh), so both run the very same binaries. Built from
# the repo root:  docker build -f infra/deploy/temporal.Dockerfile -t pilot-temporal .
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY infra/lib infra/lib
COPY infra/temporal/ensure-server.sh infra/temporal/ensure-cli.sh infra/temporal/
ENV PILOT_CACHE_DIR=/opt/pilot
RUN bash infra/temporal/ensure-server.sh && bash infra/temporal/ensure-cli.sh

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
  && rm -rf /var/lib/apt/lists/*
# The server's config template (config/docker.yaml) expects its dynamic config under /etc/temporal.
COPY --from=build /opt/pilot/temporal-server/v1.29.1 /etc/temporal
COPY --from=build /opt/pilot/temporal-cli/v1.5.1/temporal /usr/local/bin/temporal
COPY infra/temporal/setup-schema.sh /usr/local/bin/temporal-setup-schema
ENV PATH=/etc/temporal/bin:$PATH TEMPORAL_SERVER_DIR=/etc/temporal
WORKDIR /etc/temporal
USER nobody
EXPOSE 7233 7243
# Configured only through the template's environment variables (see compose.yaml / the manifests).
CMD ["server", "--root", "/etc/temporal", "--config", "config", "--env", "docker", "--allow-no-auth", "start"]

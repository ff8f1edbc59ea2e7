# syntax=docker/dockerfile:1
# One image for every Goliath process; docker-compose.yml picks the role with `command`
# (node dist/app/start-subgraph.js NAME, start-projections.js, start-gateway.js). Run on its own it
# starts the embedded platform. Processes run as `node` itself, not under npm, so signals reach them.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# npm ci runs `prepare`, which is the build (tsc and the Playground bundle); the dev dependencies it
# needed are dropped afterwards so the runtime image carries production dependencies only.
RUN npm ci && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/goliath/data \
    KEYS_DIR=/var/lib/goliath/keys
WORKDIR /app
# The application stays owned by root: the service user can read it but not change it.
COPY --from=build /app /app
# Named volumes mounted here start as copies of these folders, so they are writable by `node`.
RUN mkdir -p /var/lib/goliath/data /var/lib/goliath/keys /var/lib/goliath/algorithms && chown -R node:node /var/lib/goliath
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "dist/main.js"]

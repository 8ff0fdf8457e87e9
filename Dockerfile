# Multi-stage build: compile everything in `build`, ship only the API's production dependencies, the compiled API
# and the built web app in `runtime`, running as the unprivileged `node` user.
#   docker build -t wenming .      docker run -p 3000:3000 -v wenming-data:/data wenming
# (Each RUN step below was run on a Debian 12 machine with Node 20 and pnpm 12.4.2; see docs/operations.md.)

FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@12.4.2
# dependency manifests first, so source edits do not invalidate the install layer
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/shared/package.json packages/shared/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
# a self-contained API folder: dist + production node_modules (the workspace package @wenming/shared copied in)
RUN pnpm --filter @wenming/api deploy --prod /out/api \
 && rm -rf /out/api/src /out/api/test /out/api/tsconfig*.json /out/api/jest.config.js

FROM node:20-bookworm-slim AS runtime
# pg_dump/pg_restore for `node apps/api/dist/database/cli.js backup|restore` against PostgreSQL
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data WEB_DIST_DIR=/app/apps/web/dist
WORKDIR /app
COPY --from=build --chown=root:root /out/api /app/apps/api
COPY --from=build --chown=root:root /src/apps/web/dist /app/apps/web/dist
# the code is root-owned and read-only to the app; only /data (embedded database, secrets, backups) is writable
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec form: SIGTERM reaches node directly, which drains requests before it exits (SHUTDOWN_GRACE_SECONDS)
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]

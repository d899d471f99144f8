# The Parity service: `docker build -t parity .`, then
# `docker run -p 8787:8787 -v parity-data:/data parity` (or `docker compose up`).

# Builds every package (the playground bundle included) with the locked dependencies.
FROM node:20-slim AS build
RUN npm install --global pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/engine/package.json packages/engine/
COPY packages/dsl/package.json packages/dsl/
COPY packages/lsp/package.json packages/lsp/
COPY packages/api/package.json packages/api/
COPY packages/cli/package.json packages/cli/
COPY tests/package.json tests/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build \
  && rm -rf node_modules packages/*/node_modules packages/*/test packages/lsp/vscode

# Only what `parity serve` needs at run time: the service, the command and the packages they use.
FROM node:20-slim AS runtime-dependencies
RUN npm install --global pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/engine/package.json packages/engine/
COPY packages/dsl/package.json packages/dsl/
COPY packages/lsp/package.json packages/lsp/
COPY packages/api/package.json packages/api/
COPY packages/cli/package.json packages/cli/
COPY tests/package.json tests/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile --prod --filter "@parity/cli..."

FROM node:20-slim
ARG PARITY_COMMIT=unknown
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE_URL=file:/data/parity.db \
    PARITY_COMMIT=${PARITY_COMMIT}
WORKDIR /app
COPY --from=build /app/packages ./packages
COPY --from=build /app/contracts ./contracts
COPY --from=build /app/examples ./examples
COPY --from=runtime-dependencies /app/node_modules ./node_modules
COPY --from=runtime-dependencies /app/packages ./packages
COPY package.json ./
# The code belongs to root and cannot be changed by the service; only /data is its own.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself: requests in flight finish, then the database closes.
STOPSIGNAL SIGTERM
CMD ["node", "packages/cli/bin/parity.js", "serve"]

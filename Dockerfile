# Two stages: the compiler and dev dependencies stay in the first; the image that runs has the
# production dependencies, the compiled dist/, the bundled corpus and the migrations only.
# Node 22 is an LTS still supported (20 reached end of life in April 2026); the code runs on 20.12+.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: prepare would compile before the sources are here; it is run below instead.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs
COPY data ./data
# Fail the build, not the deploy, on a corpus that does not pass its check.
RUN node dist/cli/corpus-check.js

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production
# tini is PID 1: it forwards docker stop's SIGTERM to node and reaps strays, so node (its child,
# never npm or npx, which exit on SIGTERM and leave the app to be killed) gets to shut down in
# order: a worker finishes the digest in hand.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
COPY migrations ./migrations
# The node user owns store/, the corpus store when CORPUS_STORE names none (compose names PostgreSQL).
RUN mkdir -p /app/store && chown node:node /app/store
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js", "bot"]

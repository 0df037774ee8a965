FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY data ./data
COPY migrations ./migrations
# Fail the build, not the deploy, on a corpus that does not pass its check; the node user owns
# store/, the corpus store when CORPUS_STORE names none (compose names PostgreSQL).
RUN npx tsx src/cli/corpus-check.ts && mkdir -p /app/store && chown node:node /app/store
USER node
# node itself is PID 1, so SIGTERM from docker stop reaches the app's own shutdown (npx would exit on it
# and leave the app to be killed).
CMD ["node", "--import", "tsx", "src/main.ts", "bot"]

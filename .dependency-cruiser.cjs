// Import rules `npm run lint` enforces: dependencies point inward, core does no I/O, no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle makes two modules one; split out what they share.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-does-no-io",
      severity: "error",
      comment: "src/core is pure functions of a corpus snapshot: no Node built-in but hashing.",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"], pathNot: "^crypto$" },
    },
    {
      name: "core-imports-only-core",
      severity: "error",
      comment: "Dependencies point inward: core imports neither commands, adapters nor I/O layers.",
      from: { path: "^src/core/" },
      to: { path: "^src/", pathNot: "^src/core/" },
    },
    {
      name: "core-uses-pure-packages",
      severity: "error",
      comment: "Packages core may use: schemas and text algorithms, none that talk to the world.",
      from: { path: "^src/core/" },
      to: {
        dependencyTypes: [
          "npm",
          "npm-dev",
          "npm-optional",
          "npm-peer",
          "npm-no-pkg",
          "npm-unknown",
        ],
        pathNot: "node_modules/(zod|fastest-levenshtein|stemmer|cron-parser|chrono-node)/",
      },
    },
    {
      name: "commands-do-not-know-platforms",
      severity: "error",
      comment: "Commands hold business rules for every platform; adapters import them, not back.",
      from: { path: "^src/commands/" },
      to: { path: "^src/adapters/" },
    },
    {
      name: "adapters-transport-only",
      severity: "error",
      comment:
        "Adapters transport and render: they reach commands through the responder alone and never build replies.",
      from: { path: "^src/adapters/" },
      to: {
        path: "^src/(commands/|core/reply/build\\.ts|core/answers/)",
        pathNot: "^src/commands/(responder|command|registry|input)\\.ts$",
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};

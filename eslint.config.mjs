import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** `files` may not import the named src/ folders (at any depth of ../) nor the named packages. */
function layer(files, folders, packages) {
  const patterns = [
    // Relative imports that climb out to src/<folder>; a subfolder of the same name (services/jobs) is fine.
    ...folders.map((folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: `${files} may not import src/${folder}: see README, "Layout".` })),
    ...packages.map((name) => ({ group: [name], message: `${files} may not depend on ${name}: see README, "Layout".` })),
  ];
  return [{ files: [files], rules: { "no-restricted-imports": ["error", { patterns }] } }];
}

export default tseslint.config(
  { ignores: ["dist/", "data/", "coverage/", "node_modules/", "src/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The layers (README, "Layout"): each folder may import only what sits below it.
  ...layer("src/domain/**", ["services", "handlers", "jobs", "publish", "views", "db", "generated"], ["@slack/*", "@prisma/*"]),
  ...layer("src/services/**", ["handlers", "jobs", "publish", "views"], ["@slack/*"]),
  ...layer("src/views/**", ["handlers", "jobs", "publish", "db", "generated"], ["@slack/bolt", "@slack/web-api", "@prisma/*"]),
  ...layer("src/publish/**", ["handlers", "jobs", "db", "generated"], ["@slack/bolt", "@prisma/*"]),
  ...layer("src/handlers/**", ["jobs", "publish", "db", "generated"], ["@prisma/*"]),
  ...layer("src/jobs/**", ["handlers", "publish"], ["@slack/*"]),
  {
    // Plain CommonJS tooling (jest config and reporter, the generate wrapper).
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The sandbox's page: ES modules in the browser (checked by // @ts-check and tsconfig.sandbox-web.json).
    files: ["src/sandbox/web/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
);

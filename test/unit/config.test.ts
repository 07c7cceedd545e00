import { ConfigError, loadConfig, loadStartupConfig, resolveSlackMode } from "../../src/config";

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      SLACK_API_URL: "https://slack.com/api/",
      EMBEDDED_PG_DIR: "./data/postgres",
      EMBEDDED_PG_PORT: 54329,
      ADMIN_SLACK_IDS: [],
      ARRIVAL_HOURS_URBAN: 6,
      ARRIVAL_HOURS_SUBURBAN: 7,
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reports every invalid value at once, each with what was expected", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", ADMIN_SLACK_IDS: "U012ABC, bob", SLACK_BOT_TOKEN: "xoxp-user", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/PORT: expected a port number, got "eighty"/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL: expected a postgresql:\/\/ connection string/);
    expect(problems.join("\n")).toMatch(/ADMIN_SLACK_IDS.*Slack user ids/);
    expect(problems.join("\n")).toMatch(/SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL: expected debug, info, warn or error/);
  });

  it("names only the first characters of a secret it refuses", () => {
    const problems = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: "xoxp-1234-5678-secret", DATABASE_URL: "mysql://root:hunter22@db/desk" });
      } catch (error) {
        return (error as ConfigError).problems.join("\n");
      }
      return "";
    })();
    expect(problems).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-, got "xoxp-…"');
    expect(problems).toContain('got "mysql…"');
    expect(problems).not.toContain("secret");
    expect(problems).not.toContain("hunter22");
  });

  it("bounds the graceful stop at 10 seconds unless SHUTDOWN_TIMEOUT_SECONDS says otherwise", () => {
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_SECONDS).toBe(10);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: "2.5" }).SHUTDOWN_TIMEOUT_SECONDS).toBe(2.5);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: "0" })).toThrow(ConfigError);
  });

  it("R11/R12: the workshop turnaround target defaults to 1 working day, special items 3, and can be set", () => {
    expect(loadConfig({})).toMatchObject({ WORKSHOP_TURNAROUND_DAYS: 1, WORKSHOP_TURNAROUND_SPECIAL_DAYS: 3 });
    expect(loadConfig({ WORKSHOP_TURNAROUND_DAYS: "2", WORKSHOP_TURNAROUND_SPECIAL_DAYS: "5" })).toMatchObject({ WORKSHOP_TURNAROUND_DAYS: 2, WORKSHOP_TURNAROUND_SPECIAL_DAYS: 5 });
    expect(() => loadConfig({ WORKSHOP_TURNAROUND_DAYS: "0" })).toThrow(ConfigError);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SLACK_APP_TOKEN: " " }).DATABASE_URL).toBeUndefined();
  });

  it("parses ADMIN_SLACK_IDS as a comma-separated list", () => {
    expect(loadConfig({ ADMIN_SLACK_IDS: "U012ABCDEF, W0123ABCD" }).ADMIN_SLACK_IDS).toEqual(["U012ABCDEF", "W0123ABCD"]);
  });

  describe("Slack transport", () => {
    it("uses Socket Mode when an app token is set", () => {
      expect(resolveSlackMode(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).kind).toBe("socket");
    });
    it("uses the HTTP endpoint with a signing secret", () => {
      expect(resolveSlackMode(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).kind).toBe("http");
    });
    it("names every missing variable", () => {
      expect(resolveSlackMode(loadConfig({}))).toEqual({
        kind: "missing",
        missing: ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)"],
      });
    });
  });
});

describe("startup configuration", () => {
  it("reports invalid values and missing Slack credentials together", () => {
    let error: unknown;
    try {
      loadStartupConfig({ PORT: "-1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT: expected a port number, got "-1"',
      "SLACK_BOT_TOKEN: missing",
      "SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode): missing",
    ]);
    expect((error as ConfigError).slackCredentialsMissing).toBe(true);
  });

  it("gives the transport when the credentials are complete", () => {
    expect(loadStartupConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).mode).toEqual({ kind: "http", botToken: "xoxb-1", signingSecret: "s" });
  });
});

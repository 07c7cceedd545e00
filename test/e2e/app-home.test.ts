import { ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";

const app = useTestApp({ adminSlackIds: ["U0ADMIN"], fake: { users: { U0DISP: { name: "park.jisoo" }, U0ADMIN: { name: "admin" }, U0STRANGER: { name: "stranger" } } } });

async function registerDispatcher() {
  const prisma = app.current.database.prisma;
  const branch = await prisma.branch.create({ data: { code: "SEL", name: "Seoul service centre", timeZone: "Asia/Seoul" } });
  await prisma.staff.create({ data: { slackUserId: "U0DISP", name: "Park Jisoo", branchId: branch.id, roles: ["DISPATCHER", "DIRECTOR"] } });
}

describe("App Home (end to end)", () => {
  it("publishes a home view naming the user's roles when the tab is opened", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    const delivery = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    expect(delivery.status).toBe(200);
    const [publish] = await slack.waitFor({ method: "views.publish" });
    expect(publish.args.user_id).toBe("U0DISP");
    expect(JSON.stringify(slack.homeView("U0DISP"))).toContain("Your roles at *Seoul service centre*: Dispatcher, Service director.");
  });

  it("tells someone who is not registered how to get access", async () => {
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0STRANGER", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    expect(JSON.stringify(slack.homeView("U0STRANGER"))).toContain("not registered with the service desk");
  });

  it("treats ADMIN_SLACK_IDS as admins before any import", async () => {
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0ADMIN", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    expect(JSON.stringify(slack.homeView("U0ADMIN"))).toContain("Your roles: Admin.");
  });

  it("R7: an admin's home names the roles nobody holds (no manager, a branch without a director); a dispatcher's does not", async () => {
    await registerDispatcher();
    const prisma = app.current.database.prisma;
    await prisma.branch.create({ data: { code: "BSN", name: "Busan service centre", timeZone: "Asia/Seoul" } });
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0ADMIN", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const home = JSON.stringify(slack.homeView("U0ADMIN"));
    expect(home).toContain("No active manager");
    expect(home).toContain("No active service director* at Busan service centre (BSN)");
    expect(home).not.toContain("Seoul service centre (SEL)");
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await eventually(() => JSON.stringify(slack.homeView("U0DISP") ?? "").includes("Your roles at"));
    expect(JSON.stringify(slack.homeView("U0DISP"))).not.toContain("No active manager");
  });

  it("handles an event once when Slack retries its delivery", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    const first = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const retry = await slack.driver.redeliverEvent(first, { retryNum: 1, retryReason: "http_timeout" });
    expect(retry.status).toBe(200);
    await slack.driver.settle();
    // Give a wrongly repeated listener the time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.callsTo("views.publish")).toHaveLength(1);
  });

  it("handles Slack's retry when the first delivery failed half-way, so nothing is lost", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    slack.failNext("views.publish", "internal_error");
    const first = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    expect(slack.homeView("U0DISP")).toBeUndefined();
    await eventually(async () => (await app.current.database.prisma.slackDelivery.count()) === 0, 2000, "the failed delivery's claim being released");
    await slack.driver.redeliverEvent(first, { retryNum: 1, retryReason: "http_error" });
    await slack.waitFor({ method: "views.publish", count: 2 });
    expect(JSON.stringify(slack.homeView("U0DISP"))).toContain("Dispatcher");
  });

  it("R14: a Borrow parts click from App Home that is refused is answered in a direct message, not dropped", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    await prisma.staff.update({ where: { slackUserId: "U0DISP" }, data: { roles: ["TECHNICIAN"] } });
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    // The Home tab was drawn while the person was a technician; they have moved to the desk since.
    await prisma.staff.update({ where: { slackUserId: "U0DISP" }, data: { roles: ["DISPATCHER"] } });
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", view: slack.homeView("U0DISP")!, actions: [{ action_id: ACTIONS.partsBorrowOpen }] });
    expect(click.status).toBe(200);
    const [dm] = await slack.waitFor({ method: "chat.postMessage" });
    expect(dm.args.channel).toBe("U0DISP");
    expect(String(dm.args.text)).toMatch(/technicians/i);
  });

  it("refreshes the home view from its button", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", view: slack.homeView("U0DISP")!, actions: [{ action_id: "home_refresh" }] });
    expect(click.status).toBe(200);
    await slack.waitFor({ method: "views.publish", count: 2 });
  });
});

// SPEC §14, the worked example of seed 000, from the phone call to the archive, offline, on a
// controlled clock: an overdue resolution with a progress update, a pause while waiting for the
// customer, a rejected plan, a second round after an unsatisfied confirmation, the survey, the
// printed slip and the printed feedback form.
import { test, expect } from "./fixtures.mjs";
import { panel, step } from "./helpers.mjs";

// Business time is UTC+8 (the default calendar).
const at = (local) => new Date(`${local}+08:00`);

test("the worked example runs from registration to archive, offline", async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.clock.install({ time: at("2023-10-01T09:30:00") });
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();

  // 1. Receive and register: the customer phones at 09:30.
  await page.getByLabel(/Received by/).fill("Clerk Li");
  await expect(page.getByLabel(/Received at/)).toHaveValue("2023-10-01T09:30");
  await page.getByLabel(/Customer name/).fill("Mr. Zhang");
  await page.getByLabel(/^Phone/).fill("138 0013 8000");
  await page.getByLabel(/Product or service/).fill("Air conditioner KFR-35GW");
  await page.getByLabel(/customer's own words/).fill("Newly bought air conditioner cools badly; the room is still 28 °C after a day.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();
  expect(number).toMatch(/^20231001-TEL-[A-Z0-9]{3}-001$/);

  // The slip prints alone, with the number.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("slip")).toBeVisible();
  await expect(page.getByTestId("slip")).toContainText(number);
  await expect(page.locator(".app-header")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(number);

  // 2. Classify: product quality, normal (3 working days); routed to after-sales.
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption("product_quality");
  await classify.getByLabel("Urgency").selectOption("normal");
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  await expect(page.getByTestId("case-department")).toHaveText("After-sales");

  // Only legal steps are offered: no plan, no resolving before investigating.
  await expect(page.getByTestId("propose-panel")).toHaveCount(0);
  await expect(page.getByTestId("resolve-panel")).toHaveCount(0);

  // Route and assign: the after-sales lead owns it; the first-contact owner stays visible.
  // From here on the after-sales lead works the complaint on this tablet.
  await page.getByLabel("Acting as").fill("After-sales lead Chen");
  await step(page, "assign", async (p) => {
    await expect(p).toContainText("Clerk Li");
    await p.getByLabel(/Handler/).fill("After-sales lead Chen");
  });
  await expect(page.getByTestId("detail-handler")).toHaveText("After-sales lead Chen");
  await expect(page.getByTestId("detail-owner")).toHaveText("Clerk Li");

  // First contact, with the soothing template filled in.
  await step(page, "contact", async (p) => {
    await p.getByLabel("Message template").selectOption("soothe");
    await expect(p.getByLabel("What was said")).toHaveValue(new RegExp(`Mr\\. Zhang.*${number}`));
    await p.getByLabel("Result").selectOption("reached");
  });
  await expect(page.getByTestId("case-contacts")).toContainText(number);

  // 3. Investigate.
  await step(page, "investigate");
  await expect(page.getByTestId("detail-status")).toHaveText("Investigating");
  await step(page, "evidence", async (p) => {
    await p.getByLabel("Kind of evidence").selectOption("service_record");
    await p.getByLabel("What it shows").fill("Engineer's visit report: outdoor unit mounted at the wrong angle.");
  });

  // 4. Plan: a remedy and a prevention, each with an owner and a deadline.
  await step(page, "step", async (p) => {
    await p.getByLabel("Kind of step").selectOption("visit");
    await p.getByLabel("What will be done").fill("An engineer visits within 3 days; if it is a quality fault, replace the unit free.");
    await p.getByLabel(/^Owner/).fill("Engineer Zhao");
  });
  await step(page, "step", async (p) => {
    await p.getByLabel("Kind of step").selectOption("prevention");
    await p.getByLabel("What will be done").fill("Add a post-installation function check to installer training.");
    await p.getByLabel(/^Owner/).fill("Training lead Wu");
  });
  await expect(page.getByTestId("case-steps").locator("tbody tr")).toHaveCount(2);
  await step(page, "suggestion", async (p) => {
    await p.getByLabel("What the customer suggests").fill("Replace the unit.");
    await p.getByLabel("Time limit").selectOption("three_days");
  });
  await step(page, "propose");
  await expect(page.getByTestId("detail-status")).toHaveText("Plan proposed");
  // Asking the customer before the approval is not offered.
  await expect(page.getByTestId("response-panel")).toHaveCount(0);
  // Four eyes: the acting person (After-sales lead Chen) proposed the plan and cannot approve it.
  const approve = await panel(page, "approve");
  await expect(approve.getByLabel("Approved by")).toHaveValue("");
  await approve.getByLabel("Approved by").fill("after-sales lead chen");
  await approve.getByTestId("approve-submit").click();
  await expect(approve.getByText("The plan must be approved by a manager other than the person who proposed it.")).toBeVisible();
  await expect(approve.getByLabel("Approved by")).toBeFocused();
  await expect(page.getByTestId("detail-status")).toHaveText("Plan proposed");
  await step(page, "approve", async (p) => p.getByLabel("Approved by").fill("After-sales manager Sun"));

  // The customer rejects the plan: without a reason the domain refuses, translated, at the field.
  const response = await panel(page, "response");
  await response.getByLabel("rejects the plan").check();
  await response.getByTestId("response-submit").click();
  await expect(response.getByText("Give the customer's reason for rejecting the plan.")).toBeVisible();
  await expect(response.getByLabel("Reason")).toBeFocused();
  await step(page, "response", async (p) => {
    await p.getByLabel("rejects the plan").check();
    await p.getByLabel("Reason").fill("Wants a replacement right away, not a visit.");
  });
  await expect(page.getByTestId("detail-status")).toHaveText("Investigating");

  // A second proposal is approved and accepted.
  await step(page, "propose", async (p) => p.getByLabel("Note").fill("Visit first; replacement if it is a quality fault."));
  await step(page, "approve", async (p) => p.getByLabel("Approved by").fill("After-sales manager Sun"));
  await step(page, "response", async (p) => {
    await p.getByLabel("accepts the plan").check();
    await p.getByLabel("Reason").fill("Agrees to a visit first.");
  });
  await expect(page.getByTestId("detail-status")).toHaveText("Plan accepted");

  // Late: on Thursday the resolution deadline (3 working days) has passed.
  await page.clock.setSystemTime(at("2023-10-05T10:00:00"));
  await page.reload();
  const clocks = page.getByTestId("clocks");
  await expect(clocks.locator("tr.late")).not.toHaveCount(0);
  await expect(clocks).toContainText("Overdue");
  await expect(page.getByTestId("next-steps").getByText("A deadline has passed")).toBeVisible();
  await step(page, "progress", async (p) => {
    await p.getByLabel("Message template").selectOption("progress");
    await p.getByLabel("The reason for the delay was explained to the customer").check();
  });
  await expect(page.getByTestId("case-progress")).toContainText("Yes");

  // Waiting for the customer pauses the clocks.
  await step(page, "wait", async (p) => {
    await p.getByLabel("Waiting on").selectOption("customer");
    await p.getByLabel("Why").fill("The customer is away until Monday; the engineer cannot get in.");
  });
  await expect(page.getByTestId("detail-status")).toHaveText("Waiting on customer");
  await page.clock.setSystemTime(at("2023-10-09T09:30:00"));
  await page.reload();
  // Four days later the resolution clock is still 1 h over: the waiting time did not count.
  const resolution = clocks.locator("tr", { hasText: "Resolution" });
  await expect(resolution).toContainText("Overdue · Paused");
  await expect(resolution).toContainText("overdue by 1 h");
  await step(page, "resume", async (p) => p.getByLabel("Note").fill("The customer is back."));
  await expect(page.getByTestId("detail-status")).toHaveText("Plan accepted");

  // The finding, the fix and its verification; then resolved.
  await step(page, "cause", async (p) => {
    await p.getByLabel("Category").selectOption("installation");
    await p.getByLabel("What caused it").fill("The outdoor unit was mounted at the wrong angle.");
  });
  await step(page, "close-step", async (p) => p.getByLabel("Note").fill("Reinstalled the outdoor unit."));
  await step(page, "close-step", async (p) => p.getByLabel("Note").fill("Training updated."));
  await step(page, "verify", async (p) => p.getByLabel("Result of the check").fill("Cooling is normal: 24 °C after 30 minutes."));
  await step(page, "resolve");
  await expect(page.getByTestId("detail-status")).toHaveText("Resolved, awaiting confirmation");

  // 6. The customer is not satisfied yet: a second round of handling.
  await step(page, "confirm", async (p) => {
    await p.getByLabel("not resolved — handle it again").check();
    await p.getByLabel("Note").fill("Still noisy at night.");
  });
  await expect(page.getByTestId("detail-status")).toHaveText("Investigating");
  await expect(page.getByTestId("case-round")).toHaveText("2");
  await step(page, "step", async (p) => {
    await p.getByLabel("Kind of step").selectOption("repair");
    await p.getByLabel("What will be done").fill("Fit vibration dampers to the outdoor unit.");
    await p.getByLabel(/^Owner/).fill("Engineer Zhao");
  });
  await step(page, "propose");
  await step(page, "approve", async (p) => p.getByLabel("Approved by").fill("After-sales manager Sun"));
  await step(page, "response", async (p) => p.getByLabel("accepts the plan").check());
  await step(page, "close-step");
  await step(page, "verify", async (p) => p.getByLabel("Result of the check").fill("Quiet at night; cooling normal."));
  await step(page, "resolve");
  await step(page, "confirm", async (p) => p.getByLabel("resolved — close it").check());
  await expect(page.getByTestId("detail-status")).toHaveText("Closed");

  // The survey: five dimensions, the verdict and a suggestion.
  await step(page, "survey", async (p) => {
    for (const [dim, score] of [["Service attitude", 5], ["Efficiency", 4], ["Professional competence", 5], ["Communication clarity", 5], ["Overall experience", 5]]) {
      await p.getByRole("group", { name: dim }).getByLabel(String(score), { exact: true }).check();
    }
    await p.getByLabel("Overall verdict").selectOption("satisfied");
    await p.getByRole("group", { name: "Resolved in time" }).getByLabel("Yes", { exact: true }).check();
    await p.getByLabel("Suggestions").fill("Suggest an online progress lookup.");
  });
  await expect(page.getByTestId("case-surveys")).toContainText("Satisfied (90)");

  // 7. A second-round case is complex: the case summary comes before the archive.
  await expect(page.getByTestId("archive-panel")).toHaveCount(0);
  await step(page, "summary", async (p) => {
    await p.getByLabel("Cause").fill("Installation angle of the outdoor unit.");
    await p.getByLabel("What to improve").fill("Post-installation function check in installer training.");
  });
  // Archiving asks for confirmation first.
  await (await panel(page, "archive")).getByTestId("archive-submit").click();
  await expect(page.getByTestId("archive-panel").getByText("Confirm that the complaint is to be archived")).toBeVisible();
  await expect(page.getByTestId("detail-status")).not.toHaveText("Archived");
  await step(page, "archive", (p) => p.getByLabel(/Yes, archive this complaint/).check());
  await expect(page.getByTestId("detail-status")).toHaveText("Archived");
  await expect(page.getByTestId("next-steps")).toHaveCount(0);
  // Archiving does not cancel the 3-month re-survey (SPEC §7): it is the only step left.
  await expect(page.getByTestId("more-steps").locator(".step")).toHaveCount(1);
  await expect(page.getByTestId("survey-panel")).toBeVisible();

  // Every step left a trace: who, when, which device.
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("After-sales lead Chen");
  await expect(timeline).toContainText("customer rejected the plan");
  await expect(timeline).toContainText("customer says it is not resolved");
  await expect(timeline).toContainText("→ Archived");

  // The feedback form (seed 003) prints alone, boxes ticked from the record.
  await page.getByTestId("feedback-form-link").click();
  const form = page.getByTestId("feedback-form");
  await expect(form).toContainText(number);
  await expect(page.getByTestId("form-suggestion")).toHaveText("Replace the unit.");
  await expect(page.getByTestId("form-reject")).toContainText("");
  await expect(page.getByTestId("form-plan")).toContainText("vibration dampers");
  await expect(page.getByTestId("form-verdict").locator(".ticked")).toHaveText(/Satisfied \(90\)/);
  await page.emulateMedia({ media: "print" });
  await expect(form).toBeVisible();
  await expect(page.locator(".app-header")).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: "screen" });

  // Still all there after a reload, offline.
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId("detail-status")).toHaveText("Archived");
  await context.setOffline(false);
});

test("the loop runs in Chinese too, offline: register, handle, close, survey, archive", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.getByLabel(/首问负责人/).fill("李文员");
  await page.getByLabel(/客户姓名/).fill("张先生");
  await page.getByLabel("电话", { exact: true }).fill("13800138000");
  await page.getByLabel(/涉及产品/).fill("空调");
  await page.getByLabel(/客户原话/).fill("新买的空调制冷效果差，开了一天房间还是28度。");
  await page.getByRole("button", { name: "保存投诉" }).click();
  const number = await page.getByTestId("saved-number").textContent();
  await page.getByRole("link", { name: "投诉列表" }).click();
  await page.getByRole("link", { name: number }).click();

  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("投诉类型").selectOption("product_quality");
  await classify.getByRole("button", { name: "保存分类" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("已分类");
  await expect(page.getByTestId("case-department")).toHaveText("售后部");
  await expect(page.getByTestId("next-steps")).toContainText("指定处理人");

  await step(page, "assign", (p) => p.getByLabel("处理人（一名具体负责人）").fill("售后主管陈"));
  await step(page, "investigate");
  await expect(page.getByTestId("detail-status")).toHaveText("调查中");
  await step(page, "step", async (p) => {
    await p.getByLabel("步骤类型").selectOption("visit");
    await p.getByLabel("具体措施").fill("3天内安排工程师上门检测。");
    await p.getByLabel("负责人（一名具体人员）").fill("工程师赵");
  });
  await step(page, "propose");
  await step(page, "approve", (p) => p.getByLabel("审核人").fill("售后经理孙"));
  await step(page, "response", (p) => p.getByLabel("接受方案", { exact: true }).check());
  await expect(page.getByTestId("detail-status")).toHaveText("方案执行中");
  await step(page, "close-step");
  await step(page, "verify", (p) => p.getByLabel("核实结果").fill("重新安装后制冷正常。"));
  await step(page, "resolve");
  await step(page, "confirm", (p) => p.getByLabel(/已解决——关闭投诉/).check());
  await expect(page.getByTestId("detail-status")).toHaveText("已关闭");
  await step(page, "survey", async (p) => {
    for (const dim of ["服务态度", "处理效率", "专业能力", "沟通清晰度", "整体体验"]) {
      await p.getByRole("group", { name: dim }).getByLabel("5", { exact: true }).check();
    }
    await p.getByLabel("总体评价").selectOption("satisfied");
    await p.getByRole("group", { name: "及时解决" }).getByLabel("是", { exact: true }).check();
  });
  await expect(page.getByTestId("case-surveys")).toContainText("满意（90分）");
  await step(page, "archive", (p) => p.getByLabel(/确定归档此投诉/).check());
  await expect(page.getByTestId("detail-status")).toHaveText("已归档");
  await expect(page.getByTestId("timeline")).toContainText("客户确认已解决");
  await context.close();
});

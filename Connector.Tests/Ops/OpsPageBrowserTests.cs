using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Connector.Tests.Reports;
using Connector.Tests.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Connector.Tests.Ops;

/// <summary>
/// The operations page in a real browser (Debian's Chromium through Playwright) against the Functions app's HTTP
/// pipeline on Azurite and the sandbox. Each state is saved as a screenshot under <c>artifacts/ops/</c>.
/// </summary>
public sealed class OpsPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_page_opens_with_the_key_and_shows_nothing_without_it()
    {
        await using var ops = await OpsHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await ops.RecordAsync("evt-done", JobStatus.Completed, now.AddMinutes(-3), JobReasons.NoChange);
        await ops.RecordAsync("evt-failed", JobStatus.Failed, now.AddMinutes(-2), JobReasons.RetriesExhausted);

        var page = await OpsPage.OpenAsync(browser, ops.Host, key: null);
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Textbox, new() { Name = "Function key" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator("#content")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page.Page, "01-key-prompt");

        var refused = page.Page.WaitForResponseAsync(r => r.Url.Contains("/api/ops/summary"));
        await page.EnterKeyAsync("a-wrong-key");
        Assert.Equal(401, (await refused).Status);
        await Assertions.Expect(page.Page.Locator("#key-status")).ToContainTextAsync("refused");
        await Assertions.Expect(page.Page.Locator("#content")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page.Page, "02-key-refused");

        await page.EnterKeyAsync(FunctionsTestHost.FunctionKey);
        await page.WaitUntilLoadedAsync();
        await Assertions.Expect(page.JobRow("jobs", "evt-done")).ToContainTextAsync("Completed");
        await Assertions.Expect(page.JobRow("failed", "evt-failed")).ToContainTextAsync("RetriesExhausted");
        await Assertions.Expect(page.Page.Locator("#counts-24h")).ToContainTextAsync("Failed");
        await Assertions.Expect(page.Page.Locator("#chart svg rect.bar-failed")).ToHaveCountAsync(1);
        // Times in the browser's zone (Europe/Berlin here), UTC in the tooltip.
        var shown = page.JobRow("jobs", "evt-done").Locator("time");
        Assert.EndsWith(" UTC", await shown.GetAttributeAsync("title"));
        Assert.Equal(FunctionsTestHost.FunctionKey, await page.Page.EvaluateAsync<string>("() => sessionStorage.getItem('connector-ops-key')"));
        Assert.DoesNotContain(FunctionsTestHost.FunctionKey, page.Page.Url);
        await BrowserFixture.ScreenshotAsync(page.Page, "03-overview-1280");

        // A phone's width: the same page, readable without sideways scrolling of the page itself.
        await page.Page.SetViewportSizeAsync(390, 844);
        var wide = await page.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .visually-hidden, [hidden]')).map(e => e.tagName + '#' + e.id + '.' + e.className)");
        Assert.Empty(wide);
        await BrowserFixture.ScreenshotAsync(page.Page, "04-overview-phone");

        // A reload keeps the key (this tab's session storage). Keyboard: the first Tab reaches the skip link, then the navigation.
        await page.Page.ReloadAsync();
        await page.WaitUntilLoadedAsync();
        await page.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Overview", await page.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        // Nothing the page needs was refused by its Content-Security-Policy.
        Assert.DoesNotContain(page.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal) || e.Contains("Refused to", StringComparison.Ordinal));
        page.AssertOnlyOwnRequests();
    }

    [Fact]
    public async Task A_failed_job_shows_its_reason_and_a_replay_makes_it_queued_then_completed()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:MaxAttempts"] = "1" });
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 100, failStatus = 0, retryAfterSeconds = 0 });
        var contactId = await harness.CreateCompanyAsync("Kieler Kunstschmiede GmbH");
        await harness.DeliverAndProcessAsync(contactId);
        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Failed, job.Status);
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 0, failStatus = 0, retryAfterSeconds = 0 });

        var page = await OpsPage.OpenAsync(browser, harness.Host);
        var row = page.JobRow("failed", job.JobId);
        await Assertions.Expect(row).ToContainTextAsync("RetriesExhausted");
        await BrowserFixture.ScreenshotAsync(page.Page, "05-failed-job");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Replay selected" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#replay-status")).ToContainTextAsync("1 job(s) back on the queue");
        await Assertions.Expect(page.JobRow("jobs", job.JobId)).ToContainTextAsync("Queued");
        await Assertions.Expect(page.JobRow("failed", job.JobId)).ToHaveCountAsync(0);
        Assert.StartsWith("Replayed by function key", (await harness.Jobs.GetAsync(job.JobId))!.Message);
        await BrowserFixture.ScreenshotAsync(page.Page, "06-replayed-queued");

        await harness.Pump.RunUntilIdleAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.JobRow("jobs", job.JobId)).ToContainTextAsync("Completed");
        await page.JobRow("jobs", job.JobId).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#job-detail")).ToContainTextAsync("Fields written");
        await BrowserFixture.ScreenshotAsync(page.Page, "07-replayed-completed");
        Assert.Equal(JobStatus.Completed, (await harness.Jobs.GetAsync(job.JobId))!.Status);
    }

    [Fact]
    public async Task A_webhook_stopped_with_too_many_errors_shows_as_such_and_re_enable_makes_it_active()
    {
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false);
        // The target answers the registration's test event, then fails every delivery.
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? 200 : 503);
        using (var api = await harness.Sandbox.ApiClientAsync())
        {
            await harness.Sandbox.RegisterWebhookAsync(api, receiver.Url, TestServices.WebhookSecret);
        }
        await harness.CreateCompanyAsync("Emder Hafenlogistik GmbH");
        await harness.Sandbox.WaitForDeliveriesAsync(d => d.GetProperty("status").GetInt32() == 503, count: 9);
        async Task<string?> StateAsync()
        {
            using var api = await harness.Sandbox.ApiClientAsync();
            return (await api.GetFromJsonAsync<JsonElement>("Webhook")).EnumerateArray().Single().GetProperty("State").GetString();
        }
        await Eventually.TrueAsync(async () => await StateAsync() == "TooManyErrors", "the webhook to stop with TooManyErrors");

        var page = await OpsPage.OpenAsync(browser, harness.Host);
        var row = page.Page.Locator("#webhooks-table tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("TooManyErrors");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("9");
        await Assertions.Expect(row).ToContainTextAsync("503");
        Assert.DoesNotContain(TestServices.WebhookSecret, await page.Page.ContentAsync());
        await BrowserFixture.ScreenshotAsync(page.Page, "08-webhook-too-many-errors");

        await row.GetByRole(AriaRole.Button, new() { Name = "Re-enable" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#webhook-status")).ToContainTextAsync("is Active");
        await Assertions.Expect(page.Page.Locator("#webhooks-table tbody tr").First).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page.Page, "09-webhook-active");
        Assert.Equal("Active", await StateAsync());
    }

    [Fact]
    public async Task A_report_run_shows_its_summary_and_its_csv_downloads_as_stored()
    {
        await using var ops = await OpsHarness.StartAsync();
        var run = await ops.Services.GetRequiredService<ProductReportRunner>().RunManualAsync(new InMemorySaleSource(SampleSales.Seeded), "browser");
        Assert.Equal(ReportRunOutcome.Completed, run.Outcome);

        var page = await OpsPage.OpenAsync(browser, ops.Host);
        var report = page.Page.Locator($"#reports-list article[data-report='{run.JobId}']");
        await Assertions.Expect(report).ToContainTextAsync("Sales read");
        await Assertions.Expect(report).ToContainTextAsync(run.Summary!.SalesRead.ToString());
        await report.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page.Page, "10-report");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "Sales CSV" }).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(saved);
        var blob = new BlobServiceClient(await Azurite.GetConnectionStringAsync())
            .GetBlobContainerClient(ops.Services.GetRequiredService<StorageNames>().ReportsContainer).GetBlobClient(run.Summary.Blobs.SalesProducts);
        Assert.Equal((await blob.DownloadContentAsync()).Value.Content.ToArray(), await File.ReadAllBytesAsync(saved));
        Assert.Equal(Path.GetFileName(run.Summary.Blobs.SalesProducts), download.SuggestedFilename);
        File.Delete(saved);
        page.AssertOnlyOwnRequests();
    }

    [Fact]
    public async Task Filters_and_paging_show_the_jobs_asked_for()
    {
        await using var ops = await OpsHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 112; i++)
        {
            await ops.RecordAsync($"job-{i:D3}", i % 9 == 0 ? JobStatus.Skipped : JobStatus.Completed, now.AddMinutes(-200 + i),
                i % 9 == 0 ? JobReasons.SelfChange : null, contactId: i % 2 == 0 ? 500 : 501);
        }

        var page = await OpsPage.OpenAsync(browser, ops.Host);
        var rows = page.Page.Locator("#jobs-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-job", "job-111");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Older" }).First.ClickAsync();
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-job", "job-061");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Older" }).First.ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(12);
        await Assertions.Expect(page.Page.Locator("#jobs-next")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page.Page, "11-jobs-last-page");

        await page.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Skipped");
        await page.Page.GetByLabel("Contact id", new() { Exact = true }).FillAsync("501");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var expected = Enumerable.Range(0, 112).Where(i => i % 9 == 0 && i % 2 == 1).Reverse().Select(i => $"job-{i:D3}").ToList();
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.job)"));
        await BrowserFixture.ScreenshotAsync(page.Page, "12-jobs-filtered");

        await page.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Failed");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#jobs-table")).ToContainTextAsync("No jobs match");
        await BrowserFixture.ScreenshotAsync(page.Page, "13-jobs-empty");
    }
}

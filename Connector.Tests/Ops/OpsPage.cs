using Connector.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Connector.Tests.Ops;

/// <summary>The operations page in a browser tab: opening it, giving the key, and watching what it asks of whom.</summary>
internal sealed class OpsPage
{
    private OpsPage(IPage page, Uri baseUrl)
    {
        Page = page;
        BaseUrl = baseUrl;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.Request += (_, request) => Requests.Add(request.Url);
    }

    public IPage Page { get; }
    public Uri BaseUrl { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> Requests { get; } = [];

    public static async Task<OpsPage> OpenAsync(BrowserFixture browser, FunctionsTestHost host, string? key = FunctionsTestHost.FunctionKey, int width = 1280)
    {
        var page = new OpsPage(await browser.NewPageAsync(width), host.BaseUrl);
        await page.Page.GotoAsync(new Uri(host.BaseUrl, "api/ops").ToString());
        if (key is not null)
        {
            await page.EnterKeyAsync(key);
            await page.WaitUntilLoadedAsync();
        }
        return page;
    }

    public async Task EnterKeyAsync(string key)
    {
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Function key" }).FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
    }

    /// <summary>Waits until every section has had its answer (the script marks the body when they are all in).</summary>
    public Task WaitUntilLoadedAsync() => Page.Locator("body[data-ready='true']").WaitForAsync();

    public ILocator JobRow(string section, string jobId) => Page.Locator($"#{section}-table tr[data-job='{jobId}']");

    /// <summary>Every address the page asked for was the app's own.</summary>
    public void AssertOnlyOwnRequests() =>
        Assert.All(Requests, url => Assert.True(url.StartsWith(BaseUrl.ToString(), StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal), url));
}

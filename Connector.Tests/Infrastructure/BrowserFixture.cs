using Microsoft.Playwright;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// One headless Chromium per test class, driven by Playwright. The browser is Debian's (<c>apt-get install chromium</c>,
/// <c>/usr/bin/chromium</c>; <c>CONNECTOR_TEST_CHROMIUM</c> names another), never a Playwright download. The flags
/// keep Chromium from calling out (background networking, component updates, sync): only the test's loopback
/// servers are reached.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "CONNECTOR_TEST_CHROMIUM";
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Executable => Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {Executable}: install it with 'apt-get install chromium' (.ci/run does), or set {ExecutableVariable} to a Chromium binary.");
        }
        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh page (its own session storage) of <paramref name="width"/> CSS pixels, which takes downloads.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of the whole page under <c>artifacts/ops/</c> for review.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = RepositoryRoot.Combine("artifacts", "ops");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Browser is not null)
            {
                // Closing waits on the browser; one that no longer answers must not hold the test run (the driver's
                // end below takes it down).
                await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            _playwright?.Dispose();
        }
    }
}

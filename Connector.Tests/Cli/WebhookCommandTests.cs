using Connector.Tests.Infrastructure;

namespace Connector.Tests.Cli;

/// <summary><c>webhook register/list/status/enable</c> against the sandbox, with a local receiver as the target.</summary>
public sealed class WebhookCommandTests : IAsyncLifetime
{
    private CliSandbox _cli = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _cli = await CliSandbox.StartAsync(o =>
        {
            o.WebhookFailuresBeforeTooManyErrors = 1;
            o.WebhookRetryDelaysMs = [];
        });
        // The registration's test event gets 200; every delivery after it fails.
        _receiver = await WebhookReceiver.StartAsync(n => n == 1 ? 200 : 500);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _cli.DisposeAsync();
    }

    [Fact]
    public async Task Register_list_status_and_enable()
    {
        var target = _receiver.Url + "?code=function-key-123";
        var register = await _cli.RunAsync("webhook", "register", "--url", target, "--json");
        Assert.True(register.ExitCode == 0, register.ToString());
        var id = register.Json.GetProperty("webhookId").GetInt32();
        Assert.Equal("Active", register.Json.GetProperty("state").GetString());
        Assert.DoesNotContain("function-key-123", register.Out);
        Assert.DoesNotContain(CliSandbox.WebhookSecret, register.Out);
        // SuperOffice signs with Webhook:Secret: the test event the receiver got is signed with it.
        Assert.NotEmpty(Assert.Single(_receiver.Requests).Header("X-SuperOffice-Signature"));

        var again = await _cli.RunAsync("webhook", "register", "--url", target);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing registered", again.Out);

        var list = await _cli.RunAsync("webhook", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"{id}\s+SuperOffice enrichment connector\s+Active\s+contact.changed,contact.created", list.Out);
        Assert.Contains("code=********", list.Out);

        var healthy = await _cli.RunAsync("webhook", "status");
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains($"Webhook {id} \"SuperOffice enrichment connector\": Active", healthy.Out);

        // A delivery fails: the sandbox stops the webhook with TooManyErrors.
        await _cli.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = "Auslöser GmbH" });
        var status = await Eventually.GetAsync(() => _cli.RunAsync("webhook", "status", "--json"), s => s.ExitCode != 0, "the webhook to stop");
        Assert.Equal(1, status.ExitCode);
        var view = Assert.Single(status.Json.EnumerateArray());
        Assert.Equal("TooManyErrors", view.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(view.GetProperty("lastError").GetString()));
        Assert.Equal($"Webhook {id} is TooManyErrors; fix what its last error says, then run `so-connector webhook enable {id}`.", status.Error.Trim());

        var enable = await _cli.RunAsync("webhook", "enable", id.ToString());
        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.Contains("is Active", enable.Out);
        Assert.Equal(0, (await _cli.RunAsync("webhook", "status", id.ToString())).ExitCode);
    }

    [Theory]
    [InlineData("http://connector.example.com/api/superoffice/webhook")]
    [InlineData("ftp://connector.example.com/hook")]
    [InlineData("not a url")]
    public async Task Register_refuses_anything_but_https_or_loopback_http(string url)
    {
        var run = await _cli.RunAsync("webhook", "register", "--url", url);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("https://", run.Error);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Register_needs_the_webhook_secret()
    {
        _cli.Environment.Remove("Webhook__Secret");
        var run = await _cli.RunAsync("webhook", "register", "--url", _receiver.Url.ToString());
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Webhook:Secret is empty;", run.Error);
        Assert.Contains("Webhook__Secret", run.Error);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Connector.Core.SuperOffice;
using Connector.Sandbox;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// The connector's real services pointed at a sandbox over loopback HTTP (LoginBaseUrl = the sandbox; the API is
/// discovered), with short retry delays, every log line captured, and every credential issued recorded.
/// </summary>
internal sealed class ClientHarness(SandboxFixture sandbox, ServiceProvider services, CapturingLoggerProvider logs, ClientHarness.RecordingSignIn.Issued issued)
    : IAsyncDisposable
{
    public SandboxFixture Sandbox { get; } = sandbox;
    public ServiceProvider Services { get; } = services;
    public CapturingLoggerProvider Logs { get; } = logs;
    /// <summary>Every access token and ticket the client obtained.</summary>
    public RecordingSignIn.Issued IssuedTokens { get; } = issued;

    public SuperOfficeClient Client => Services.GetRequiredService<SuperOfficeClient>();
    public SuperOfficeWebhookClient Webhooks => Services.GetRequiredService<SuperOfficeWebhookClient>();
    public SuperOfficeArchiveClient Archive => Services.GetRequiredService<SuperOfficeArchiveClient>();

    public static async Task<ClientHarness> StartAsync(
        Action<SandboxOptions>? sandbox = null,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        bool stripWebApiUrlClaim = false,
        Func<SandboxFixture, Dictionary<string, string?>>? lateSettings = null,
        TimeProvider? time = null)
    {
        // One clock for both sides when given (a FakeTimeProvider): the sandbox's tokens and tickets, the client's renewals.
        var fixture = await SandboxFixture.StartAsync(sandbox, time);
        var values = fixture.ConnectorSettings();
        values["SuperOffice:Http:RetryBaseDelaySeconds"] = "0.05";
        values["SuperOffice:Http:MaxRetryAttempts"] = "3";
        values["SuperOffice:Http:AttemptTimeoutSeconds"] = "10";
        values["SuperOffice:Http:TotalTimeoutSeconds"] = "30";
        foreach (var (key, value) in (settings ?? []).Concat(lateSettings?.Invoke(fixture) ?? []))
        {
            values[key] = value;
        }
        var logs = new CapturingLoggerProvider();
        var issued = new RecordingSignIn.Issued();
        var services = await TestServices.CreateAsync(values, s =>
        {
            s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
            if (time is not null)
            {
                s.AddSingleton(time);
            }
            // Decorates the configured sign-in: records what it issues (for the log search), optionally drops the claim.
            s.AddSingleton<ISuperOfficeSignIn>(sp => new RecordingSignIn(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Connector.Core.Configuration.SuperOfficeOptions>>().Value.AuthMode
                    == Connector.Core.Configuration.SuperOfficeAuthMode.SystemUser
                    ? ActivatorUtilities.CreateInstance<SystemUserSignIn>(sp)
                    : ActivatorUtilities.CreateInstance<RefreshTokenSignIn>(sp),
                issued, stripWebApiUrlClaim));
            configure?.Invoke(s);
        }, logs);
        return new ClientHarness(fixture, services, logs, issued);
    }

    /// <summary>The sandbox's request log (method, path, query, status, auth, at), optionally only paths containing <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync(string? path = null) =>
        [.. (await Sandbox.RequestsAsync()).Where(r => path is null || r.GetProperty("path").GetString()!.Contains(path, StringComparison.OrdinalIgnoreCase))];

    public async Task<int> TokenCallsAsync() => (await RequestsAsync("/login/common/oauth/tokens")).Count;

    public async Task<int> SystemUserSignInsAsync() => (await RequestsAsync(SuperOfficeLoginClient.SystemUserPath)).Count;

    /// <summary>The settings of AuthMode SystemUser with <paramref name="key"/> (register its public key with the sandbox).</summary>
    public static Dictionary<string, string?> SystemUserSettings(System.Security.Cryptography.RSA key) => new()
    {
        ["SuperOffice:AuthMode"] = "SystemUser",
        ["SuperOffice:ClientId"] = null,
        ["SuperOffice:RefreshToken"] = null,
        ["SuperOffice:SystemUserToken"] = "SandboxApp-4711",
        ["SuperOffice:PrivateKey"] = key.ExportPkcs8PrivateKeyPem(),
    };

    public Task ClearRequestsAsync() => Sandbox.AdminSendAsync(HttpMethod.Delete, "requests");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Wraps the real sign-in to record every credential issued.</summary>
    internal sealed class RecordingSignIn(ISuperOfficeSignIn inner, RecordingSignIn.Issued issued, bool stripWebApiUrl) : ISuperOfficeSignIn
    {
        public sealed class Issued : ConcurrentQueue<string>;

        public async Task<SuperOfficeCredential> SignInAsync(CancellationToken cancellationToken)
        {
            var credential = await inner.SignInAsync(cancellationToken);
            issued.Enqueue(credential.Token);
            return stripWebApiUrl ? new SuperOfficeCredential(credential.Scheme, credential.Token, credential.RenewAt, null) : credential;
        }
    }
}

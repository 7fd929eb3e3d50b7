using Connector.Sandbox;

namespace Connector.Bench;

/// <summary>A running sandbox, in this process or in its own: where it listens and with which options.</summary>
public sealed class SandboxTarget(Uri baseUrl, SandboxOptions options, Uri companyExplorerBaseUrl, IAsyncDisposable owner) : IAsyncDisposable
{
    public Uri BaseUrl { get; } = baseUrl;
    public SandboxOptions Options { get; } = options;
    public Uri CompanyExplorerBaseUrl { get; } = companyExplorerBaseUrl;

    public static SandboxTarget From(SandboxServer server) => new(server.BaseUrl, server.Options, server.CompanyExplorerBaseUrl, server);

    public static SandboxTarget From(SandboxProcess process) => new(process.BaseUrl, process.Options, process.CompanyExplorerBaseUrl, process);

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Connector.Cli.Configuration;

/// <summary>The <c>Values</c> of a Functions <c>local.settings.json</c> as a configuration source.</summary>
public sealed class LocalSettingsConfigurationSource : JsonConfigurationSource
{
    public const string FileName = "local.settings.json";

    public LocalSettingsConfigurationSource(string fullPath)
    {
        FullPath = fullPath;
        this.ReadOnce(fullPath);
    }

    public string FullPath { get; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(this);
}

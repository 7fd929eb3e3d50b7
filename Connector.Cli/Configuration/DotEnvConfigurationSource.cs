using Microsoft.Extensions.Configuration;

namespace Connector.Cli.Configuration;

/// <summary>A <c>.env</c>-style file (see <see cref="DotEnvFile"/>) as a configuration source.</summary>
public sealed class DotEnvConfigurationSource : FileConfigurationSource
{
    public DotEnvConfigurationSource(string fullPath)
    {
        FullPath = fullPath;
        this.ReadOnce(fullPath);
    }

    public string FullPath { get; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new DotEnvConfigurationProvider(this);
}

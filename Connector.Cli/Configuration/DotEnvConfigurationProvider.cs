using Microsoft.Extensions.Configuration;

namespace Connector.Cli.Configuration;

/// <summary>Loads a <c>.env</c>-style file; a malformed line is a <see cref="CliConfigurationException"/> naming the file and line.</summary>
public sealed class DotEnvConfigurationProvider(DotEnvConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        Data = DotEnvFile.Parse(reader.ReadToEnd(), source.FullPath);
    }
}

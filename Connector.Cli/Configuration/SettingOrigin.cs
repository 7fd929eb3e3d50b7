namespace Connector.Cli.Configuration;

/// <summary>
/// Where one effective setting came from: the source (<c>local.settings.json</c>, <c>.env</c>, <c>environment</c>,
/// <c>--env-file</c>, <c>--set</c>), the file if any, and the prototype name it was given under, if it came through an alias.
/// </summary>
public sealed record SettingOrigin(string Source, string? File = null, string? Alias = null)
{
    public override string ToString()
    {
        var text = File is null ? Source : $"{Source} ({File})";
        return Alias is null ? text : $"{text} as {Alias}";
    }
}

namespace Connector.Cli.Output;

/// <summary>One effective setting as <c>config show</c> reports it; a secret's value is masked.</summary>
public sealed record SettingReport(string Key, string? Value, bool IsSet, bool Secret, string Source, string? File, string? Alias, string? Default);

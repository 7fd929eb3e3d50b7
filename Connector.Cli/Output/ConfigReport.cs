namespace Connector.Cli.Output;

/// <summary>
/// What <c>config show --json</c> prints: the repository root, the sources read (weakest first), every setting, and
/// what the app's validators would refuse at start-up.
/// </summary>
public sealed record ConfigReport(string RepositoryRoot, IReadOnlyList<string> Sources, IReadOnlyList<SettingReport> Settings, IReadOnlyList<string> Problems);

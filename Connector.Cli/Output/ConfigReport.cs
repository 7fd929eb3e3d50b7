namespace Connector.Cli.Output;

/// <summary>What <c>config show --json</c> prints: the repository root, the sources read (weakest first) and every setting.</summary>
public sealed record ConfigReport(string RepositoryRoot, IReadOnlyList<string> Sources, IReadOnlyList<SettingReport> Settings);

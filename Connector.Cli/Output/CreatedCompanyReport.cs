namespace Connector.Cli.Output;

/// <summary>The company <c>create-company</c> made.</summary>
public sealed record CreatedCompanyReport(int ContactId, string? Name, string? OrgNr, IReadOnlyList<string> Urls);

namespace Connector.Core.SuperOffice;

/// <summary>What identifies a company to the outside world: the facts a contact holds that enrichment is asked about.</summary>
public sealed record CompanyProfile
{
    public static readonly CompanyProfile Empty = new();

    public string? Name { get; init; }
    public string? Department { get; init; }
    public string? OrgNr { get; init; }
    public IReadOnlyList<string> Urls { get; init; } = [];
    public IReadOnlyList<string> Domains { get; init; } = [];
    public string? Country { get; init; }
    public string? City { get; init; }
    public IReadOnlyList<string> Phones { get; init; } = [];
    public IReadOnlyList<string> Emails { get; init; } = [];
    public string? Category { get; init; }
    public string? Business { get; init; }
}

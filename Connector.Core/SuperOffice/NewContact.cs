namespace Connector.Core.SuperOffice;

/// <summary>The body of <c>POST v1/Contact</c> (ContactId 0 makes a new company).</summary>
public sealed record NewContact
{
    public int ContactId { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public string? OrgNr { get; init; }
    public IReadOnlyList<ContactValue>? Urls { get; init; }
    /// <summary>Stored forms by ProgId (see <see cref="UserDefinedFieldsWriter"/>).</summary>
    public IReadOnlyDictionary<string, string>? UserDefinedFields { get; init; }
}

using Connector.Core.SuperOffice;

namespace Connector.Core.Sync;

/// <summary>What the sync cycle needs of a contact: its identity (sent for enrichment) and its current UDF values.</summary>
public sealed record SyncContact
{
    public required int ContactId { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? UpdatedDate { get; init; }
    public CompanyProfile Profile { get; init; } = CompanyProfile.Empty;
    /// <summary>Current UDF values by ProgId; a missing key is empty.</summary>
    public IReadOnlyDictionary<string, CurrentValue> Udfs { get; init; } = new Dictionary<string, CurrentValue>();
    /// <summary>Some UDFs could not be read (the malformed-UDF tenant); those show as <see cref="CurrentValueKind.Unknown"/>.</summary>
    public bool UdfsUnreadable { get; init; }
}
